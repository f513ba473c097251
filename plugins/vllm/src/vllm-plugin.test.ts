import { createRegistry, createRouteResolver, type ReadyRouteCandidate, type RouteRequest } from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { VLLM_ERROR_CODES, VllmConfigError } from './vllm-error-codes.js';
import { createVllmPlugin, vllmPlugin } from './vllm-plugin.js';
import type { VllmReasoningDialect } from './vllm-settings.js';

const registry = createRegistry({ plugins: [vllmPlugin] });
const resolver = createRouteResolver({ registry });
const codes = (candidate: ReadyRouteCandidate) => candidate.validation.messages.map((message) => message.code);

function resolveOk(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function configError(run: () => unknown): VllmConfigError {
  try {
    run();
  } catch (error) {
    expect(VllmConfigError.isInstance(error)).toBe(true);
    return error as VllmConfigError;
  }
  throw new Error('expected a VllmConfigError');
}

describe('vllm plugin', () => {
  it('registers as a local runtime with no offerings', () => {
    expect(vllmPlugin).toMatchObject({ id: 'vllm', spec: 'v1', offerings: [], models: [] });
    expect(registry.provider('vllm').descriptor).toMatchObject({
      class: 'local',
      auth: { optional: true, envVars: ['VLLM_API_KEY'] },
      env: { baseUrl: 'VLLM_BASE_URL' },
    });
  });

  it('vllm + http://127.0.0.1:8000/v1 + My-Org/Served-Name: sent byte-for-byte, local meter, no key needed', () => {
    const candidate = resolveOk({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'My-Org/Served-Name' });
    expect(candidate.provider).toEqual({ id: 'vllm', displayName: 'vLLM', class: 'local' });
    expect(candidate.wireModelId).toBe('My-Org/Served-Name');
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.passThrough).toBe(true);
    expect(candidate.meter).toEqual({ kind: 'local' });
    expect(candidate.auth.source).toBe('not-required');
    expect(candidate.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1', official: true });
    expect(codes(candidate)).not.toContain('plain-http');
  });

  it('vllm + http://gpu-box.lan:8000/v1 warns about plain http and keeps the local meter', () => {
    const candidate = resolveOk({
      provider: 'vllm',
      baseUrl: 'http://gpu-box.lan:8000/v1',
      model: 'My-Org/Served-Name',
    });
    expect(codes(candidate)).toContain('plain-http');
    expect(candidate.wireModelId).toBe('My-Org/Served-Name');
    expect(candidate.meter.kind).toBe('local');
  });

  it('uses the loopback default endpoint and sends HF repo ids unchanged', () => {
    const candidate = resolveOk({ provider: 'vllm', model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'max' });
    expect(candidate.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1', official: true });
    expect(candidate.wireModelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(candidate.reasoning).toMatchObject({
      applied: 'max',
      params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'max' } },
    });
  });

  it('rejects ids with whitespace inside', () => {
    const result = resolver.resolve({ provider: 'vllm', model: 'my served model' });
    expect(result.ok ? undefined : result.error.kind).toBe('invalid-request');
  });

  it('takes reasoning dialects for your own served names from settings', () => {
    const plugin = createVllmPlugin({ reasoningDialects: { 'my-qwen': 'qwen3' } });
    const candidate = createRouteResolver({ registry: createRegistry({ plugins: [plugin] }) }).resolve({
      provider: 'vllm',
      model: 'my-qwen',
      reasoning: 'off',
    });
    expect(candidate.ok && candidate.candidate.reasoning.params).toEqual({
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it('refuses bad settings with typed errors', () => {
    expect(configError(() => createVllmPlugin({ baseUrl: 'http://10.0.0.5:8000/v1' }))).toMatchObject({
      code: VLLM_ERROR_CODES.NON_LOOPBACK_BASE_URL,
      option: 'baseUrl',
    });
    expect(configError(() => createVllmPlugin({ baseUrl: 'not a url' }))).toMatchObject({
      code: VLLM_ERROR_CODES.INVALID_BASE_URL,
    });
    expect(
      configError(() => createVllmPlugin({ reasoningDialects: { m: 'qwen4' as VllmReasoningDialect } })),
    ).toMatchObject({
      code: VLLM_ERROR_CODES.INVALID_REASONING_DIALECT,
      option: 'reasoningDialects',
    });
    expect(createVllmPlugin({ baseUrl: 'http://[::1]:8001/v1' }).descriptor.endpoints.chat?.baseUrl).toBe(
      'http://[::1]:8001/v1',
    );
  });
});

describe('vllm error bodies', () => {
  it('normalises the current nested envelope (int code)', () => {
    const body = {
      error: { message: 'The model `foo` does not exist.', type: 'NotFoundError', param: 'model', code: 404 },
    };
    expect(normalizeProviderError(404, body)).toEqual({
      message: 'The model `foo` does not exist.',
      type: 'NotFoundError',
      code: '404',
      shape: 'openai-nested',
    });
  });

  it('normalises the older flat envelope', () => {
    const body = {
      object: 'error',
      message: 'The model `X` does not exist.',
      type: 'NotFoundError',
      param: null,
      code: 404,
    };
    expect(normalizeProviderError(404, body)).toEqual({
      message: 'The model `X` does not exist.',
      type: 'NotFoundError',
      code: '404',
      shape: 'openai-flat',
    });
  });
});
