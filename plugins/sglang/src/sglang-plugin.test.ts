import { createRegistry, createRouteResolver, type ReadyRouteCandidate, type RouteRequest } from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { SGLANG_ERROR_CODES, SglangConfigError } from './sglang-error-codes.js';
import { createSglangPlugin, sglangPlugin } from './sglang-plugin.js';

const registry = createRegistry({ plugins: [sglangPlugin] });
const resolver = createRouteResolver({ registry });

function resolveOk(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('sglang plugin', () => {
  it('registers as a local runtime with no offerings', () => {
    expect(sglangPlugin).toMatchObject({ id: 'sglang', spec: 'v1', offerings: [], models: [] });
    expect(registry.provider('sglang').descriptor).toMatchObject({
      class: 'local',
      auth: { optional: true, envVars: ['SGLANG_API_KEY'] },
      env: { baseUrl: 'SGLANG_BASE_URL' },
    });
  });

  it('sglang default endpoint: loopback :30000, served name unchanged, local meter, no key needed', () => {
    const candidate = resolveOk({ provider: 'sglang', model: 'meta-llama/Llama-3.1-8B-Instruct' });
    expect(candidate.provider).toEqual({ id: 'sglang', displayName: 'SGLang', class: 'local' });
    expect(candidate.endpoint).toMatchObject({
      baseUrl: 'http://127.0.0.1:30000/v1',
      official: true,
      protocol: 'chat-completions',
    });
    expect(candidate.wireModelId).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.meter).toEqual({ kind: 'local' });
    expect(candidate.auth.source).toBe('not-required');
  });

  it('treats http://localhost:30000/v1 as its own endpoint', () => {
    expect(resolveOk({ provider: 'sglang', baseUrl: 'http://localhost:30000/v1', model: 'm' }).endpoint.official).toBe(
      true,
    );
  });

  it('sends DeepSeek-style reasoning for unknown models', () => {
    expect(resolveOk({ provider: 'sglang', model: 'm', reasoning: 'high' }).reasoning.params).toEqual({
      chat_template_kwargs: { thinking: true },
      reasoning_effort: 'high',
    });
  });

  it('refuses bad settings with typed errors', () => {
    let caught: unknown;
    try {
      createSglangPlugin({ baseUrl: 'https://sglang.example.com/v1' });
    } catch (error) {
      caught = error;
    }
    expect(SglangConfigError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: SGLANG_ERROR_CODES.NON_LOOPBACK_BASE_URL, option: 'baseUrl' });
  });
});

describe('sglang error bodies', () => {
  it('normalises the flat envelope (int code)', () => {
    const body = {
      object: 'error',
      message: 'The model `x` does not exist.',
      type: 'NotFoundError',
      param: null,
      code: 404,
    };
    expect(normalizeProviderError(404, body)).toEqual({
      message: 'The model `x` does not exist.',
      type: 'NotFoundError',
      code: '404',
      shape: 'openai-flat',
    });
  });
});
