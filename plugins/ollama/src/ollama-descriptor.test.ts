import { createRegistry, createRouteResolver, providerEnvValues, type CredentialSource } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { createOllamaPlugin, ollamaPlugin } from './ollama-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([ollamaPlugin]);

describe('Ollama descriptor: names, environment, own endpoints', () => {
  /** @see issue 12 item 7 */
  it.each(['ollama', 'Ollama', 'ollama-local', 'OLLAMA_LOCAL'])('"%s" names Ollama', (name) => {
    expect(registry.findProvider(name)?.id).toBe('ollama');
  });

  /** @see issue 12 item 4 */
  it('declares OLLAMA_BASE_URL, OLLAMA_MODEL and OLLAMA_HOST (host form, API under /v1)', () => {
    expect(ollamaPlugin.descriptor.env).toEqual({
      baseUrl: 'OLLAMA_BASE_URL',
      model: 'OLLAMA_MODEL',
      host: { name: 'OLLAMA_HOST', path: '/v1' },
    });
  });

  /** @see issue 12 item 4 */
  it.each([
    ['127.0.0.1:21434', 'http://127.0.0.1:21434/v1'],
    ['localhost:21434', 'http://localhost:21434/v1'],
    ['http://gpu-box.lan:11434', 'http://gpu-box.lan:11434/v1'],
  ])('OLLAMA_HOST=%s is the base URL %s', (host, baseUrl) => {
    expect(providerEnvValues(ollamaPlugin.descriptor, { OLLAMA_HOST: host }).baseUrl).toEqual({
      name: 'OLLAMA_HOST',
      value: baseUrl,
    });
  });

  /** @see issue 12 item 4 */
  it('OLLAMA_BASE_URL wins over OLLAMA_HOST, which is reported as ignored; OLLAMA_MODEL names the model', () => {
    const values = providerEnvValues(ollamaPlugin.descriptor, {
      OLLAMA_BASE_URL: 'http://127.0.0.1:21434/v1',
      OLLAMA_HOST: '127.0.0.1:31434',
      OLLAMA_MODEL: 'qwen3-coder:30b',
    });
    expect(values.baseUrl).toEqual({ name: 'OLLAMA_BASE_URL', value: 'http://127.0.0.1:21434/v1' });
    expect(values.model).toEqual({ name: 'OLLAMA_MODEL', value: 'qwen3-coder:30b' });
    expect(values.ignored.map((entry) => entry.name)).toEqual(['OLLAMA_HOST']);
  });

  /** @see issue 12 item 1 */
  it.each(['http://127.0.0.1:11434/v1', 'http://localhost:11434/v1', 'http://LOCALHOST:11434/v1/'])(
    '%s is its own loopback endpoint: keyless, no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'ollama', model: 'some-model', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.auth).toEqual({ source: 'not-required' });
      expect(registry.officialEndpointsAt(baseUrl)).toEqual([{ providerId: 'ollama', endpointKey: 'chat' }]);
    },
  );

  /** @see issue 12 item 1 */
  it.each(['https://ollama.com/v1', 'http://ollama.example/v1', 'http://127.0.0.1:11435/v1'])(
    '%s given explicitly is not its official endpoint: no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'ollama', model: 'some-model', baseUrl });
      expect(candidate.endpoint.official).toBe(false);
      expect(candidate.auth.source).not.toBe('env');
    },
  );

  /** @see issue 12 item 1 (Ollama Cloud is reached through its own table, never with an ambient key) */
  it('Ollama Cloud: [providers.ollama] base_url + api_key_env binds OLLAMA_API_KEY to https://ollama.com/v1 only', () => {
    const config = { providers: { ollama: { base_url: 'https://ollama.com/v1', api_key_env: 'OLLAMA_API_KEY' } } };
    const tableKey: CredentialSource = {
      describe: ({ config: table }) =>
        table?.api_key_env ? { source: 'env', envVar: table.api_key_env } : { source: 'missing' },
    };
    const cloud = createRouteResolver({ registry, config, credentials: tableKey }).resolve({
      provider: 'ollama',
      model: 'gpt-oss:120b',
    });
    if (!cloud.ok) throw new Error(cloud.error.message);
    expect(cloud.candidate.endpoint).toMatchObject({ baseUrl: 'https://ollama.com/v1', official: false });
    expect(cloud.candidate.auth).toEqual({ source: 'env', envVar: 'OLLAMA_API_KEY' });
    expect(cloud.candidate.meter.kind).toBe('unknown');
    const elsewhere = createRouteResolver({ registry, config, credentials: tableKey }).resolve({
      provider: 'ollama',
      model: 'gpt-oss:120b',
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    if (!elsewhere.ok) throw new Error(elsewhere.error.message);
    expect(elsewhere.candidate.auth.source).not.toBe('env');
  });

  it("a second server on another loopback port is only that instance's endpoint", () => {
    const other = createOllamaPlugin({ baseUrl: 'http://127.0.0.1:11435/v1' });
    expect(other.descriptor.endpoints.chat?.alternateBaseUrls).toBeUndefined();
    expect(createRegistry({ plugins: [other] }).officialEndpointsAt('http://127.0.0.1:11434/v1')).toEqual([]);
  });
});
