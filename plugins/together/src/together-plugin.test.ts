import { readFileSync } from 'node:fs';
import {
  createRegistry,
  createRouteResolver,
  definePlugin,
  type ReadyRouteCandidate,
  type RouteRequest,
} from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { createTogetherPlugin, togetherPlugin } from './index.js';

const registry = createRegistry({ plugins: [togetherPlugin] });
const resolver = createRouteResolver({ registry });

/** Another provider registered first (so it is the default), with no catalog: a request without a provider must look further. */
function otherProviderFirst() {
  return definePlugin({
    spec: 'v1',
    id: 'acme',
    version: '1.0.0',
    descriptor: {
      id: 'acme',
      displayName: 'Acme',
      class: 'aggregator',
      auth: { scheme: 'none', envVars: [], optional: true },
      endpoints: { chat: { baseUrl: 'https://api.acme.example.test/v1', protocol: 'chat-completions' } },
      defaultEndpoint: 'chat',
      liveListing: { supported: false },
      modelIds: { style: 'aggregator', caseSensitive: true },
    },
    offerings: [],
    models: [],
    modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'deferred' }) },
    usageMeter: { describe: () => ({ kind: 'unknown', reason: 'no catalog' }) },
  });
}

function resolve(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('togetherPlugin', () => {
  it('registers cleanly with its offerings and one default', () => {
    const provider = registry.provider('together');
    expect(provider.descriptor.class).toBe('aggregator');
    expect(provider.defaultOffering?.wireId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(provider.offerings.map((offering) => offering.wireId)).toEqual([
      'deepseek-ai/DeepSeek-V4-Pro',
      'deepseek-ai/DeepSeek-V4-Flash',
      'moonshotai/Kimi-K2.6',
      'moonshotai/Kimi-K2.7-Code',
      'zai-org/GLM-5.1',
      'openai/gpt-oss-120b',
      'openai/gpt-oss-20b',
      'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
      'Qwen/Qwen3-Coder-Next-FP8',
      'thinkingmachines/inkling',
    ]);
    expect(registry.officialEndpointsAt('https://api.together.ai/v1')).toEqual([
      { providerId: 'together', endpointKey: 'chat' },
    ]);
  });

  it('reads an extra key variable first when asked', () => {
    expect(createTogetherPlugin({ apiKeyEnv: 'TEAM_TOGETHER_KEY' }).descriptor.auth.envVars).toEqual([
      'TEAM_TOGETHER_KEY',
      'TOGETHER_API_KEY',
    ]);
    expect(createTogetherPlugin({ apiKeyEnv: 'TOGETHER_API_KEY' }).descriptor.auth.envVars).toEqual([
      'TOGETHER_API_KEY',
    ]);
  });
});

describe('resolver routes through Together', () => {
  it('deepseek-ai/DeepSeek-V4-Pro: canonical deepseek-v4-pro, 512,000 context from the offering, token pricing', () => {
    const candidate = resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });
    expect(candidate.provider.id).toBe('together');
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.limits.contextWindow).toMatchObject({ value: 512_000, source: 'offering' });
    expect(candidate.limits.maxOutput).toMatchObject({ value: 384_000, source: 'offering' });
    expect(candidate.meter).toMatchObject({
      kind: 'token-pricing',
      currency: 'USD',
      rates: { input: 2.1, output: 4.4, cachedInput: 0.2 },
    });
    expect(candidate.endpoint).toMatchObject({
      baseUrl: 'https://api.together.xyz/v1',
      official: true,
      protocol: 'chat-completions',
    });
  });

  it('the canonical id deepseek-v4-pro maps to the wire id without an alias', () => {
    const candidate = resolve({ provider: 'together', model: 'deepseek-v4-pro' });
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
  });

  it.each(['deepseek/deepseek-v4-pro', 'qwen/qwen3-coder'])('%s passes through unchanged', (model) => {
    const candidate = resolve({ provider: 'together', model });
    expect(candidate.provider.id).toBe('together');
    expect(candidate.wireModelId).toBe(model);
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.passThrough).toBe(true);
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('the official api.together.ai host keeps offering facts and prices', () => {
    const candidate = resolve({
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-V4-Pro',
      baseUrl: 'https://api.together.ai/v1',
    });
    expect(candidate.endpoint.official).toBe(true);
    expect(candidate.meter.kind).toBe('token-pricing');
  });

  it('a custom base URL drops offering facts and prices', () => {
    const candidate = resolve({
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-V4-Pro',
      baseUrl: 'https://together-proxy.example.com/v1',
    });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.limits.contextWindow).toMatchObject({ source: 'model-profile' });
  });

  it('a deprecated offering resolves with a warning', () => {
    const candidate = resolve({ provider: 'together', model: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8' });
    expect(candidate.canonicalModel).toBe('qwen3-coder-480b-a35b');
    expect(candidate.validation.messages.map((message) => message.code)).toContain('offering-deprecated');
  });

  /** @see issue 12 item 5 */
  it('deepseek-v4-flash (the canonical id) routes to the wire id deepseek-ai/DeepSeek-V4-Flash, limits and price unknown', () => {
    const candidate = resolve({ provider: 'together', model: 'deepseek-v4-flash' });
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Flash');
    expect(candidate.canonicalModel).toBe('deepseek-v4-flash');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.decisions.model.matchedBy).toBe('canonical-id');
    // DeepSeek's own 1M window is not what Together serves: no source gives Together's, so it stays unknown.
    expect(candidate.limits.contextWindow).toMatchObject({ value: 'unknown' });
    expect(candidate.limits.maxOutput).toMatchObject({ value: 'unknown' });
    expect(candidate.meter.kind).toBe('unknown');
    expect(resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Flash' }).canonicalModel).toBe(
      'deepseek-v4-flash',
    );
  });

  /** @see issue 12 item 5 */
  it.each(['thinkingmachines/inkling', 'inkling', 'together-inkling', 'Inkling'])(
    '%s routes to thinkingmachines/inkling with its profile and no invented limits',
    (model) => {
      const candidate = resolve({ provider: 'together', model });
      expect(candidate.wireModelId).toBe('thinkingmachines/inkling');
      expect(candidate.canonicalModel).toBe('inkling');
      expect(candidate.passThrough).toBe(false);
      expect(candidate.limits.contextWindow).toMatchObject({ value: 'unknown' });
      expect(candidate.meter.kind).toBe('unknown');
      expect(candidate.capabilities.vision).toMatchObject({ state: 'yes', source: 'model-profile' });
    },
  );

  /** @see issue 12 item 5 */
  it.each(['inkling', 'together-inkling', 'deepseek-ai/DeepSeek-V4-Flash'])(
    'without a provider, %s finds the one Together offering',
    (model) => {
      const withOthers = createRegistry({ plugins: [otherProviderFirst(), togetherPlugin] });
      const result = createRouteResolver({ registry: withOthers }).resolve({ model });
      if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
      expect(result.candidate.provider.id).toBe('together');
      expect(result.candidate.wireModelId).toBe(
        model === 'deepseek-ai/DeepSeek-V4-Flash' ? model : 'thinkingmachines/inkling',
      );
    },
  );

  it('no model: the default offering', () => {
    expect(resolve({ provider: 'together' }).wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
  });

  it('reasoning low on DeepSeek V4 Pro is clamped to high with a message', () => {
    const candidate = resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'low' });
    expect(candidate.reasoning).toMatchObject({
      requested: 'low',
      applied: 'high',
      params: { reasoning_effort: 'high' },
    });
    expect(candidate.validation.messages.map((message) => message.code)).toContain('reasoning-clamped');
  });

  it('an id with whitespace inside is refused as invalid', () => {
    const result = resolver.resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek V4-Pro' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-request');
  });
});

describe('Together error bodies', () => {
  it('404 model_not_found normalises to the nested OpenAI shape', () => {
    const body: unknown = JSON.parse(
      readFileSync(new URL('./__fixtures__/together-error-404-model-not-found.json', import.meta.url), 'utf8'),
    );
    expect(normalizeProviderError(404, body)).toEqual({
      message:
        'Unable to access model togethercomputer/evo-1-131k-base. Please visit https://api.together.xyz to see the list of supported models or contact the owner to request access.',
      type: 'invalid_request_error',
      code: 'model_not_found',
      shape: 'openai-nested',
    });
  });

  it('400 model_not_available (dedicated-only) keeps its code', () => {
    const body = {
      id: 'o-123',
      error: {
        message: 'Unable to access non-serverless model x/y.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_available',
      },
    };
    expect(normalizeProviderError(400, body)).toEqual({
      message: 'Unable to access non-serverless model x/y.',
      type: 'invalid_request_error',
      code: 'model_not_available',
      shape: 'openai-nested',
    });
  });
});
