import { createRegistry, createRouteResolver, type ReadyRouteCandidate, type RouteRequest } from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { createNvidiaNimPlugin, nvidiaNimPlugin } from './index.js';

const registry = createRegistry({ plugins: [nvidiaNimPlugin] });
const resolver = createRouteResolver({ registry });

function resolve(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('nvidiaNimPlugin', () => {
  it('registers cleanly, with its aliases and one default', () => {
    expect(registry.findProvider('nim')?.id).toBe('nvidia-nim');
    expect(registry.findProvider('NVIDIA')?.id).toBe('nvidia-nim');
    expect(registry.provider('nvidia-nim').defaultOffering?.wireId).toBe('deepseek-ai/deepseek-v4-pro');
    expect(registry.provider('nvidia-nim').offerings).toHaveLength(10);
  });

  it('reads NVIDIA_API_KEY, then NVIDIA_NIM_API_KEY (an extra variable first when asked)', () => {
    expect(nvidiaNimPlugin.descriptor.auth.envVars).toEqual(['NVIDIA_API_KEY', 'NVIDIA_NIM_API_KEY']);
    expect(createNvidiaNimPlugin({ apiKeyEnv: 'NGC_TEAM_KEY' }).descriptor.auth.envVars).toEqual([
      'NGC_TEAM_KEY',
      'NVIDIA_API_KEY',
      'NVIDIA_NIM_API_KEY',
    ]);
  });
});

describe('resolver routes through NVIDIA NIM', () => {
  it('nim (alias) + deepseek-ai/deepseek-v4-pro: canonical deepseek-v4-pro, profile limits, unknown meter', () => {
    const candidate = resolve({ provider: 'nim', model: 'deepseek-ai/deepseek-v4-pro' });
    expect(candidate.provider.id).toBe('nvidia-nim');
    expect(candidate.wireModelId).toBe('deepseek-ai/deepseek-v4-pro');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.limits.contextWindow).toMatchObject({ value: 1_048_576, source: 'model-profile' });
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.endpoint).toMatchObject({ baseUrl: 'https://integrate.api.nvidia.com/v1', official: true });
  });

  it('GLM-5.1 gets NVIDIA’s smaller context; glm4.7 has an unknown one', () => {
    expect(resolve({ provider: 'nvidia-nim', model: 'z-ai/glm-5.1' }).limits.contextWindow).toMatchObject({
      value: 131_072,
      source: 'offering',
    });
    expect(resolve({ provider: 'nvidia-nim', model: 'z-ai/glm4.7' }).limits.contextWindow).toMatchObject({
      value: 'unknown',
    });
  });

  it('reasoning on DeepSeek V4 Pro uses chat_template_kwargs', () => {
    const candidate = resolve({ provider: 'nvidia', model: 'deepseek-ai/deepseek-v4-pro', reasoning: 'max' });
    expect(candidate.reasoning).toMatchObject({
      applied: 'max',
      params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'max' } },
    });
  });

  it.each(['deepseek/deepseek-v4-pro', 'qwen/qwen3-coder', 'deepseek-ai/DeepSeek-V4-Pro'])(
    '%s passes through unchanged',
    (model) => {
      const candidate = resolve({ provider: 'nvidia-nim', model });
      expect(candidate.wireModelId).toBe(model);
      expect(candidate.passThrough).toBe(true);
      expect(candidate.meter.kind).toBe('unknown');
    },
  );

  it('a self-hosted container on loopback is a custom route with a local meter', () => {
    const candidate = resolve({
      provider: 'nim',
      model: 'qwen/qwen3.5-397b-a17b',
      baseUrl: 'http://127.0.0.1:8000/v1',
    });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.wireModelId).toBe('qwen/qwen3.5-397b-a17b');
    expect(candidate.meter.kind).toBe('local');
  });
});

describe('NIM error bodies', () => {
  it('a vLLM-backed container’s nested 404 normalises with its int code as a string', () => {
    const body = {
      error: { message: 'The model `nope` does not exist.', type: 'NotFoundError', param: null, code: 404 },
    };
    expect(normalizeProviderError(404, body)).toEqual({
      message: 'The model `nope` does not exist.',
      type: 'NotFoundError',
      code: '404',
      shape: 'openai-nested',
    });
  });
});
