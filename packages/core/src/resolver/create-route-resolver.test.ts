import { describe, expect, it } from 'vitest';
import {
  deepseekLike,
  envCredentials,
  providerLikePlugins,
  togetherLike,
} from '../__fixtures__/provider-like-plugins.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { isReadyRouteCandidate, type ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { createRegistry } from '../registry/create-registry.js';
import type { UserConfig } from '../schema/user-config.js';
import { createRouteResolver, type RouteResolverOptions } from './create-route-resolver.js';
import type { LiveSnapshot } from './live-snapshot.js';
import type { RouteError, RouteRequest } from './route-request.js';
import { explainRoute } from '../explain/route-explanation.js';
import { formatRouteExplanation } from '../explain/format-route-explanation.js';

const registry = createRegistry({ plugins: providerLikePlugins });
type Options = Omit<RouteResolverOptions<(typeof registry.providerIds)[number]>, 'registry'>;

function resolveOk(request: RouteRequest, options: Options = {}): ReadyRouteCandidate {
  const result = createRouteResolver({ registry, ...options }).resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  expect(isReadyRouteCandidate(result.candidate)).toBe(true);
  return result.candidate;
}

function resolveError(request: RouteRequest, options: Options = {}): RouteError {
  const result = createRouteResolver({ registry, ...options }).resolve(request);
  if (result.ok) throw new Error(`expected an error, got ${result.candidate.toString()}`);
  expect(result).not.toHaveProperty('candidate');
  return result.error;
}

const codes = (candidate: ReadyRouteCandidate) => candidate.validation.messages.map((message) => message.code);

describe('provider first', () => {
  it('takes an explicit provider by id or alias, case-insensitively and trimmed', () => {
    const candidate = resolveOk({ provider: ' NIM ', model: 'deepseek-ai/deepseek-v4-pro' });
    expect(candidate.provider).toEqual({ id: 'nvidia-nim', displayName: 'NVIDIA NIM', class: 'aggregator' });
    expect(candidate.decisions.provider.source).toBe('explicit');
  });

  it('rejects an unknown provider, listing the registered ones', () => {
    const error = resolveError({ provider: 'openai', model: 'gpt-4o' });
    expect(error.kind).toBe('unknown-provider');
    expect(error.details.registered).toEqual([
      'deepseek',
      'together',
      'nvidia-nim',
      'huggingface',
      'openrouter',
      'ollama',
      'vllm',
    ]);
    expect(error.message).toBe(
      'Unknown provider "openai" (explicit). Registered providers: deepseek, together, nvidia-nim, huggingface, openrouter, ollama, vllm.',
    );
  });

  it('uses the config provider, then legacy base-URL inference, then the registry default', () => {
    expect(resolveOk({}, { config: { provider: 'hf' } }).decisions.provider).toEqual({
      source: 'config',
      detail: 'Your config\'s default provider is "hf".',
    });
    const inferred = resolveOk({}, { config: { base_url: 'HTTPS://API.TOGETHER.XYZ/v1/' } });
    expect(inferred.provider.id).toBe('together');
    expect(inferred.decisions.provider.source).toBe('base-url');
    expect(inferred.endpoint.official).toBe(true);
    expect(resolveOk({}).decisions.provider).toEqual({
      source: 'default',
      detail: 'No provider was named or configured; "deepseek" is the default.',
    });
  });

  it('never infers a provider from a look-alike host', () => {
    const candidate = resolveOk(
      { model: 'deepseek-v4-pro' },
      { config: { base_url: 'https://api.deepseek.com.evil.example/v1' } },
    );
    // Not inferred: the default provider applies, and the root base_url is not DeepSeek's, so it is not used for it.
    expect(candidate.decisions.provider.source).toBe('default');
    expect(candidate.endpoint).toMatchObject({ baseUrl: 'https://api.deepseek.com', official: true });
  });

  it("an explicit base URL that is one provider's official endpoint chooses it", () => {
    const candidate = resolveOk(
      { baseUrl: 'https://router.huggingface.co/v1', model: 'openai/gpt-oss-120b' },
      { config: { provider: 'deepseek' } },
    );
    expect(candidate.provider.id).toBe('huggingface');
    expect(candidate.decisions.provider.source).toBe('base-url');
  });

  it('never lets a model prefix choose or switch the provider', () => {
    for (const model of [
      'deepseek/deepseek-v4-pro',
      'deepseek-ai/DeepSeek-V4-Pro',
      'qwen/qwen3-coder',
      'openai/gpt-oss-120b',
      'anthropic/claude-sonnet',
    ]) {
      const candidate = resolveOk({ provider: 'together', model });
      expect(candidate.provider.id).toBe('together');
      expect(candidate.wireModelId).toBe(model);
    }
  });
});

describe('explicit models in the active provider scope', () => {
  it("together + deepseek-ai/DeepSeek-V4-Pro maps to the canonical model with Together's own limits and price", () => {
    const candidate = resolveOk(
      { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { credentials: envCredentials(['TOGETHER_API_KEY']) },
    );
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.logicalModel).toBe('deepseek-v4-pro');
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(candidate.limits.contextWindow).toMatchObject({ value: 512_000, source: 'offering' });
    expect(candidate.limits.maxOutput).toMatchObject({ value: 393_216, source: 'model-profile' });
    expect(candidate.meter).toMatchObject({ kind: 'token-pricing', rates: { input: 2.1, output: 4.4 } });
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'TOGETHER_API_KEY' });
    expect(candidate.passThrough).toBe(false);
  });

  it("maps a canonical id to the provider's wire id", () => {
    expect(resolveOk({ provider: 'nvidia-nim', model: 'deepseek-v4-pro' }).wireModelId).toBe(
      'deepseek-ai/deepseek-v4-pro',
    );
    expect(resolveOk({ provider: 'openrouter', model: 'qwen3-coder-480b-a35b' }).wireModelId).toBe('qwen/qwen3-coder');
    expect(resolveOk({ provider: 'together', model: 'deepseek-v4-pro' }).decisions.model.matchedBy).toBe(
      'canonical-id',
    );
  });

  it('passes unknown namespaced ids through aggregators byte-for-byte, case included', () => {
    for (const [provider, model] of [
      ['together', 'deepseek-ai/DeepSeek-V3.1'],
      ['openrouter', 'deepseek/deepseek-v4-flash-0731'],
      ['nvidia-nim', 'z-ai/glm4.7'],
      ['huggingface', 'zai-org/GLM-4.7:cheapest'],
      ['together', 'DeepSeek-AI/deepseek-v4-PRO'],
    ] as const) {
      const candidate = resolveOk({ provider, model });
      expect(candidate.wireModelId).toBe(model);
      expect(candidate.passThrough).toBe(true);
      expect(candidate.canonicalModel).toBeUndefined();
      expect(candidate.meter.kind).toBe('unknown');
    }
  });

  it('keeps Hugging Face :provider suffixes in the wire id while using the catalog facts', () => {
    const candidate = resolveOk({ provider: 'hf', model: 'deepseek-ai/DeepSeek-V4-Pro:novita' });
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro:novita');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.decisions.model.matchedBy).toBe('wire-id');
  });

  it('passes any local tag through Ollama and vLLM, with a local meter', () => {
    const ollama = resolveOk({ provider: 'ollama', model: 'qwen3-coder:30b' });
    expect(ollama).toMatchObject({ wireModelId: 'qwen3-coder:30b', passThrough: true });
    expect(ollama.meter).toEqual({ kind: 'local' });
    expect(ollama.auth.source).toBe('not-required');
    expect(ollama.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', official: true });
    const vllm = resolveOk({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'My-Served/Name' });
    expect(vllm.wireModelId).toBe('My-Served/Name');
    expect(vllm.meter.kind).toBe('local');
  });

  it('trims whitespace and rejects an empty model', () => {
    expect(resolveOk({ provider: 'together', model: '  moonshotai/Kimi-K2.6 \n' }).wireModelId).toBe(
      'moonshotai/Kimi-K2.6',
    );
    const error = resolveError({ provider: 'together', model: '   ' });
    expect(error).toEqual({
      kind: 'empty-model',
      message:
        "The model is empty. Name one (e.g. deepseek-ai/DeepSeek-V4-Pro) or leave it out to use together's default.",
      details: { field: 'model' },
    });
  });

  it('warns about a deprecated offering', () => {
    const candidate = resolveOk({ provider: 'together', model: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8' });
    expect(codes(candidate)).toContain('offering-deprecated');
  });
});

describe('direct provider policy (plugin code, not core)', () => {
  it('deepseek + deepseek-v4-pro is the official offering with its dated price tiers', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.deepseek.com',
      key: 'chat',
      protocol: 'chat-completions',
      official: true,
      headers: {},
    });
    expect(candidate.meter).toMatchObject({ kind: 'token-pricing', timeTiers: [{ name: 'peak', multiplier: 2 }] });
  });

  it("rejects a namespaced or other-family id on DeepSeek's official endpoint as foreign", () => {
    const error = resolveError({ provider: 'deepseek', model: 'qwen/qwen3-coder' });
    expect(error.kind).toBe('foreign-model');
    expect(error.details).toMatchObject({ field: 'model', value: 'qwen/qwen3-coder' });
    expect(resolveError({ provider: 'deepseek', model: 'kimi-k2.6' }).kind).toBe('foreign-model');
  });

  it("defers the provider's own family, including future ids", () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v5-pro' });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-v5-pro', passThrough: true });
  });

  it('maps the 2026 renames with their dates, via the plugin policy', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-flash' });
    expect(candidate.wireModelId).toBe('deepseek-flash');
    expect(candidate.canonicalModel).toBe('deepseek-v4.1-flash');
    expect(candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'model-renamed',
      message:
        '"deepseek-v4-flash" is now "deepseek-flash" at DeepSeek (since 2026-09-10): V4 Flash was retired and is served by V4.1 Flash',
    });
    expect(resolveOk({ provider: 'deepseek', model: 'deepseek-chat' }).decisions.model.detail).toContain(
      'since 2026-07-24',
    );
  });

  it('reports an invalid id (case) with the fix, while canonical names match case-insensitively', () => {
    const error = resolveError({ provider: 'deepseek', model: 'DeepSeek-V5-Pro' });
    expect(error).toMatchObject({
      kind: 'invalid-request',
      details: { field: 'model', suggestion: 'deepseek-v5-pro' },
    });
    // The canonical id is a name for the model, not a wire id: it maps to DeepSeek's lower-case wire id.
    expect(resolveOk({ provider: 'deepseek', model: 'DeepSeek-V4-Pro' })).toMatchObject({
      wireModelId: 'deepseek-v4-pro',
      decisions: { model: { matchedBy: 'canonical-id' } },
    });
  });

  it('defers a foreign id when DeepSeek is reached through a custom base URL', () => {
    const candidate = resolveOk({
      provider: 'deepseek',
      baseUrl: 'https://proxy.example.test/v1',
      model: 'qwen/qwen3-coder',
    });
    expect(candidate.wireModelId).toBe('qwen/qwen3-coder');
    expect(codes(candidate)).toContain('foreign-deferred');
  });
});

describe('a model named without a provider', () => {
  it('a unique match elsewhere moves the route there and says why', () => {
    const candidate = resolveOk({ model: 'deepseek/deepseek-v4-pro' }, { config: { provider: 'ollama' } });
    expect(candidate.provider.id).toBe('openrouter');
    expect(candidate.decisions.provider.source).toBe('model-match');
    expect(candidate.decisions.provider.detail).toContain("only OpenRouter's catalog has it");
    expect(candidate.decisions.provider.detail).toContain('No credential is configured for openrouter yet.');
    expect(candidate.endpoint.baseUrl).toBe('https://openrouter.ai/api/v1');
  });

  it('is ambiguous when several providers with credentials have it, listing provider-scoped refs', () => {
    const error = resolveError(
      { model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { config: { provider: 'ollama' }, credentials: envCredentials(['TOGETHER_API_KEY', 'HF_TOKEN']) },
    );
    expect(error.kind).toBe('ambiguous-model');
    expect(error.details.matches?.map((match) => match.ref)).toEqual([
      'together:deepseek-ai/DeepSeek-V4-Pro',
      'huggingface:deepseek-ai/DeepSeek-V4-Pro',
    ]);
    expect(error.message).toContain('together:deepseek-ai/DeepSeek-V4-Pro, huggingface:deepseek-ai/DeepSeek-V4-Pro');
  });

  it('narrows by usable credentials: with only a Together key, Together wins and the explanation says why', () => {
    const candidate = resolveOk(
      { model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { config: { provider: 'ollama' }, credentials: envCredentials(['TOGETHER_API_KEY']) },
    );
    expect(candidate.provider.id).toBe('together');
    expect(candidate.decisions.provider.detail).toBe(
      '"deepseek-ai/DeepSeek-V4-Pro" is not in Ollama\'s catalog (the active provider); of together, huggingface, only together has a usable credential, so the route goes to together.',
    );
  });

  it('is ambiguous without any credential when several match', () => {
    const error = resolveError({ model: 'deepseek-ai/DeepSeek-V4-Pro' }, { config: { provider: 'ollama' } });
    expect(error.details.matches?.map((match) => [match.ref, match.credentialReady])).toEqual([
      ['together:deepseek-ai/DeepSeek-V4-Pro', false],
      ['huggingface:deepseek-ai/DeepSeek-V4-Pro', false],
    ]);
  });

  it('an explicit provider is never second-guessed', () => {
    const candidate = resolveOk(
      { provider: 'ollama', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { credentials: envCredentials(['TOGETHER_API_KEY']) },
    );
    expect(candidate.provider.id).toBe('ollama');
    expect(candidate.passThrough).toBe(true);
  });

  it('does not move when the caller pinned a base URL', () => {
    const candidate = resolveOk(
      { baseUrl: 'http://127.0.0.1:9999/v1', model: 'deepseek/deepseek-v4-pro' },
      { config: { provider: 'vllm' } },
    );
    expect(candidate.provider.id).toBe('vllm');
    expect(candidate.endpoint.baseUrl).toBe('http://127.0.0.1:9999/v1');
  });

  it("a rename the active provider knows wins over another catalog's canonical match", () => {
    // NIM offers the canonical deepseek-v4-flash; DeepSeek (active, not named) renamed that id to deepseek-flash.
    const candidate = resolveOk({ model: 'deepseek-v4-flash' }, { config: { provider: 'deepseek' } });
    expect(candidate).toMatchObject({
      provider: { id: 'deepseek' },
      wireModelId: 'deepseek-flash',
      canonicalModel: 'deepseek-v4.1-flash',
    });
  });

  it("no match anywhere: the active provider's policy decides", () => {
    expect(resolveOk({ model: 'some-org/unknown-model' }, { config: { provider: 'together' } })).toMatchObject({
      provider: { id: 'together' },
      passThrough: true,
    });
    expect(resolveError({ model: 'some-org/unknown-model' }, { config: { provider: 'deepseek' } }).kind).toBe(
      'foreign-model',
    );
  });
});

describe('no explicit model', () => {
  const config: UserConfig = {
    provider: 'deepseek',
    model: 'deepseek-v4-pro',
    providers: { together: { model: 'moonshotai/Kimi-K2.6' }, ollama: { model: 'qwen3-coder:30b' } },
  };

  it('uses [providers.<active>].model, then the coherent root model, then the provider default', () => {
    expect(resolveOk({ provider: 'together' }, { config })).toMatchObject({
      wireModelId: 'moonshotai/Kimi-K2.6',
      decisions: { model: { source: 'config-provider' } },
    });
    expect(resolveOk({}, { config })).toMatchObject({
      wireModelId: 'deepseek-v4-pro',
      decisions: { model: { source: 'config-root' } },
    });
    expect(resolveOk({ provider: 'nvidia-nim' }, { config })).toMatchObject({
      wireModelId: 'deepseek-ai/deepseek-v4-pro',
      decisions: { model: { source: 'provider-default' } },
    });
  });

  it("switching provider never inherits the previous provider's model", () => {
    const candidate = resolveOk(
      { provider: 'openrouter' },
      { config: { provider: 'together', model: 'moonshotai/Kimi-K2.6' } },
    );
    expect(candidate.wireModelId).toBe('deepseek/deepseek-v4-pro');
    expect(candidate.decisions.model.source).toBe('provider-default');
    expect(codes(candidate)).toContain('root-model-skipped');
    // A local runtime with no default and no saved model gets an error, not the other provider's model.
    const error = resolveError(
      { provider: 'vllm' },
      { config: { provider: 'together', model: 'moonshotai/Kimi-K2.6' } },
    );
    expect(error.kind).toBe('empty-model');
    expect(error.message).toContain('[providers.vllm] model');
  });

  it('applies a provider-agnostic root model only where the catalog has it', () => {
    expect(resolveOk({ provider: 'nvidia-nim' }, { config: { model: 'gpt-oss-120b' } }).wireModelId).toBe(
      'openai/gpt-oss-120b',
    );
    expect(resolveOk({ provider: 'openrouter' }, { config: { model: 'gpt-oss-120b' } }).wireModelId).toBe(
      'deepseek/deepseek-v4-pro',
    );
  });

  it('gives a pass-through id the profile of the canonical model its live listing names', () => {
    const live: LiveSnapshot = {
      model: (provider, _url, wire) =>
        provider === 'ollama' && wire === 'gpt-oss:120b'
          ? {
              record: { id: 'gpt-oss:120b', canonicalModel: 'gpt-oss-120b' },
              fetchedAt: '2026-11-21T08:00:00Z',
              fresh: true,
            }
          : undefined,
      listing: () => undefined,
    };
    const candidate = resolveOk({ provider: 'ollama', model: 'gpt-oss:120b' }, { live });
    expect(candidate).toMatchObject({
      canonicalModel: 'gpt-oss-120b',
      logicalModel: 'gpt-oss-120b',
      wireModelId: 'gpt-oss:120b',
      passThrough: true,
      meter: { kind: 'local' },
    });
    expect(candidate.limits.contextWindow).toMatchObject({ value: 131_072, source: 'model-profile' });
    expect(codes(candidate)).toContain('recognised-by-listing');
  });

  it('uses the only model a live listing reports for a runtime with no default', () => {
    const live: LiveSnapshot = {
      model: () => undefined,
      listing: (provider) =>
        provider === 'vllm'
          ? {
              models: [{ id: 'Qwen/Qwen3-Coder-30B', contextWindow: 65_536 }],
              fetchedAt: '2026-11-21T08:00:00Z',
              fresh: true,
            }
          : undefined,
    };
    const candidate = resolveOk({ provider: 'vllm' }, { live });
    expect(candidate).toMatchObject({
      wireModelId: 'Qwen/Qwen3-Coder-30B',
      decisions: { model: { source: 'live-listing' } },
    });
  });
});

describe('endpoints, custom routes and credential binding', () => {
  it('a custom base URL keeps no offering facts, meters unknown and refuses ambient keys', () => {
    const candidate = resolveOk(
      { provider: 'together', baseUrl: 'https://llm-proxy.internal.example/v1', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { credentials: envCredentials(['TOGETHER_API_KEY']) },
    );
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter).toEqual({
      kind: 'unknown',
      reason: "custom endpoint: Together AI's catalog prices apply only on its official endpoint",
    });
    expect(candidate.limits.contextWindow).toMatchObject({
      value: 1_048_576,
      source: 'model-profile',
      note: 'from the model profile: this custom endpoint may serve the model differently',
    });
    expect(candidate.auth).toEqual({ source: 'missing' });
    expect(codes(candidate)).toContain('credential-missing');
  });

  it('a custom base URL gets a key configured for that table', () => {
    const config: UserConfig = {
      providers: { together: { base_url: 'https://llm-proxy.internal.example/v1', api_key_env: 'PROXY_KEY' } },
    };
    const candidate = resolveOk(
      { provider: 'together', model: 'openai/gpt-oss-120b' },
      { config, credentials: envCredentials(['PROXY_KEY', 'TOGETHER_API_KEY']) },
    );
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'PROXY_KEY' });
  });

  it('enforces the binding rule even when a credential source gets it wrong', () => {
    const leaky = { describe: () => ({ source: 'env' as const, envVar: 'TOGETHER_API_KEY' }) };
    expect(
      resolveOk({ provider: 'together', baseUrl: 'https://api.together.xyz.evil.example/v1' }, { credentials: leaky })
        .auth.source,
    ).toBe('missing');
  });

  it('auth_mode = "none" sends no credential', () => {
    const candidate = resolveOk(
      { provider: 'together' },
      { config: { providers: { together: { auth_mode: 'none' } } }, credentials: envCredentials(['TOGETHER_API_KEY']) },
    );
    expect(candidate.auth).toEqual({ source: 'not-required' });
  });

  it('warns about plain http to a non-loopback host, and refuses URLs carrying secrets', () => {
    expect(codes(resolveOk({ provider: 'vllm', baseUrl: 'http://gpu-box.lan:8000/v1', model: 'm' }))).toContain(
      'plain-http',
    );
    expect(codes(resolveOk({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }))).not.toContain(
      'plain-http',
    );
    const withUser = resolveError({ provider: 'vllm', baseUrl: 'http://user:sk-secret@127.0.0.1:8000/v1', model: 'm' });
    expect(withUser.kind).toBe('invalid-request');
    expect(JSON.stringify(withUser)).not.toContain('sk-secret');
    const withQuery = resolveError({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1?key=sk-secret', model: 'm' });
    expect(JSON.stringify(withQuery)).not.toContain('sk-secret');
    expect(resolveError({ provider: 'vllm', baseUrl: 'not a url', model: 'm' }).details.field).toBe('baseUrl');
  });

  it('the root base_url never follows a switch to another provider', () => {
    const config: UserConfig = { provider: 'deepseek', base_url: 'https://api.deepseek.com/v1' };
    expect(resolveOk({}, { config }).endpoint.baseUrl).toBe('https://api.deepseek.com/v1');
    expect(resolveOk({ provider: 'together' }, { config }).endpoint).toMatchObject({
      baseUrl: 'https://api.together.xyz/v1',
      official: true,
    });
  });

  it("moves to the offering's own endpoint and rejects protocols the host cannot send", () => {
    const anthropicConfig: UserConfig = { providers: { deepseek: { endpoint: 'anthropic' } } };
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro' }, { config: anthropicConfig });
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.deepseek.com/anthropic',
      key: 'anthropic',
      protocol: 'anthropic-messages',
      official: true,
      headers: { 'anthropic-version': '2023-06-01' },
    });
    const error = resolveError(
      { provider: 'deepseek', model: 'deepseek-v4-pro' },
      { config: anthropicConfig, protocols: ['chat-completions'] },
    );
    expect(error).toMatchObject({ kind: 'unsupported-protocol', details: { protocol: 'anthropic-messages' } });
  });
});

describe('limits and live data', () => {
  it('takes the user override first, then fresh live data; stale live data is only a labelled hint', () => {
    const view = (fresh: boolean) => ({
      record: { id: 'deepseek-ai/DeepSeek-V4-Pro', contextWindow: 524_288 },
      fetchedAt: '2026-11-20T10:00:00Z',
      fresh,
    });
    const live = (fresh: boolean): LiveSnapshot => ({
      model: (provider, _url, wire) =>
        provider === 'together' && wire === 'deepseek-ai/DeepSeek-V4-Pro' ? view(fresh) : undefined,
      listing: () => undefined,
    });
    expect(
      resolveOk({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' }, { live: live(true) }).limits
        .contextWindow,
    ).toMatchObject({ value: 524_288, source: 'live' });
    const stale = resolveOk({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' }, { live: live(false) });
    expect(stale.limits.contextWindow).toMatchObject({ value: 512_000, source: 'offering' });
    expect(codes(stale)).toContain('stale-live-data');
    const user = resolveOk(
      { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { live: live(true), config: { providers: { together: { context_window: 200_000 } } } },
    );
    expect(user.limits.contextWindow).toMatchObject({ value: 200_000, source: 'user' });
  });

  it('keeps unknown limits unknown and warns when the context is too small', () => {
    const candidate = resolveOk({ provider: 'together', model: 'moonshotai/Kimi-K2.6', contextTokens: 300_000 });
    expect(candidate.limits.maxOutput).toEqual({ value: 'unknown' });
    expect(codes(candidate)).toContain('context-too-small');
    expect(resolveOk({ provider: 'together', model: 'no/such-model' }).limits).toEqual({
      contextWindow: { value: 'unknown' },
      maxOutput: { value: 'unknown' },
    });
  });
});

describe('auto', () => {
  const credentials = envCredentials(['TOGETHER_API_KEY', 'DEEPSEEK_API_KEY']);

  it.each(['auto', ' AUTO ', 'Auto'])('treats %j as the auto sentinel, never as a model id', (model) => {
    const candidate = resolveOk({ provider: 'together', model });
    expect(candidate.fromAuto).toBe(true);
    expect(candidate.wireModelId).not.toMatch(/auto/i);
  });

  it('a cheap summary turn prefers cost and gets reasoning off', () => {
    const candidate = resolveOk({ provider: 'together', model: 'auto', purpose: 'summary' }, { credentials });
    expect(candidate.wireModelId).toBe('openai/gpt-oss-120b');
    expect(candidate.reasoning).toMatchObject({
      requested: 'off',
      applied: 'off',
      source: 'purpose',
      params: { reasoning_effort: 'none' },
    });
    expect(candidate.decisions.auto?.preference).toBe('cost');
    expect(candidate.decisions.auto?.reason).toContain('cheapest offering meeting the requirements');
  });

  it('planning prefers quality and reasoning high; DeepSeek clamps nothing at high', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'auto', purpose: 'plan' });
    expect(candidate.wireModelId).toBe('deepseek-v4-pro');
    expect(candidate.reasoning).toMatchObject({
      applied: 'high',
      params: { thinking: { type: 'enabled' }, reasoning_effort: 'high' },
    });
  });

  it('hard requirements exclude offerings whose capability is not yes, and the reason is recorded', () => {
    const candidate = resolveOk({ provider: 'together', model: 'auto', requires: ['tools', 'json'] });
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(candidate.decisions.auto?.considered).toContainEqual({
      ref: 'together:moonshotai/Kimi-K2.6',
      outcome: 'excluded',
      reason: 'tools is unknown, json is unknown',
    });
    expect(candidate.decisions.auto?.considered).toContainEqual({
      ref: 'together:Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
      outcome: 'excluded',
      reason: 'deprecated',
    });
  });

  it('minimum context filters, and unsatisfiable requirements are a typed error listing what was considered', () => {
    expect(resolveOk({ provider: 'deepseek', model: 'auto', contextTokens: 1_000_000 }).wireModelId).toBe(
      'deepseek-v4-pro',
    );
    const error = resolveError({ provider: 'together', model: 'auto', requires: ['vision'], contextTokens: 600_000 });
    expect(error.kind).toBe('auto-unsatisfiable');
    expect(error.details.considered?.length).toBeGreaterThan(0);
  });

  it('stays in the active provider unless policy allows others (with credentials)', () => {
    const roleConfig: UserConfig = {
      roles: { summary: { model: 'auto', purpose: 'summary', allow_providers: ['deepseek', 'openrouter'] } },
    };
    const candidate = resolveOk(
      { provider: 'together', role: 'summary', purpose: 'summary' },
      { config: roleConfig, credentials },
    );
    expect(candidate.provider.id).toBe('deepseek');
    expect(candidate.wireModelId).toBe('deepseek-flash');
    expect(candidate.decisions.auto?.considered).toContainEqual({
      ref: 'openrouter:*',
      outcome: 'excluded',
      reason: 'no usable credential',
    });
    expect(resolveOk({ provider: 'together', model: 'auto', purpose: 'summary' }, { credentials }).provider.id).toBe(
      'together',
    );
  });

  it('is deterministic and refuses custom endpoints, where catalog facts do not apply', () => {
    const resolver = createRouteResolver({ registry, credentials });
    const first = resolver.resolve({ provider: 'together', model: 'auto', prefer: 'latency' });
    const second = resolver.resolve({ provider: 'together', model: 'auto', prefer: 'latency' });
    expect(first.ok && second.ok && first.candidate.toJSON()).toEqual(second.ok && second.candidate.toJSON());
    expect(resolveError({ provider: 'together', baseUrl: 'https://proxy.example.test/v1', model: 'auto' }).kind).toBe(
      'auto-unsatisfiable',
    );
  });
});

describe('reasoning normalisation', () => {
  it('maps each level through the provider dialect and clamps with a message, never silently', () => {
    const low = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'low' });
    expect(low.reasoning).toMatchObject({ requested: 'low', applied: 'high', params: { reasoning_effort: 'high' } });
    expect(low.validation.messages).toContainEqual({
      level: 'warning',
      code: 'reasoning-clamped',
      message: 'Reasoning "low" is sent to DeepSeek as "high": DeepSeek offers high and max only.',
    });
    expect(resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'off' }).reasoning.params).toEqual({
      thinking: { type: 'disabled' },
    });
  });

  it("passes on a dialect's note even when nothing is clamped", () => {
    const noted = definePlugin({
      ...togetherLike,
      id: 'noted',
      descriptor: {
        ...togetherLike.descriptor,
        id: 'noted',
        endpoints: { chat: { baseUrl: 'https://api.noted.example.test/v1', protocol: 'chat-completions' } },
      },
      reasoning: {
        map: (level) => ({
          level,
          params: { reasoning_effort: level },
          note: 'support depends on the upstream provider',
        }),
      },
    });
    const candidate = createRouteResolver({ registry: createRegistry({ plugins: [noted] }) }).resolve({
      model: 'moonshotai/Kimi-K2.6',
      reasoning: 'high',
    });
    expect(candidate.ok && candidate.candidate.validation.messages).toContainEqual({
      level: 'info',
      code: 'reasoning-note',
      message: 'Reasoning "high" at Together AI: support depends on the upstream provider',
    });
  });

  it('says so when a provider has no reasoning controls', () => {
    const candidate = resolveOk({ provider: 'nvidia-nim', model: 'deepseek-v4-pro', reasoning: 'max' });
    expect(candidate.reasoning).toEqual({
      requested: 'max',
      applied: 'provider-default',
      source: 'request',
      params: {},
    });
    expect(codes(candidate)).toContain('reasoning-unsupported');
  });

  it('sends nothing when nothing was asked', () => {
    expect(resolveOk({ provider: 'deepseek' }).reasoning).toEqual({
      requested: undefined,
      applied: 'provider-default',
      source: 'none',
      params: {},
    });
  });
});

describe('bad input never throws', () => {
  it.each([
    [{ provider: 42 }, 'invalid-request'],
    [{ prompt: 'write a poem' }, 'invalid-request'],
    [{ requires: ['telepathy'] }, 'invalid-request'],
    [{ prefer: 'vibes' }, 'invalid-request'],
    [{ reasoning: 'extreme' }, 'invalid-request'],
    [{ contextTokens: -1 }, 'invalid-request'],
    [{ provider: '' }, 'invalid-request'],
    [{ role: 'nobody' }, 'invalid-request'],
    [{ provider: 'vllm', model: 'my\u200Bmodel' }, 'invalid-request'],
    [{ provider: 'vllm', model: 'safe\u202Eledom' }, 'invalid-request'],
    [{ provider: 'to\u0000gether' }, 'invalid-request'],
    [null, 'invalid-request'],
  ])('%j -> %s', (request, kind) => {
    expect(resolveError(request as RouteRequest).kind).toBe(kind);
  });

  it('rejects an invalid config once, at construction, with a typed error', () => {
    expect(() =>
      createRouteResolver({ registry, config: { providers: { together: { auth_mode: 'sometimes' } } } as never }),
    ).toThrowError(/config does not match/);
  });
});

describe('fallback chains', () => {
  it('resolves every hop through the same resolver and reports failed hops', () => {
    const chain = createRouteResolver({ registry }).resolveChain([
      { provider: 'nope' },
      { provider: 'deepseek', model: 'qwen/qwen3-coder' },
      { provider: 'together' },
      { provider: 'nvidia-nim' },
    ]);
    expect(chain.hops.map((hop) => (hop.result.ok ? hop.result.candidate.toString() : hop.result.error.kind))).toEqual([
      'unknown-provider',
      'foreign-model',
      'together:deepseek-ai/DeepSeek-V4-Pro',
      'nvidia-nim:deepseek-ai/deepseek-v4-pro',
    ]);
    expect(chain.first?.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
  });
});

describe('a resolver is a snapshot', () => {
  it('reuses immutable results for equal requests, and recomputes with cache: false', () => {
    const cached = createRouteResolver({ registry });
    const first = cached.resolve({ provider: 'together', model: 'moonshotai/Kimi-K2.6' });
    expect(cached.resolve({ provider: 'together', model: 'moonshotai/Kimi-K2.6' })).toBe(first);
    // Another field order is a cache miss, never a different answer.
    const reordered = cached.resolve({ model: 'moonshotai/Kimi-K2.6', provider: 'together' });
    expect(reordered.ok && reordered.candidate.toJSON()).toEqual(first.ok && first.candidate.toJSON());
    expect(Object.isFrozen(first)).toBe(true);
    const uncached = createRouteResolver({ registry, cache: false });
    const again = uncached.resolve({ provider: 'together', model: 'moonshotai/Kimi-K2.6' });
    expect(again).not.toBe(uncached.resolve({ provider: 'together', model: 'moonshotai/Kimi-K2.6' }));
    expect(again.ok && again.candidate.toJSON()).toEqual(first.ok && first.candidate.toJSON());
  });

  it('is not affected by later changes to the config object the host passed', () => {
    const config: UserConfig = { provider: 'together', providers: { together: { model: 'moonshotai/Kimi-K2.6' } } };
    const resolver = createRouteResolver({ registry, config });
    (config.providers as Record<string, { model?: string }>).together = { model: 'openai/gpt-oss-120b' };
    const result = resolver.resolve({});
    expect(result.ok && result.candidate.wireModelId).toBe('moonshotai/Kimi-K2.6');
  });

  it('never lets two different requests share a cached result', () => {
    const resolver = createRouteResolver({ registry });
    const tricky = resolver.resolve({ provider: 'together\u0000model=moonshotai/Kimi-K2.6' });
    const plain = resolver.resolve({ provider: 'together', model: 'moonshotai/Kimi-K2.6' });
    expect(tricky.ok).toBe(false);
    expect(plain.ok).toBe(true);
    expect(resolver.resolve({ contextTokens: 5 })).not.toBe(
      resolver.resolve({ contextTokens: '5' as unknown as number }),
    );
  });
});

describe('endpoint()', () => {
  it("gives the endpoint and credential class a provider's routes use, without needing a model", () => {
    const resolver = createRouteResolver({
      registry,
      config: { providers: { vllm: { base_url: 'http://10.0.0.5:8000/v1', api_key_env: 'VLLM_BOX_KEY' } } },
      credentials: envCredentials(['VLLM_BOX_KEY']),
    });
    const vllm = resolver.endpoint({ provider: 'vllm' });
    // A remote host is never a local runtime's official endpoint (issue 12 item 3); the table's own key still goes there.
    expect(vllm).toMatchObject({
      ok: true,
      provider: { id: 'vllm' },
      endpoint: { baseUrl: 'http://10.0.0.5:8000/v1', official: false },
      auth: { source: 'env', envVar: 'VLLM_BOX_KEY' },
    });
    expect(vllm.ok && vllm.messages.map((message) => message.code)).toEqual(['plain-http']);
    expect(resolver.endpoint({ provider: 'together' })).toMatchObject({
      ok: true,
      endpoint: { baseUrl: 'https://api.together.xyz/v1', official: true },
      auth: { source: 'missing' },
    });
    expect(resolver.endpoint({ provider: 'nope' })).toMatchObject({ ok: false, error: { kind: 'unknown-provider' } });
  });
});

describe('custom endpoints match the catalog only byte-for-byte', () => {
  const proxy = 'https://compatible.example.test/v1';

  /** @see issue 12 item 2 */
  it('a case-folded or canonical-by-case id is sent as typed, with no canonical model and no catalog limits', () => {
    const candidate = resolveOk({ provider: 'together', model: 'DeepSeek-V4-Pro', baseUrl: proxy });
    expect(candidate).toMatchObject({
      wireModelId: 'DeepSeek-V4-Pro',
      canonicalModel: undefined,
      logicalModel: 'DeepSeek-V4-Pro',
      passThrough: true,
    });
    expect(candidate.limits).toEqual({ contextWindow: { value: 'unknown' }, maxOutput: { value: 'unknown' } });
    // The official endpoint still folds case for canonical ids.
    expect(resolveOk({ provider: 'together', model: 'DeepSeek-V4-Pro' })).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro',
      canonicalModel: 'deepseek-v4-pro',
    });
  });

  /** @see issue 12 item 2 */
  it('model aliases, provider-scoped aliases and policy look-up keys are for official endpoints only', () => {
    const aliased = definePlugin({
      ...togetherLike,
      offerings: [
        {
          model: 'qwen3-coder-480b-a35b',
          wireId: 'Qwen/Qwen3-Coder',
          aliases: ['qwen-coder'],
          default: true,
          meter: { kind: 'unknown', reason: 'test' },
        },
      ],
      modelIdPolicy: {
        lookupKey: (id) => id.toLowerCase(),
        classify: () => ({ kind: 'pass-through', reason: 'test' }),
      },
    });
    const resolver = createRouteResolver({ registry: createRegistry({ plugins: [aliased] }) });
    for (const model of ['qwen-coder', 'qwen3-coder-480b-a35b-instruct', 'qwen/qwen3-coder']) {
      const official = resolver.resolve({ model });
      expect(official.ok && official.candidate.canonicalModel, model).toBe('qwen3-coder-480b-a35b');
      const custom = resolver.resolve({ model, baseUrl: proxy });
      expect(
        custom.ok && { wire: custom.candidate.wireModelId, canonical: custom.candidate.canonicalModel },
        model,
      ).toEqual({ wire: model, canonical: undefined });
    }
    const suffixed = resolveOk({ provider: 'hf', model: 'deepseek-ai/DeepSeek-V4-Pro:novita', baseUrl: proxy });
    expect(suffixed).toMatchObject({ wireModelId: 'deepseek-ai/DeepSeek-V4-Pro:novita', canonicalModel: undefined });
  });

  /** @see issue 12 item 2 */
  it('the exact canonical id or wire id names the model: sent as typed, model profile facts only, labelled', () => {
    const canonical = resolveOk({ provider: 'together', model: 'deepseek-v4-pro', baseUrl: proxy });
    expect(canonical).toMatchObject({
      wireModelId: 'deepseek-v4-pro',
      canonicalModel: 'deepseek-v4-pro',
      passThrough: false,
      decisions: { model: { matchedBy: 'canonical-id' } },
    });
    expect(canonical.limits.contextWindow).toMatchObject({
      value: 1_048_576,
      source: 'model-profile',
      note: 'from the model profile: this custom endpoint may serve the model differently',
    });
    expect(canonical.meter.kind).toBe('unknown');
    const wire = resolveOk({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', baseUrl: proxy });
    expect(wire).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro',
      canonicalModel: 'deepseek-v4-pro',
      decisions: { model: { matchedBy: 'wire-id' } },
    });
    expect(wire.limits.contextWindow).toMatchObject({ source: 'model-profile' });
  });

  /** @see issue 12 item 2 */
  it('a provider default nobody named is sent to a custom endpoint without the catalog facts', () => {
    const candidate = resolveOk({ provider: 'together' }, { config: { providers: { together: { base_url: proxy } } } });
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro',
      canonicalModel: undefined,
      passThrough: true,
      decisions: { model: { source: 'provider-default' } },
    });
    expect(candidate.limits.contextWindow).toEqual({ value: 'unknown' });
    expect(codes(candidate)).toContain('default-on-custom');
  });
});

describe('provider names that are not registered', () => {
  /** @see issue 12 item 7 */
  it('a "name:model" string whose name is no provider says so, with the nearest registered one', () => {
    const error = resolveError({ model: 'nope:foo' });
    expect(error.kind).toBe('foreign-model');
    expect(error.message).toContain(
      'If "nope" is meant as a provider: no provider "nope" is registered. Registered providers: deepseek, together,',
    );
    expect(error.details).toMatchObject({ unknownProvider: 'nope' });
    const typo = resolveError({ model: 'togther:moonshotai/Kimi-K2.6' });
    expect(typo.message).toContain(
      'no provider "togther" is registered. Did you mean "together" (the ref together:moonshotai/Kimi-K2.6)?',
    );
    expect(typo.details).toMatchObject({ unknownProvider: 'togther', nearestProvider: 'together' });
    expect(resolveError({ provider: 'togther' })).toMatchObject({
      kind: 'unknown-provider',
      details: { nearestProvider: 'together' },
    });
    expect(resolveError({ provider: 'togther' }).message).toContain('Did you mean "together"?');
  });

  /** @see issue 12 item 7 */
  it('core messages name request fields, not CLI flags', () => {
    const foreign = resolveError({ provider: 'deepseek', model: 'kimi-k2.6' });
    expect(foreign.message).not.toContain('--');
    expect(foreign.message).toContain('name the provider that serves it (provider: "<id>", or the ref <id>:kimi-k2.6)');
    const ambiguous = resolveError({ model: 'deepseek-ai/DeepSeek-V4-Pro' }, { config: { provider: 'ollama' } });
    expect(ambiguous.message).not.toContain('--');
    expect(resolveError({ provider: 'vllm' }).message).not.toContain('--');
    expect(resolveError({ provider: ' ' }).message).not.toContain('--');
  });
});

describe('purpose, preference and reasoning: one precedence, recorded in the decisions', () => {
  const credentials = envCredentials(['TOGETHER_API_KEY']);

  /** @see issue 12 item 8 */
  it("a role's purpose applies the same defaults as a request's purpose, reasoning included", () => {
    const viaRequest = resolveOk({ provider: 'together', model: 'auto', purpose: 'summary' }, { credentials });
    const viaRole = resolveOk(
      { provider: 'together', role: 'summary' },
      { config: { roles: { summary: { model: 'auto', purpose: 'summary' } } }, credentials },
    );
    expect(viaRole.wireModelId).toBe(viaRequest.wireModelId);
    expect(viaRole.reasoning).toEqual(viaRequest.reasoning);
    expect(viaRole.decisions.auto?.preference).toBe('cost');
    expect(viaRole.decisions.purpose).toEqual({
      value: 'summary',
      source: 'role',
      detail: '[roles.summary] purpose = "summary".',
    });
    expect(viaRole.decisions.reasoning).toMatchObject({ value: 'off', source: 'purpose' });
  });

  /** @see issue 12 item 9 */
  it('request > role > saved config > purpose default, and the candidate says which applied', () => {
    const config: UserConfig = { routing: { prefer: 'quality' }, reasoning: 'high' };
    const saved = resolveOk({ provider: 'together', model: 'auto', purpose: 'summary' }, { config, credentials });
    expect(saved.decisions.preference).toEqual({
      value: 'quality',
      source: 'config-routing',
      detail: 'Your config\'s [routing] prefer = "quality".',
    });
    expect(saved.decisions.auto?.preference).toBe('quality');
    expect(saved.decisions.reasoning).toEqual({
      value: 'high',
      source: 'config-root',
      detail: 'Your config\'s reasoning = "high".',
    });
    expect(saved.reasoning).toMatchObject({ requested: 'high', source: 'config' });
    const explicit = resolveOk(
      { provider: 'together', model: 'auto', purpose: 'summary', prefer: 'cost', reasoning: 'low' },
      { config, credentials },
    );
    expect(explicit.decisions.preference).toMatchObject({ value: 'cost', source: 'request' });
    expect(explicit.decisions.reasoning).toMatchObject({ value: 'low', source: 'request' });
    const role = resolveOk(
      { provider: 'together', role: 'summary' },
      { config: { ...config, roles: { summary: { model: 'auto', purpose: 'summary', prefer: 'cost' } } }, credentials },
    );
    expect(role.decisions.preference).toMatchObject({ value: 'cost', source: 'role' });
    const purposeOnly = resolveOk({ provider: 'together', model: 'auto', purpose: 'summary' }, { credentials });
    expect(purposeOnly.decisions.preference).toEqual({
      value: 'cost',
      source: 'purpose',
      detail: 'Purpose "summary" implies prefer "cost", and nothing more explicit set it.',
    });
    expect(resolveOk({ provider: 'together', model: 'auto' }, { credentials }).decisions.preference).toMatchObject({
      value: 'quality',
      source: 'default',
    });
    // A preference that nothing ranked by is not reported as applied.
    expect(
      resolveOk({ provider: 'together', model: 'openai/gpt-oss-120b', prefer: 'cost' }).decisions.preference,
    ).toBeUndefined();
  });

  /** @see issue 12 item 9 */
  it('the explanation text agrees with itself: the auto line and the preference line name the same value', () => {
    const candidate = resolveOk(
      { provider: 'together', model: 'auto', purpose: 'summary' },
      { config: { routing: { prefer: 'quality' } }, credentials },
    );
    const text = formatRouteExplanation(explainRoute(candidate));
    expect(text).toContain('prefer        Your config\'s [routing] prefer = "quality". [config-routing]');
    expect(text).toContain('auto          prefer quality');
    expect(text).not.toContain('prefer cost');
  });
});

/** @see issue 15 item 1: a provider with Chat Completions and Responses endpoints at one base URL (DeepSeek). */
describe("the host's protocols choose among a provider's official endpoints", () => {
  const twoFormats = definePlugin({
    ...deepseekLike,
    descriptor: {
      ...deepseekLike.descriptor,
      endpoints: {
        ...deepseekLike.descriptor.endpoints,
        responses: { baseUrl: 'https://api.deepseek.com', protocol: 'responses' },
      },
    },
  });
  const own = createRegistry({ plugins: [twoFormats] });
  const resolve = (request: RouteRequest, options: Omit<RouteResolverOptions, 'registry'> = {}) => {
    const result = createRouteResolver({ registry: own, ...options }).resolve(request);
    if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
    return result.candidate;
  };
  const request = { provider: 'deepseek', model: 'deepseek-v4-pro' };

  it('keeps the default endpoint when the host can send its protocol', () => {
    expect(resolve(request).endpoint).toMatchObject({ key: 'chat', protocol: 'chat-completions' });
    expect(resolve(request, { protocols: ['responses', 'chat-completions'] }).endpoint.key).toBe('chat');
  });

  it("takes the first official endpoint the host can send when the default's protocol is not among them", () => {
    const candidate = resolve(request, { protocols: ['responses'] });
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.deepseek.com',
      key: 'responses',
      protocol: 'responses',
      official: true,
      headers: {},
    });
    expect(candidate.meter.kind).toBe('token-pricing');
    expect(candidate.decisions.endpoint.detail).toBe(
      "DeepSeek's official responses endpoint: its default chat endpoint speaks a protocol this host cannot send.",
    );
    expect(resolve(request, { protocols: ['anthropic-messages'] }).endpoint.key).toBe('anthropic');
  });

  it('never overrides an endpoint the config names', () => {
    const config: UserConfig = { providers: { deepseek: { endpoint: 'chat' } } };
    const result = createRouteResolver({ registry: own, config, protocols: ['responses'] }).resolve(request);
    expect(result.ok ? 'ok' : result.error.kind).toBe('unsupported-protocol');
    expect(resolve(request, { config: { providers: { deepseek: { endpoint: 'responses' } } } }).endpoint.protocol).toBe(
      'responses',
    );
  });

  it('a pinned base URL shared by two endpoints takes the wanted one, else one the host can send', () => {
    const pinned = { ...request, baseUrl: 'https://api.deepseek.com/' };
    expect(resolve(pinned).endpoint).toMatchObject({ key: 'chat', official: true });
    expect(resolve(pinned, { protocols: ['responses'] }).endpoint).toMatchObject({ key: 'responses', official: true });
    const config: UserConfig = {
      providers: { deepseek: { base_url: 'https://api.deepseek.com', endpoint: 'responses' } },
    };
    expect(resolve(request, { config }).endpoint).toMatchObject({
      key: 'responses',
      protocol: 'responses',
      official: true,
    });
  });
});
