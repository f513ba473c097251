import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  type ReadyRouteCandidate,
  type RouteRequest,
} from '@codewhale/core';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import notFoundNative from './__fixtures__/ollama-error-404.json' with { type: 'json' };
import notFoundOpenAI from './__fixtures__/ollama-openai-error.json' with { type: 'json' };
import { OLLAMA_ERROR_CODES, OllamaConfigError } from './ollama-error-codes.js';
import { createOllamaPlugin, ollamaPlugin } from './ollama-plugin.js';
import { VERSION } from './version.js';

const registry = createRegistry({ plugins: [ollamaPlugin] });
const resolver = createRouteResolver({ registry });

function resolveOk(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

describe('ollama plugin', () => {
  it('registers cleanly as a local runtime with no offerings', () => {
    expect(ollamaPlugin).toMatchObject({ id: 'ollama', spec: 'v1', version: VERSION, offerings: [], models: [] });
    expect(registry.provider('ollama').descriptor).toMatchObject({
      class: 'local',
      auth: { optional: true, envVars: ['OLLAMA_API_KEY'] },
      env: { baseUrl: 'OLLAMA_BASE_URL' },
    });
  });

  it('ollama + qwen3-coder:30b: pass-through, local meter, no key needed, default loopback endpoint', () => {
    const candidate = resolveOk({ provider: 'ollama', model: 'qwen3-coder:30b' });
    expect(candidate.provider).toEqual({ id: 'ollama', displayName: 'Ollama', class: 'local' });
    expect(candidate.wireModelId).toBe('qwen3-coder:30b');
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.passThrough).toBe(true);
    expect(candidate.meter).toEqual({ kind: 'local' });
    expect(candidate.auth.source).toBe('not-required');
    expect(candidate.endpoint).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      official: true,
      protocol: 'chat-completions',
    });
  });

  it('ollama + Qwen3-Coder:30B is sent exactly as typed', () => {
    const candidate = resolveOk({ provider: 'ollama', model: 'Qwen3-Coder:30B' });
    expect(candidate.wireModelId).toBe('Qwen3-Coder:30B');
    expect(candidate.meter.kind).toBe('local');
  });

  it('rejects a malformed name locally with the reason', () => {
    const result = resolver.resolve({ provider: 'ollama', model: 'llama3.2:' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-request');
      expect(result.error.message).toBe(
        '"llama3.2:" is not a valid Ollama model id: the tag after ":" is empty. Try "llama3.2".',
      );
    }
  });

  it('sends reasoning as reasoning_effort, clamping gpt-oss off to low with a warning', () => {
    expect(resolveOk({ provider: 'ollama', model: 'qwen3:32b', reasoning: 'off' }).reasoning).toMatchObject({
      applied: 'off',
      params: { reasoning_effort: 'none' },
    });
    const gptOss = resolveOk({ provider: 'ollama', model: 'gpt-oss:20b', reasoning: 'off' });
    expect(gptOss.reasoning).toMatchObject({ requested: 'off', applied: 'low', params: { reasoning_effort: 'low' } });
    expect(gptOss.validation.messages.map((message) => message.code)).toContain('reasoning-clamped');
  });

  it('keeps the local meter on a configured LAN host, with a plain-http warning', () => {
    const candidate = resolveOk({ provider: 'ollama', model: 'llama3.2', baseUrl: 'http://gpu-box.lan:11434/v1' });
    expect(candidate.meter).toEqual({ kind: 'local' });
    expect(candidate.validation.messages.map((message) => message.code)).toContain('plain-http');
    expect(JSON.stringify(explainRoute(candidate))).not.toContain('OLLAMA_API_KEY=');
  });

  it('accepts a loopback baseUrl setting and refuses others with a typed error', () => {
    const custom = createOllamaPlugin({ baseUrl: 'http://localhost:11435/v1/' });
    expect(custom.descriptor.endpoints.chat?.baseUrl).toBe('http://localhost:11435/v1');
    expect(() => createRegistry({ plugins: [custom] })).not.toThrow();
    const cases: [string, string][] = [
      ['http://gpu-box.lan:11434/v1', OLLAMA_ERROR_CODES.NON_LOOPBACK_BASE_URL],
      ['ftp://127.0.0.1/v1', OLLAMA_ERROR_CODES.INVALID_BASE_URL],
      ['http://user:pw@127.0.0.1:11434/v1', OLLAMA_ERROR_CODES.INVALID_BASE_URL],
      ['http://127.0.0.1:11434/v1?key=x', OLLAMA_ERROR_CODES.INVALID_BASE_URL],
    ];
    for (const [baseUrl, code] of cases) {
      let caught: unknown;
      try {
        createOllamaPlugin({ baseUrl });
      } catch (error) {
        caught = error;
      }
      expect(OllamaConfigError.isInstance(caught)).toBe(true);
      expect(caught).toMatchObject({ code, option: 'baseUrl' });
      expect(String((caught as Error).message)).not.toContain('pw@');
    }
  });
});

describe('ollama error bodies', () => {
  it('normalises the native {error: string} envelope', () => {
    expect(normalizeProviderError(404, notFoundNative)).toEqual({ message: 'model not found', shape: 'ollama-native' });
  });

  it('normalises the OpenAI-compatible envelope (code null is left out)', () => {
    expect(normalizeProviderError(400, notFoundOpenAI)).toEqual({
      message: 'model not found',
      type: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });
});
