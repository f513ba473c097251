import { createRegistry, createRouteResolver, type ReadyRouteCandidate, type RouteRequest } from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { createHuggingfacePlugin, huggingfacePlugin } from './index.js';

const registry = createRegistry({ plugins: [huggingfacePlugin] });
const resolver = createRouteResolver({ registry });

function resolve(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('huggingfacePlugin', () => {
  it('registers cleanly with alias hf and one default', () => {
    expect(registry.findProvider('hf')?.id).toBe('huggingface');
    expect(registry.provider('huggingface').defaultOffering?.wireId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(registry.provider('huggingface').offerings).toHaveLength(11);
    expect(huggingfacePlugin.descriptor.liveListing).toEqual({ supported: true, path: '/models', authRequired: false });
  });

  it('reads HF_TOKEN first, then HUGGINGFACE_API_KEY and HUGGINGFACE_HUB_TOKEN', () => {
    expect(huggingfacePlugin.descriptor.auth.envVars).toEqual([
      'HF_TOKEN',
      'HUGGINGFACE_API_KEY',
      'HUGGINGFACE_HUB_TOKEN',
    ]);
    expect(createHuggingfacePlugin({ apiKeyEnv: 'HF_ORG_TOKEN' }).descriptor.auth.envVars[0]).toBe('HF_ORG_TOKEN');
    expect(createHuggingfacePlugin({ apiKeyEnv: 'HF_TOKEN' }).descriptor.auth.envVars).toEqual([
      'HF_TOKEN',
      'HUGGINGFACE_API_KEY',
      'HUGGINGFACE_HUB_TOKEN',
    ]);
  });
});

describe('resolver routes through the Hugging Face router', () => {
  it('huggingface + deepseek-ai/DeepSeek-V4-Pro:novita keeps :novita on the wire and knows the canonical model', () => {
    const candidate = resolve({ provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro:novita' });
    expect(candidate.provider.id).toBe('huggingface');
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro:novita');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.meter).toEqual({
      kind: 'unknown',
      reason: 'price depends on the upstream provider (:provider suffix); see the live listing',
    });
  });

  it('hf + openai/gpt-oss-120b:cheapest keeps the policy suffix', () => {
    const candidate = resolve({ provider: 'hf', model: 'openai/gpt-oss-120b:cheapest' });
    expect(candidate.provider.id).toBe('huggingface');
    expect(candidate.wireModelId).toBe('openai/gpt-oss-120b:cheapest');
    expect(candidate.canonicalModel).toBe('gpt-oss-120b');
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('without a suffix the catalog wire id is sent', () => {
    expect(resolve({ provider: 'hf', model: 'deepseek-v4-flash' }).wireModelId).toBe('deepseek-ai/DeepSeek-V4-Flash');
  });

  it.each(['deepseek/deepseek-v4-pro', 'qwen/qwen3-coder', 'deepseek-ai/DeepSeek-V3.2:novita'])(
    '%s passes through unchanged',
    (model) => {
      const candidate = resolve({ provider: 'hf', model });
      expect(candidate.wireModelId).toBe(model);
      expect(candidate.passThrough).toBe(true);
      expect(candidate.canonicalModel).toBeUndefined();
    },
  );

  it('reasoning max is sent as xhigh', () => {
    const candidate = resolve({ provider: 'hf', model: 'deepseek-ai/DeepSeek-V4-Pro:together', reasoning: 'max' });
    expect(candidate.reasoning).toMatchObject({
      requested: 'max',
      applied: 'max',
      params: { reasoning_effort: 'xhigh' },
    });
  });

  it('an empty routing suffix is refused with a suggestion', () => {
    const result = resolver.resolve({ provider: 'hf', model: 'deepseek-ai/DeepSeek-V4-Pro:' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        kind: 'invalid-request',
        details: { suggestion: 'deepseek-ai/DeepSeek-V4-Pro' },
      });
  });
});

describe('router error bodies', () => {
  it('the plain-text 400 for a model no enabled provider serves', () => {
    const body =
      "The requested model 'deepseek-ai/DeepSeek-V4-Pro:nope' is not supported by any provider you have enabled.";
    expect(normalizeProviderError(400, body)).toEqual({ message: body, shape: 'plain-text' });
  });

  it('a token in an error body is redacted', () => {
    const normalized = normalizeProviderError(
      401,
      { error: 'Invalid credentials in Authorization header: hf_abcdefghijklmnopqrstuvwxyz012345' },
      ['hf_abcdefghijklmnopqrstuvwxyz012345'],
    );
    expect(normalized.shape).toBe('ollama-native');
    expect(normalized.message).not.toContain('hf_abcdefghijklmnopqrstuvwxyz012345');
  });
});
