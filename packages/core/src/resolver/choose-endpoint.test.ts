import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import type { UserConfig } from '../schema/user-config.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';

const registry = createRegistry({ plugins: providerLikePlugins });
const credentials = envCredentials(['DEEPSEEK_API_KEY', 'TOGETHER_API_KEY', 'VLLM_API_KEY']);

function route(request: RouteRequest, config: UserConfig = {}) {
  const result = createRouteResolver({ registry, config, credentials }).resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function failure(request: RouteRequest, config: UserConfig = {}) {
  const result = createRouteResolver({ registry, config, credentials }).resolve(request);
  if (result.ok) throw new Error(`expected an error, got ${result.candidate.toString()}`);
  return result.error;
}

describe('an endpoint the provider does not have', () => {
  it('names the endpoints it does have', () => {
    const error = failure(
      { provider: 'deepseek', model: 'deepseek-v4-pro' },
      { providers: { deepseek: { endpoint: 'responses' } } },
    );
    expect(error).toEqual({
      kind: 'invalid-request',
      message: 'Provider "deepseek" has no endpoint "responses". Its endpoints: chat, anthropic.',
      details: { field: 'baseUrl', value: 'responses' },
    });
  });

  it('is refused by endpoint() too', () => {
    const resolver = createRouteResolver({ registry, config: { providers: { together: { endpoint: 'messages' } } } });
    expect(resolver.endpoint({ provider: 'together' })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-request',
        message: 'Provider "together" has no endpoint "messages". Its endpoints: chat.',
      },
    });
  });
});

describe("a provider's official URLs: its base URL and each alternate, compared normalised", () => {
  it.each([
    ['deepseek', 'https://api.deepseek.com', 'chat'],
    ['deepseek', 'https://api.deepseek.com/v1', 'chat'],
    ['deepseek', 'HTTPS://API.DeepSeek.com/v1/', 'chat'],
    ['deepseek', 'https://api.deepseek.com/anthropic', 'anthropic'],
    ['together', 'https://api.together.xyz/v1', 'chat'],
    ['together', 'https://api.together.ai/v1/', 'chat'],
  ])('%s at %s is its official %s endpoint, with catalog prices and the ambient key', (provider, baseUrl, key) => {
    const candidate = route({ provider, baseUrl });
    expect(candidate.endpoint).toMatchObject({ key, official: true });
    expect(candidate.meter.kind).toBe('token-pricing');
    expect(candidate.auth.source).toBe('env');
    const name = provider === 'deepseek' ? 'DeepSeek' : 'Together AI';
    expect(candidate.decisions.endpoint).toEqual({
      source: 'explicit',
      detail: `The base URL from the request is ${name}'s official ${key} endpoint.`,
    });
  });

  it.each(['https://api.deepseek.com/v2', 'https://api.deepseek.com.evil.example/v1', 'http://api.deepseek.com/v1'])(
    '%s is not official: a custom route without ambient keys',
    (baseUrl) => {
      const candidate = route({ provider: 'deepseek', baseUrl });
      expect(candidate.endpoint).toEqual({
        baseUrl: baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl,
        key: 'chat',
        protocol: 'chat-completions',
        official: false,
        headers: {},
      });
      expect(candidate.auth).toEqual({ source: 'missing' });
      expect(candidate.decisions.endpoint.detail).toBe(
        "The base URL from the request is not DeepSeek's official endpoint: this is a custom route (catalog prices and provider limits do not apply; ambient keys are not sent).",
      );
    },
  );

  it("without a base URL, the route uses the official endpoint's own base URL, normalised", () => {
    const candidate = route({ provider: 'together' });
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.together.xyz/v1',
      key: 'chat',
      protocol: 'chat-completions',
      official: true,
      headers: {},
    });
    expect(candidate.decisions.endpoint).toEqual({
      source: 'official',
      detail: "Together AI's official chat endpoint.",
    });
    // A config that names the provider but no base_url leaves the official endpoint in place.
    expect(route({}, { provider: 'together' }).decisions.endpoint.source).toBe('official');
  });
});

describe('where a base URL came from, in what the route says about it', () => {
  it('names the request field, or the origin the host reports for it', () => {
    expect(failure({ provider: 'vllm', model: 'm', baseUrl: 'localhost:8000' })).toEqual({
      kind: 'invalid-request',
      message: 'The base URL from the request is not an absolute http(s) URL. Write it like https://host/v1.',
      details: { field: 'baseUrl' },
    });
    expect(
      failure({ provider: 'vllm', model: 'm', baseUrl: 'localhost:8000', origin: { baseUrl: 'the --base-url flag' } })
        .message,
    ).toBe('The base URL from the --base-url flag is not an absolute http(s) URL. Write it like https://host/v1.');
  });

  it("names the provider table, by the provider's config key", () => {
    const config: UserConfig = { providers: { vllm: { base_url: 'http://user:pw@127.0.0.1:8000/v1' } } };
    expect(failure({ provider: 'vllm', model: 'm' }, config)).toEqual({
      kind: 'invalid-request',
      message:
        'The base URL from [providers.vllm] base_url contains user info (user:password@). Remove it and configure the key with api_key_env instead; keys never go in URLs.',
      details: { field: 'baseUrl', value: 'http://127.0.0.1:8000/v1' },
    });
  });

  it("names the config's root base_url, which applies to the config's provider only", () => {
    const config: UserConfig = { provider: 'vllm', base_url: 'http://127.0.0.1:8000/v1?token=x' };
    expect(failure({ model: 'm' }, config)).toEqual({
      kind: 'invalid-request',
      message:
        'The base URL from the config base_url has a query string or fragment. Remove it; keys never go in URLs.',
      details: { field: 'baseUrl', value: 'http://127.0.0.1:8000/v1' },
    });
    expect(route({ provider: 'together' }, config).endpoint.baseUrl).toBe('https://api.together.xyz/v1');
    const inferred = route({ model: 'm' }, { base_url: 'http://127.0.0.1:8000/v1' });
    expect(inferred.provider.id).toBe('vllm');
    expect(inferred.decisions.endpoint).toMatchObject({ source: 'config-root' });
    expect(route({ model: 'm' }, { provider: 'vllm', base_url: 'http://127.0.0.1:8001/v1' }).endpoint).toMatchObject({
      baseUrl: 'http://127.0.0.1:8001/v1',
    });
  });

  it('an official endpoint the config names is described as such, and a remote provider on loopback is custom', () => {
    const anthropic = route(
      { provider: 'deepseek', model: 'deepseek-v4-pro' },
      { providers: { deepseek: { endpoint: 'anthropic' } } },
    );
    expect(anthropic.decisions.endpoint).toEqual({
      source: 'official',
      detail: "DeepSeek's official anthropic endpoint.",
    });
    const tunnel = route(
      { provider: 'together' },
      { providers: { together: { base_url: 'http://127.0.0.1:8080/v1' } } },
    );
    expect(tunnel.endpoint.official).toBe(false);
    expect(tunnel.validation.messages.map((message) => message.code)).not.toContain('plain-http');
    const https = route({ provider: 'vllm', model: 'm', baseUrl: 'https://gpu-box.lan/v1' });
    expect(https.validation.messages.map((message) => message.code)).not.toContain('plain-http');
  });

  it("a local runtime's configured loopback URL is where you run it; a remote host or a request's URL is custom", () => {
    const local = route(
      { provider: 'vllm', model: 'm' },
      { providers: { vllm: { base_url: 'http://127.0.0.1:9000/v1' } } },
    );
    expect(local.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:9000/v1', official: true });
    expect(local.decisions.endpoint).toEqual({
      source: 'config-provider',
      detail: 'The base URL from [providers.vllm] base_url is where you run vLLM.',
    });
    const remote = route(
      { provider: 'vllm', model: 'm' },
      { providers: { vllm: { base_url: 'https://gpu.example/v1' } } },
    );
    expect(remote.endpoint.official).toBe(false);
    expect(route({ provider: 'vllm', model: 'm', baseUrl: 'http://127.0.0.1:9000/v1' }).endpoint.official).toBe(false);
  });

  it('warns about plain http to a remote host, naming the host and the fix', () => {
    const candidate = route({ provider: 'vllm', model: 'm', baseUrl: 'http://gpu-box.lan:8000/v1' });
    expect(candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'plain-http',
      message:
        'Requests go over plain http:// to gpu-box.lan, a non-loopback host: anything sent, including the key, can be read on the network. Use https://.',
    });
  });
});
