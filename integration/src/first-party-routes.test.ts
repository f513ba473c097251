import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  type CredentialSource,
  type RouteRequest,
  type UserConfig,
} from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { describe, expect, it } from 'vitest';

const lmstudio = createOpenAICompatiblePlugin({
  id: 'lmstudio',
  displayName: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1',
});
const plugins = [
  deepseekPlugin,
  togetherPlugin,
  nvidiaNimPlugin,
  huggingfacePlugin,
  sglangPlugin,
  vllmPlugin,
  ollamaPlugin,
  lmstudio,
] as const;
const registry = createRegistry({ plugins });

/** Which env var names are set (never values), following the binding rule: descriptor vars only on official endpoints. */
function envNames(...present: string[]): CredentialSource {
  const set = new Set(present);
  return {
    describe({ descriptor, official, config }) {
      if (config?.api_key_env)
        return set.has(config.api_key_env) ? { source: 'env', envVar: config.api_key_env } : { source: 'missing' };
      const name = official ? descriptor.auth.envVars.find((candidate) => set.has(candidate)) : undefined;
      return name ? { source: 'env', envVar: name } : { source: 'missing' };
    },
  };
}

function route(request: RouteRequest, options: { config?: UserConfig; credentials?: CredentialSource } = {}) {
  return createRouteResolver({ registry, ...options }).resolve(request);
}

function ok(request: RouteRequest, options: { config?: UserConfig; credentials?: CredentialSource } = {}) {
  const result = route(request, options);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('all eight first-party plugins registered together', () => {
  it('registers without conflicts (shared model profiles are identical copies)', () => {
    expect(registry.providerIds).toEqual([
      'deepseek',
      'together',
      'nvidia-nim',
      'huggingface',
      'sglang',
      'vllm',
      'ollama',
      'lmstudio',
    ]);
    expect(registry.models().length).toBe(14); // 13 + thinkingmachines/inkling (Together)
  });

  it('together + deepseek-ai/DeepSeek-V4-Pro', () => {
    const candidate = ok(
      { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { credentials: envNames('TOGETHER_API_KEY') },
    );
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro',
      canonicalModel: 'deepseek-v4-pro',
      endpoint: { baseUrl: 'https://api.together.xyz/v1', official: true },
      auth: { source: 'env', envVar: 'TOGETHER_API_KEY' },
    });
    expect(candidate.limits.contextWindow).toMatchObject({ value: 512_000, source: 'offering' });
    expect(candidate.meter).toMatchObject({ kind: 'token-pricing', rates: { input: 2.1, output: 4.4 } });
  });

  it('nvidia-nim + deepseek-ai/deepseek-v4-pro', () => {
    const candidate = ok({ provider: 'nim', model: 'deepseek-ai/deepseek-v4-pro' });
    expect(candidate).toMatchObject({
      provider: { id: 'nvidia-nim' },
      wireModelId: 'deepseek-ai/deepseek-v4-pro',
      canonicalModel: 'deepseek-v4-pro',
      endpoint: { baseUrl: 'https://integrate.api.nvidia.com/v1' },
    });
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('huggingface + deepseek-ai/DeepSeek-V4-Pro:novita keeps the suffix on the wire', () => {
    const candidate = ok({ provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro:novita' });
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-ai/DeepSeek-V4-Pro:novita',
      canonicalModel: 'deepseek-v4-pro',
      endpoint: { baseUrl: 'https://router.huggingface.co/v1' },
    });
  });

  it('ollama + qwen3-coder:30b passes through with a local meter', () => {
    const candidate = ok({ provider: 'ollama', model: 'qwen3-coder:30b' });
    expect(candidate).toMatchObject({
      wireModelId: 'qwen3-coder:30b',
      passThrough: true,
      meter: { kind: 'local' },
      auth: { source: 'not-required' },
      endpoint: { baseUrl: 'http://127.0.0.1:11434/v1' },
    });
  });

  it('vllm at http://127.0.0.1:8000/v1 + any served name', () => {
    const candidate = ok({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'my-team/Served_Name-v2' });
    expect(candidate).toMatchObject({
      wireModelId: 'my-team/Served_Name-v2',
      passThrough: true,
      meter: { kind: 'local' },
      endpoint: { baseUrl: 'http://127.0.0.1:8000/v1', official: true },
    });
  });

  it('deepseek + deepseek-v4-pro; deepseek + qwen/qwen3-coder is foreign', () => {
    const candidate = ok({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    expect(candidate).toMatchObject({
      wireModelId: 'deepseek-v4-pro',
      endpoint: { baseUrl: 'https://api.deepseek.com', official: true },
      meter: { kind: 'token-pricing' },
    });
    const foreign = route({ provider: 'deepseek', model: 'qwen/qwen3-coder' });
    expect(foreign.ok).toBe(false);
    expect(!foreign.ok && foreign.error.kind).toBe('foreign-model');
  });

  it('with Ollama active and both Together and HF credentials, deepseek-ai/DeepSeek-V4-Pro is ambiguous', () => {
    const result = route(
      { model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { config: { provider: 'ollama' }, credentials: envNames('TOGETHER_API_KEY', 'HF_TOKEN') },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('ambiguous-model');
    expect(result.error.details.matches?.map((match) => match.ref)).toEqual([
      'together:deepseek-ai/DeepSeek-V4-Pro',
      'huggingface:deepseek-ai/DeepSeek-V4-Pro',
    ]);
  });

  it('the same with only a Together credential resolves to Together, and the explanation says why', () => {
    const candidate = ok(
      { model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { config: { provider: 'ollama' }, credentials: envNames('TOGETHER_API_KEY') },
    );
    expect(candidate.provider.id).toBe('together');
    const explanation = explainRoute(candidate);
    expect(explanation.decisions.provider.source).toBe('model-match');
    expect(explanation.decisions.provider.detail).toContain('only together has a usable credential');
  });
});

describe("switching provider without a model lands on the target's own default", () => {
  // The previous route: Together with a model saved for it, and a root model saved for Together too.
  const config: UserConfig = {
    provider: 'together',
    model: 'moonshotai/Kimi-K2.6',
    providers: { together: { model: 'moonshotai/Kimi-K2.6' } },
  };
  const previous = ok({}, { config });

  it.each(plugins.map((plugin) => [plugin.id]))('%s', (providerId) => {
    const result = route({ provider: providerId }, { config });
    if (result.ok) {
      expect(result.candidate.provider.id).toBe(providerId);
      if (providerId !== 'together') expect(result.candidate.wireModelId).not.toBe(previous.wireModelId);
      const expected = registry.provider(providerId).defaultOffering;
      if (providerId !== 'together') expect(result.candidate.wireModelId).toBe(expected?.wireId);
    } else {
      // Runtimes with no roster have no default: they say so instead of borrowing the previous model.
      expect(result.error.kind).toBe('empty-model');
      expect(registry.provider(providerId).defaultOffering).toBeUndefined();
    }
  });
});
