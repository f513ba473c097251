import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins, togetherLike, vllmLike } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import type { UserConfig } from '../schema/user-config.js';
import type { LiveSnapshot } from './live-snapshot.js';
import { createRouteResolver, type RouteResolverOptions } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';

const registry = createRegistry({ plugins: providerLikePlugins });
type Options = { config?: UserConfig; keys?: readonly string[]; live?: LiveSnapshot };
const CUSTOM = 'http://127.0.0.1:9/v1';

function resolve(request: RouteRequest, options: Options = {}) {
  const settings: RouteResolverOptions<string> = {
    registry,
    credentials: envCredentials(options.keys ?? []),
    ...(options.config ? { config: options.config } : {}),
    ...(options.live ? { live: options.live } : {}),
  };
  return createRouteResolver(settings).resolve(request);
}

function route(request: RouteRequest, options: Options = {}) {
  const result = resolve(request, options);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function failure(request: RouteRequest, options: Options = {}) {
  const result = resolve(request, options);
  if (result.ok) throw new Error(`expected an error, got ${result.candidate.wireModelId}`);
  return result.error;
}

const messages = (request: RouteRequest, options: Options = {}) =>
  route(request, options).validation.messages.map(({ level, code, message }) => ({ level, code, message }));

describe('a model named in the provider scope (official endpoint)', () => {
  it('a wire id is sent byte-for-byte, even with a suffix the catalog match ignores', () => {
    const candidate = route({ provider: 'hf', model: 'deepseek-ai/DeepSeek-V4-Pro:fastest' });
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro:fastest',
      canonicalModel: 'deepseek-v4-pro',
      passThrough: false,
    });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'wire-id',
      detail: `"deepseek-ai/DeepSeek-V4-Pro:fastest" is Hugging Face Inference Providers's wire id for deepseek-v4-pro.`,
    });
  });

  it("a canonical id picks the provider's wire id for it", () => {
    const candidate = route({ provider: 'together', model: 'deepseek-v4-pro' });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-ai/DeepSeek-V4-Pro', canonicalModel: 'deepseek-v4-pro' });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'canonical-id',
      detail: '"deepseek-v4-pro" is a canonical model; Together AI serves it as deepseek-ai/DeepSeek-V4-Pro.',
    });
  });

  it("another name of a model (the profile's alias) picks the provider's offering of it", () => {
    const candidate = route({ provider: 'nim', model: 'qwen3-coder-480b-a35b-instruct' });
    expect(candidate).toMatchObject({
      wireModelId: 'qwen/qwen3-coder-480b-a35b-instruct',
      canonicalModel: 'qwen3-coder-480b-a35b',
      passThrough: false,
    });
    expect(candidate.decisions.model.matchedBy).not.toBe('policy');
  });

  it('warns when the chosen offering is deprecated', () => {
    expect(messages({ provider: 'together', model: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8' })).toContainEqual({
      level: 'warning',
      code: 'offering-deprecated',
      message: 'Together AI marks Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8 as deprecated.',
    });
    expect(messages({ provider: 'together', model: 'openai/gpt-oss-120b' }).map((m) => m.code)).not.toContain(
      'offering-deprecated',
    );
  });

  it('a leading or trailing space is not part of the id', () => {
    expect(route({ provider: 'together', model: '  moonshotai/Kimi-K2.6 ' }).wireModelId).toBe('moonshotai/Kimi-K2.6');
  });
});

describe('a custom endpoint', () => {
  it('an exact wire id keeps only the model profile, and is sent as typed', () => {
    const candidate = route({ provider: 'together', baseUrl: CUSTOM, model: 'moonshotai/Kimi-K2.6' });
    expect(candidate).toMatchObject({
      wireModelId: 'moonshotai/Kimi-K2.6',
      canonicalModel: 'kimi-k2.6',
      passThrough: false,
    });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'wire-id',
      detail:
        '"moonshotai/Kimi-K2.6" is exactly Together AI\'s wire id for kimi-k2.6; this endpoint is custom, so it is sent as typed and only the model profile\'s facts apply.',
    });
  });

  it('an exact canonical id is sent as typed, not mapped to the official wire id', () => {
    const candidate = route({ provider: 'together', baseUrl: CUSTOM, model: 'kimi-k2.6' });
    expect(candidate).toMatchObject({ wireModelId: 'kimi-k2.6', canonicalModel: 'kimi-k2.6', passThrough: false });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'canonical-id',
      detail:
        '"kimi-k2.6" is exactly the canonical id of kimi-k2.6; this endpoint is custom, so it is sent as typed and only the model profile\'s facts apply.',
    });
  });

  it('a differently cased id or an alias is not recognised there: it passes through', () => {
    for (const model of ['moonshotai/kimi-k2.6', 'KIMI-K2.6', 'qwen3-coder-480b-a35b-instruct']) {
      const candidate = route({ provider: 'together', baseUrl: CUSTOM, model });
      expect(candidate).toMatchObject({ wireModelId: model, passThrough: true, canonicalModel: undefined });
      expect(candidate.decisions.model.matchedBy).toBe('policy');
    }
  });

  it("with no model named, the provider's default id is sent unchecked", () => {
    const candidate = route({ provider: 'together', baseUrl: CUSTOM });
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro',
      passThrough: true,
      canonicalModel: undefined,
    });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'provider-default',
      matchedBy: 'policy',
      detail:
        'No model was named or saved for together; its default id deepseek-ai/DeepSeek-V4-Pro is sent to this custom endpoint unchecked.',
    });
    expect(messages({ provider: 'together', baseUrl: CUSTOM })).toContainEqual({
      level: 'info',
      code: 'default-on-custom',
      message:
        "No model was named; together's default deepseek-ai/DeepSeek-V4-Pro is assumed to exist at this custom endpoint. Name the model to get its profile's facts.",
    });
  });

  it("a DeepSeek-foreign id is sent unchanged there, with a warning instead of DeepSeek's rejection", () => {
    const request = { provider: 'deepseek', baseUrl: CUSTOM, model: 'gpt-4o' };
    expect(route(request)).toMatchObject({ wireModelId: 'gpt-4o', passThrough: true });
    expect(route(request).decisions.model.detail).toBe(
      '"gpt-4o" is not in DeepSeek\'s catalog; it is sent unchanged (deferred to the provider).',
    );
    expect(messages(request)).toContainEqual({
      level: 'warning',
      code: 'foreign-deferred',
      message:
        'DeepSeek\'s policy calls "gpt-4o" foreign (not a DeepSeek-family id), but this endpoint is not its official one, so the id is sent unchanged.',
    });
  });

  it('a renamed id maps to the new exact wire id there too', () => {
    const candidate = route({ provider: 'deepseek', baseUrl: CUSTOM, model: 'deepseek-chat' });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-flash', canonicalModel: 'deepseek-v4.1-flash' });
    expect(candidate.decisions.model.matchedBy).toBe('policy');
  });
});

describe("the provider's id policy for ids its catalog lacks", () => {
  it('a renamed id goes to its new wire id, with a dated warning', () => {
    const candidate = route({ provider: 'deepseek', model: 'deepseek-reasoner' });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-flash', canonicalModel: 'deepseek-v4.1-flash' });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'policy',
      detail:
        '"deepseek-reasoner" was renamed to "deepseek-flash" (since 2026-07-24); "deepseek-flash" is DeepSeek\'s wire id for deepseek-v4.1-flash.',
    });
    expect(messages({ provider: 'deepseek', model: 'deepseek-reasoner' })).toContainEqual({
      level: 'warning',
      code: 'model-renamed',
      message:
        '"deepseek-reasoner" is now "deepseek-flash" at DeepSeek (since 2026-07-24): the legacy alias was retired; use reasoning "high"',
    });
  });

  it("a rename the active provider knows wins over another provider's catalog", () => {
    // No provider named: NIM's catalog has deepseek-v4-flash, but DeepSeek (the default) renamed it.
    const candidate = route({ model: 'deepseek-v4-flash' }, { keys: ['NVIDIA_API_KEY'] });
    expect(candidate.provider.id).toBe('deepseek');
    expect(candidate.wireModelId).toBe('deepseek-flash');
  });

  it('an id foreign to a direct provider on its official endpoint is an error that says how to fix it', () => {
    const error = failure({ provider: 'deepseek', model: 'gpt-4o' });
    expect(error).toStrictEqual({
      kind: 'foreign-model',
      message:
        'DeepSeek does not serve "gpt-4o": not a DeepSeek-family id. To use it elsewhere, name the provider that serves it (provider: "<id>", or the ref <id>:gpt-4o).',
      details: { field: 'model', value: 'gpt-4o', reason: 'not a DeepSeek-family id' },
    });
  });

  it('a foreign `name:model` string whose name is no provider says so when nobody named the provider', () => {
    const error = failure({ model: 'togther:glm-4.7' });
    expect(error.kind).toBe('foreign-model');
    expect(error.details).toStrictEqual({
      field: 'model',
      value: 'togther:glm-4.7',
      reason: 'not a DeepSeek-family id',
      unknownProvider: 'togther',
      nearestProvider: 'together',
    });
    expect(error.message).toBe(
      'DeepSeek does not serve "togther:glm-4.7": not a DeepSeek-family id. If "togther" is meant as a provider: no provider "togther" is registered. Did you mean "together" (the ref together:glm-4.7)?',
    );
    // Named provider: the prefix is not second-guessed.
    expect(failure({ provider: 'deepseek', model: 'togther:glm-4.7' }).details).not.toHaveProperty('unknownProvider');
  });

  it('an invalid id is rejected with the suggested fix', () => {
    const error = failure({ provider: 'deepseek', model: 'DeepSeek-V9' });
    expect(error).toStrictEqual({
      kind: 'invalid-request',
      message: '"DeepSeek-V9" is not a valid DeepSeek model id: DeepSeek model ids are lower-case. Try "deepseek-v9".',
      details: {
        field: 'model',
        value: 'DeepSeek-V9',
        reason: 'DeepSeek model ids are lower-case',
        suggestion: 'deepseek-v9',
      },
    });
  });

  it('an invalid `name:model` string also names the unknown provider prefix', () => {
    const error = failure({ model: 'Zzzz:Model' });
    expect(error.kind).toBe('invalid-request');
    expect(error.details).toMatchObject({ unknownProvider: 'Zzzz', suggestion: 'zzzz:model' });
    expect(error.details).not.toHaveProperty('nearestProvider');
    expect(error.message).toBe(
      '"Zzzz:Model" is not a valid DeepSeek model id: DeepSeek model ids are lower-case. Try "zzzz:model". If "Zzzz" is meant as a provider: no provider "Zzzz" is registered. Registered providers: deepseek, together, nvidia-nim, huggingface, openrouter, ollama, vllm.',
    );
  });

  it('an unknown id the policy passes through is sent unchanged with its reason', () => {
    const candidate = route({ provider: 'deepseek', model: 'deepseek-v9' });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-v9', passThrough: true, canonicalModel: undefined });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'policy',
      detail:
        '"deepseek-v9" is not in DeepSeek\'s catalog; it is sent unchanged (a DeepSeek-family id, deferred to DeepSeek\'s /models).',
    });
  });

  it('a known model the provider does not offer is sent as-is, with a note', () => {
    expect(messages({ provider: 'vllm', model: 'kimi-k2.6' })).toContainEqual({
      level: 'info',
      code: 'not-offered',
      message: 'vLLM\'s catalog has no offering of kimi-k2.6; "kimi-k2.6" is sent as-is for vLLM to decide.',
    });
    expect(messages({ provider: 'vllm', model: 'my-finetune' }).map((m) => m.code)).not.toContain('not-offered');
  });

  it('an id in custom_models is sent unchanged and says so', () => {
    const candidate = route(
      { provider: 'together', model: 'me/my-finetune' },
      { config: { providers: { together: { custom_models: ['me/my-finetune'] } } } },
    );
    expect(candidate).toMatchObject({ wireModelId: 'me/my-finetune', passThrough: true });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'custom-models',
      detail: '"me/my-finetune" is in your custom_models for together; it is sent unchanged.',
    });
  });
});

describe('a model id the active provider lacks, when no provider was named', () => {
  it('moves to the only provider whose catalog has it, and says a credential is missing', () => {
    const candidate = route({ model: 'moonshotai/Kimi-K2.6' });
    expect(candidate.provider.id).toBe('together');
    expect(candidate.wireModelId).toBe('moonshotai/Kimi-K2.6');
    expect(candidate.decisions.provider).toStrictEqual({
      source: 'model-match',
      detail:
        '"moonshotai/Kimi-K2.6" is not in DeepSeek\'s catalog (the active provider); only Together AI\'s catalog has it, so the route goes to together. No credential is configured for together yet.',
    });
    expect(candidate.decisions.model).toMatchObject({ source: 'explicit', matchedBy: 'wire-id' });
  });

  it('with a ready credential the move says nothing about credentials', () => {
    const candidate = route({ model: 'moonshotai/Kimi-K2.6' }, { keys: ['TOGETHER_API_KEY'] });
    expect(candidate.decisions.provider.detail).toBe(
      '"moonshotai/Kimi-K2.6" is not in DeepSeek\'s catalog (the active provider); only Together AI\'s catalog has it, so the route goes to together.',
    );
  });

  it("a role's model moves the route the same way", () => {
    const candidate = route(
      { role: 'side' },
      { config: { roles: { side: { model: 'moonshotai/Kimi-K2.6' } } }, keys: ['TOGETHER_API_KEY'] },
    );
    expect(candidate.provider.id).toBe('together');
    expect(candidate.decisions.model.source).toBe('role');
  });

  it('an alias maps to the wire id of the provider it moves to', () => {
    const candidate = route({ model: 'qwen/qwen3-coder' });
    expect(candidate.provider.id).toBe('openrouter');
    expect(candidate.wireModelId).toBe('qwen/qwen3-coder');
  });

  it('a canonical id maps to the official wire id of the provider it moves to', () => {
    const candidate = route({ model: 'kimi-k2.6' });
    expect(candidate.provider.id).toBe('together');
    expect(candidate).toMatchObject({ wireModelId: 'moonshotai/Kimi-K2.6', canonicalModel: 'kimi-k2.6' });
    expect(candidate.decisions.model.matchedBy).toBe('canonical-id');
  });

  it('several matches are ambiguous: the error lists ready-to-paste refs', () => {
    const error = failure({ model: 'openai/gpt-oss-120b' });
    expect(error.kind).toBe('ambiguous-model');
    expect(error.message).toBe(
      '"openai/gpt-oss-120b" is not in DeepSeek\'s catalog and matches several providers: together:openai/gpt-oss-120b, nvidia-nim:openai/gpt-oss-120b, huggingface:openai/gpt-oss-120b. Name one: provider "together", or the ref "together:openai/gpt-oss-120b".',
    );
    expect(error.details).toStrictEqual({
      field: 'model',
      value: 'openai/gpt-oss-120b',
      matches: ['together', 'nvidia-nim', 'huggingface'].map((provider) => ({
        ref: `${provider}:openai/gpt-oss-120b`,
        provider,
        wireModelId: 'openai/gpt-oss-120b',
        credentialReady: false,
      })),
    });
  });

  it('a canonical id suggests each provider by its own wire id', () => {
    const error = failure({ model: 'llama-3.3-70b-instruct' });
    expect(error.details.matches?.map((match) => match.ref)).toEqual([
      'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'nvidia-nim:meta/llama-3.3-70b-instruct',
    ]);
  });

  it('among several matches, the only one with a credential wins', () => {
    const candidate = route({ model: 'openai/gpt-oss-120b' }, { keys: ['HF_TOKEN'] });
    expect(candidate.provider.id).toBe('huggingface');
    expect(candidate.decisions.provider.detail).toBe(
      '"openai/gpt-oss-120b" is not in DeepSeek\'s catalog (the active provider); of together, nvidia-nim, huggingface, only huggingface has a usable credential, so the route goes to huggingface.',
    );
  });

  it('several matches with credentials stay ambiguous, narrowed to those', () => {
    const error = failure({ model: 'openai/gpt-oss-120b' }, { keys: ['HF_TOKEN', 'NVIDIA_API_KEY'] });
    expect(error.message).toBe(
      '"openai/gpt-oss-120b" is not in DeepSeek\'s catalog and matches several providers (among providers with a usable credential): nvidia-nim:openai/gpt-oss-120b, huggingface:openai/gpt-oss-120b. Name one: provider "nvidia-nim", or the ref "nvidia-nim:openai/gpt-oss-120b".',
    );
    expect(error.details.matches?.map((match) => match.credentialReady)).toEqual([true, true]);
  });

  it('all matches ready: no narrowing note', () => {
    const error = failure({ model: 'llama-3.3-70b-instruct' }, { keys: ['TOGETHER_API_KEY', 'NVIDIA_API_KEY'] });
    expect(error.message).not.toContain('among providers');
  });

  it('a named provider (request or role), or a pinned base URL, is never left for another catalog', () => {
    const id = 'openai/gpt-oss-120b';
    expect(failure({ provider: 'deepseek', model: id }).kind).toBe('foreign-model');
    expect(failure({ role: 'r' }, { config: { roles: { r: { provider: 'deepseek', model: id } } } }).kind).toBe(
      'foreign-model',
    );
    expect(failure({ baseUrl: 'https://api.deepseek.com', model: id }).kind).toBe('foreign-model');
    // A saved default provider is not a named one: the id may still move.
    expect(failure({ model: id }, { config: { provider: 'deepseek' } }).kind).toBe('ambiguous-model');
  });
});

describe('empty models', () => {
  it("an empty explicit model is an error naming the provider's default", () => {
    expect(failure({ provider: 'together', model: '  ' })).toStrictEqual({
      kind: 'empty-model',
      message:
        "The model is empty. Name one (e.g. deepseek-ai/DeepSeek-V4-Pro) or leave it out to use together's default.",
      details: { field: 'model' },
    });
  });

  it('says where the empty value came from', () => {
    expect(failure({ provider: 'together', model: '', origin: { model: 'flag --model' } }).message).toBe(
      "The model is empty (flag --model). Name one (e.g. deepseek-ai/DeepSeek-V4-Pro) or leave it out to use together's default.",
    );
    expect(failure({ provider: 'vllm', role: 'quick' }, { config: { roles: { quick: { model: ' ' } } } }).message).toBe(
      "The model is empty ([roles.quick] model). Name one (e.g. a model id) or leave it out to use vllm's default.",
    );
  });

  it('a provider without a default needs a model, and the error says where to set it', () => {
    expect(failure({ provider: 'vllm' })).toStrictEqual({
      kind: 'empty-model',
      message:
        'No model given, and vLLM has no default model. Name one in the request, or set [providers.vllm] model = "..." (the server\'s /models listing says what it serves).',
      details: { field: 'model' },
    });
  });
});

describe('models nobody named in the request', () => {
  it("the provider's saved model comes first, then the root model, then the provider's default", () => {
    const config: UserConfig = {
      provider: 'together',
      model: 'kimi-k2.6',
      providers: { together: { model: 'openai/gpt-oss-120b' } },
    };
    const saved = route({}, { config });
    expect(saved.wireModelId).toBe('openai/gpt-oss-120b');
    expect(saved.decisions.model).toMatchObject({ source: 'config-provider', matchedBy: 'wire-id' });
    const root = route({}, { config: { provider: 'together', model: 'kimi-k2.6' } });
    expect(root.wireModelId).toBe('moonshotai/Kimi-K2.6');
    expect(root.decisions.model).toMatchObject({ source: 'config-root', matchedBy: 'canonical-id' });
    const fallback = route({ provider: 'together' });
    expect(fallback).toMatchObject({ wireModelId: 'deepseek-ai/DeepSeek-V4-Pro', canonicalModel: 'deepseek-v4-pro' });
    expect(fallback.passThrough).toBe(false);
    expect(fallback.decisions.model).toStrictEqual({
      source: 'provider-default',
      matchedBy: 'wire-id',
      detail: 'No model was named or saved for together; its default is deepseek-ai/DeepSeek-V4-Pro.',
    });
  });

  it('a saved model that is not in the catalog is never sent to another provider', () => {
    const candidate = route(
      {},
      { config: { provider: 'deepseek', providers: { deepseek: { model: 'deepseek-v9' } } } },
    );
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-v9', passThrough: true });
    expect(candidate.provider.id).toBe('deepseek');
    expect(candidate.decisions.model.source).toBe('config-provider');
  });

  it('"auto" (any case) in the request, the provider table or the root model lets auto choose', () => {
    const explicit = route({ provider: 'together', model: ' AUTO ' }, { keys: ['TOGETHER_API_KEY'] });
    expect(explicit.fromAuto).toBe(true);
    expect(explicit.decisions.model.source).toBe('explicit');
    const table = route(
      {},
      { config: { provider: 'together', providers: { together: { model: 'Auto' } } }, keys: ['TOGETHER_API_KEY'] },
    );
    expect(table.fromAuto).toBe(true);
    expect(table.decisions.model.source).toBe('config-provider');
    const root = route({}, { config: { provider: 'together', model: 'auto' }, keys: ['TOGETHER_API_KEY'] });
    expect(root.fromAuto).toBe(true);
    expect(root.decisions.model.source).toBe('config-root');
  });

  it('the root model saved for another provider is skipped: the active provider uses its own default', () => {
    const options = { config: { provider: 'together', model: 'kimi-k2.6' } };
    expect(route({ provider: 'deepseek' }, options).wireModelId).toBe('deepseek-v4-pro');
    expect(messages({ provider: 'deepseek' }, options)).toContainEqual({
      level: 'info',
      code: 'root-model-skipped',
      message: 'Your config\'s model "kimi-k2.6" is saved for together, not deepseek; deepseek uses its own default.',
    });
    // Saved for the same provider (by alias): it applies.
    expect(route({ provider: 'nvidia-nim' }, { config: { provider: 'nim', model: 'gpt-oss-120b' } })).toMatchObject({
      wireModelId: 'openai/gpt-oss-120b',
      decisions: { model: { source: 'config-root' } },
    });
    expect(route({}, { config: { provider: 'hf', model: 'gpt-oss-120b' } }).wireModelId).toBe('openai/gpt-oss-120b');
  });

  it('a root model with no saved provider applies only where the catalog has it', () => {
    const options = { config: { model: 'moonshotai/Kimi-K2.6' } };
    expect(route({}, options).wireModelId).toBe('deepseek-v4-pro');
    expect(messages({}, options)).toContainEqual({
      level: 'info',
      code: 'root-model-skipped',
      message:
        'Your config\'s model "moonshotai/Kimi-K2.6" is not in deepseek\'s catalog; deepseek uses its own default.',
    });
    expect(route({ provider: 'together' }, options)).toMatchObject({
      wireModelId: 'moonshotai/Kimi-K2.6',
      decisions: { model: { source: 'config-root' } },
    });
    // A custom endpoint has no catalog to check against: the root model is sent as typed.
    expect(route({ provider: 'together', baseUrl: CUSTOM }, { config: { model: 'my-model' } })).toMatchObject({
      wireModelId: 'my-model',
      passThrough: true,
      decisions: { model: { source: 'config-root' } },
    });
  });

  it('a root model saved for the active provider is used even when its catalog lacks it', () => {
    const candidate = route({}, { config: { provider: 'deepseek', model: 'deepseek-v9' } });
    expect(candidate).toMatchObject({ wireModelId: 'deepseek-v9', passThrough: true });
    expect(candidate.decisions.model.source).toBe('config-root');
  });

  it('a provider without a default uses the only model its live listing reports', () => {
    const listing = (count: number, fresh: boolean): LiveSnapshot => ({
      model: () => undefined,
      listing: (providerId, baseUrl) =>
        providerId === 'vllm' && baseUrl === 'http://127.0.0.1:8000/v1'
          ? {
              models: ['served-a', 'served-b'].slice(0, count).map((id) => ({ id })),
              fetchedAt: '2026-12-01T10:00:00Z',
              fresh,
            }
          : undefined,
    });
    const candidate = route({ provider: 'vllm' }, { live: listing(1, true) });
    expect(candidate).toMatchObject({ wireModelId: 'served-a', passThrough: true, canonicalModel: undefined });
    expect(candidate.decisions.model).toStrictEqual({
      source: 'live-listing',
      matchedBy: 'policy',
      detail:
        'No model was named or saved; served-a is the only model http://127.0.0.1:8000/v1 listed (fetched 2026-12-01T10:00:00Z).',
    });
    expect(route({ provider: 'vllm' }, { live: listing(1, false) }).decisions.model.detail).toBe(
      'No model was named or saved; served-a is the only model http://127.0.0.1:8000/v1 listed (fetched 2026-12-01T10:00:00Z, stale).',
    );
    expect(failure({ provider: 'vllm' }, { live: listing(2, true) }).kind).toBe('empty-model');
    expect(failure({ provider: 'vllm' }, { live: listing(0, true) }).kind).toBe('empty-model');
  });
});

describe('a provider policy that fails', () => {
  it('sends the id unchanged with a warning', () => {
    const broken = {
      ...vllmLike,
      modelIdPolicy: {
        classify: () => {
          throw new Error('policy bug');
        },
      },
    };
    const result = createRouteResolver({ registry: createRegistry({ plugins: [broken] }) }).resolve({
      provider: 'vllm',
      model: 'anything',
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate).toMatchObject({ wireModelId: 'anything', passThrough: true });
    expect(result.candidate.decisions.model.detail).toBe(
      '"anything" is not in vLLM\'s catalog; it is sent unchanged (the provider policy could not classify it).',
    );
    expect(result.candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'policy-error',
      message: 'vLLM\'s model-id policy failed on "anything"; the id is sent unchanged.',
    });
  });
});

describe("a provider's own aliases and dated offering status", () => {
  const retiredOn = (date: string, replacement?: string) => ({
    date,
    kind: 'retired' as const,
    note: 'retired by the provider',
    source: { url: 'https://docs.together.ai/docs/deprecations', retrieved: '2026-11-21', kind: 'official' as const },
    ...(replacement ? { replacement } : {}),
  });
  const unpriced = { kind: 'unknown' as const, reason: 'no sourced price' };
  const together = {
    ...togetherLike,
    offerings: [
      ...togetherLike.offerings.filter((entry) => entry.model !== 'kimi-k2.6' && entry.model !== 'gpt-oss-120b'),
      { model: 'kimi-k2.6', wireId: 'moonshotai/Kimi-K2.6', meter: unpriced, aliases: ['kimi'] },
      {
        model: 'gpt-oss-120b',
        wireId: 'openai/gpt-oss-120b',
        meter: unpriced,
        status: 'retired' as const,
        deprecations: [retiredOn('2026-01-01'), retiredOn('2026-04-01'), retiredOn('2026-10-01', 'openai/gpt-oss-20b')],
      },
    ],
  };
  const own = createRouteResolver({ registry: createRegistry({ plugins: [together] }) });

  it('an alias picks the offering it names, and the decision says which wire id it stands for', () => {
    const result = own.resolve({ provider: 'together', model: 'kimi' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.wireModelId).toBe('moonshotai/Kimi-K2.6');
    expect(result.candidate.decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'alias',
      detail: '"kimi" is Together AI\'s alias for moonshotai/Kimi-K2.6 (kimi-k2.6).',
    });
  });

  it('a retired offering warns with the latest date and its replacement', () => {
    const result = own.resolve({ provider: 'together', model: 'openai/gpt-oss-120b' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'offering-retired',
      message: 'Together AI marks openai/gpt-oss-120b as retired on 2026-10-01. Use openai/gpt-oss-20b instead.',
    });
  });
});

describe('more on where a model id comes from', () => {
  it("the profile's other name for a model says what the provider serves it as", () => {
    expect(route({ provider: 'nim', model: 'qwen3-coder-480b-a35b-instruct' }).decisions.model).toStrictEqual({
      source: 'explicit',
      matchedBy: 'model-alias',
      detail:
        '"qwen3-coder-480b-a35b-instruct" is another name for qwen3-coder-480b-a35b; NVIDIA NIM serves it as qwen/qwen3-coder-480b-a35b-instruct.',
    });
  });

  it('saved model ids are trimmed, and a blank root model counts as none', () => {
    const table = { provider: 'together', providers: { together: { model: ' openai/gpt-oss-120b ' } } };
    expect(route({}, { config: table }).wireModelId).toBe('openai/gpt-oss-120b');
    expect(route({}, { config: { provider: 'together', model: ' kimi-k2.6 ' } }).wireModelId).toBe(
      'moonshotai/Kimi-K2.6',
    );
    const blank = { config: { provider: 'together', model: '   ' } };
    expect(route({}, blank).decisions.model.source).toBe('provider-default');
    expect(messages({}, blank).map((m) => m.code)).not.toContain('root-model-skipped');
  });

  it("a role that names the provider keeps a `name:model` string's prefix out of the error", () => {
    const config = { roles: { r: { provider: 'deepseek', model: 'togther:glm-4.7' } } };
    const error = failure({ role: 'r' }, { config });
    expect(error.kind).toBe('foreign-model');
    expect(error.details).not.toHaveProperty('unknownProvider');
    expect(failure({ provider: 'deepseek', model: 'Zzzz:Model' }).details).not.toHaveProperty('unknownProvider');
  });
});
