import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  type ReadyRouteCandidate,
  type Registry,
  type RouteRequest,
  type UsageMeter,
} from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import {
  OPENAI_COMPATIBLE_ERROR_CODES as CODES,
  OpenAICompatibleConfigError,
} from './openai-compatible-error-codes.js';
import { createOpenAICompatiblePlugin } from './openai-compatible-plugin.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

const lmstudio = createOpenAICompatiblePlugin({
  id: 'lmstudio',
  displayName: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1',
});
const registry = createRegistry({ plugins: [lmstudio] });

function resolveOk(request: RouteRequest, plugins: Registry = registry): ReadyRouteCandidate {
  const result = createRouteResolver({ registry: plugins }).resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function configError(settings: OpenAICompatibleSettings): OpenAICompatibleConfigError {
  try {
    createOpenAICompatiblePlugin(settings);
  } catch (error) {
    expect(OpenAICompatibleConfigError.isInstance(error)).toBe(true);
    return error as OpenAICompatibleConfigError;
  }
  throw new Error('expected an OpenAICompatibleConfigError');
}

const userPricing: UsageMeter = {
  kind: 'token-pricing',
  currency: 'EUR',
  rates: { input: 0.5, output: 1.5 },
  source: { url: 'https://gateway.example.com/pricing', retrieved: '2026-11-21', kind: 'user', note: 'our contract' },
};

describe('createOpenAICompatiblePlugin', () => {
  it('builds a custom-class plugin for the endpoint you name', () => {
    expect(lmstudio.id).toBe('lmstudio');
    expect(lmstudio.descriptor).toMatchObject({
      id: 'lmstudio',
      displayName: 'LM Studio',
      class: 'custom',
      auth: { scheme: 'bearer', envVars: [], optional: true },
      endpoints: { chat: { baseUrl: 'http://127.0.0.1:1234/v1', protocol: 'chat-completions' } },
      defaultEndpoint: 'chat',
      liveListing: { supported: true, path: '/models' },
      modelIds: { style: 'opaque', caseSensitive: true },
    });
    expect(lmstudio.offerings).toEqual([]);
  });

  it('lmstudio at http://127.0.0.1:1234/v1 resolves any model id unchanged, meter unknown, no key needed', () => {
    for (const model of [
      'qwen2.5-coder-7b-instruct',
      'lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-GGUF',
      'deepseek-ai/DeepSeek-V4-Pro',
      'gpt-oss:20b',
    ]) {
      const candidate = resolveOk({ provider: 'lmstudio', model });
      expect(candidate.provider).toEqual({ id: 'lmstudio', displayName: 'LM Studio', class: 'custom' });
      expect(candidate.wireModelId).toBe(model);
      expect(candidate.canonicalModel).toBeUndefined();
      expect(candidate.passThrough).toBe(true);
      expect(candidate.meter).toEqual({ kind: 'unknown', reason: 'no price configured for LM Studio' });
      expect(candidate.auth.source).toBe('not-required');
      expect(candidate.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:1234/v1', official: true });
    }
  });

  it('uses a meter you configure (source kind user) on your endpoint only', () => {
    const gateway = createOpenAICompatiblePlugin({
      id: 'office-gateway',
      baseUrl: 'https://llm.example.com/v1/',
      apiKeyEnv: 'OFFICE_LLM_KEY',
      meter: userPricing,
    });
    const plugins = createRegistry({ plugins: [gateway] });
    expect(gateway.descriptor.auth).toEqual({ scheme: 'bearer', envVars: ['OFFICE_LLM_KEY'], optional: false });
    expect(resolveOk({ provider: 'office-gateway', model: 'big-model' }, plugins).meter).toEqual(userPricing);
    expect(
      resolveOk({ provider: 'office-gateway', model: 'big-model', baseUrl: 'https://other.example.com/v1' }, plugins)
        .meter.kind,
    ).toBe('unknown');
    expect(
      gateway.usageMeter.describe({
        providerId: 'office-gateway',
        offering: undefined,
        endpoint: { key: 'chat', baseUrl: 'https://other.example.com/v1', official: false },
      }),
    ).toEqual({
      kind: 'unknown',
      reason: 'the meter configured for office-gateway applies only at https://llm.example.com/v1',
    });
  });

  /** @see issue 12 item 4 */
  it('declares <ID>_BASE_URL / <ID>_MODEL as its env names, or the names you choose, or none', () => {
    expect(lmstudio.descriptor.env).toEqual({ baseUrl: 'LMSTUDIO_BASE_URL', model: 'LMSTUDIO_MODEL' });
    expect(
      createOpenAICompatiblePlugin({ id: 'office-gateway', baseUrl: 'https://llm.example.com/v1' }).descriptor.env,
    ).toEqual({
      baseUrl: 'OFFICE_GATEWAY_BASE_URL',
      model: 'OFFICE_GATEWAY_MODEL',
    });
    expect(
      createOpenAICompatiblePlugin({
        id: 'gw',
        baseUrl: 'https://llm.example.com/v1',
        baseUrlEnv: 'LLM_GATEWAY_URL',
        modelEnv: false,
      }).descriptor.env,
    ).toEqual({ baseUrl: 'LLM_GATEWAY_URL' });
    expect(
      createOpenAICompatiblePlugin({
        id: 'gw',
        baseUrl: 'https://llm.example.com/v1',
        baseUrlEnv: false,
        modelEnv: false,
      }).descriptor.env,
    ).toBeUndefined();
  });

  it('several instances register side by side; the id type is a literal', () => {
    const llamaCpp = createOpenAICompatiblePlugin({ id: 'llama-cpp', baseUrl: 'http://localhost:8080/v1' });
    const both = createRegistry({ plugins: [lmstudio, llamaCpp] });
    expect(both.providerIds).toEqual(['lmstudio', 'llama-cpp']);
    expect(resolveOk({ provider: 'llama-cpp', model: 'local' }, both).endpoint.baseUrl).toBe(
      'http://localhost:8080/v1',
    );
  });

  it('rejects only ids no server could have', () => {
    const result = createRouteResolver({ registry }).resolve({ provider: 'lmstudio', model: 'my model' });
    expect(result.ok ? undefined : result.error.kind).toBe('invalid-request');
  });

  it('maps reasoning to reasoning_effort; off sends nothing and says so', () => {
    const off = resolveOk({ provider: 'lmstudio', model: 'm', reasoning: 'off' });
    expect(off.reasoning).toMatchObject({ requested: 'off', applied: 'off', params: {} });
    expect(off.validation.messages.find((message) => message.code === 'reasoning-clamped')?.message).toContain(
      'no portable way to turn reasoning off',
    );
    expect(resolveOk({ provider: 'lmstudio', model: 'm', reasoning: 'medium' }).reasoning.params).toEqual({
      reasoning_effort: 'medium',
    });
  });

  it('keeps credentials out of explanations', () => {
    const gateway = createOpenAICompatiblePlugin({
      id: 'gw',
      baseUrl: 'https://llm.example.com/v1',
      apiKeyEnv: 'GW_KEY',
    });
    const explanation = JSON.stringify(
      explainRoute(resolveOk({ provider: 'gw', model: 'm' }, createRegistry({ plugins: [gateway] }))),
    );
    expect(explanation).not.toMatch(/sk-/);
  });
});

describe('createOpenAICompatiblePlugin settings errors', () => {
  it.each<[string, OpenAICompatibleSettings, string, string]>([
    ['a non-kebab id', { id: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' }, CODES.INVALID_ID, 'id'],
    ['an id with underscores', { id: 'lm_studio', baseUrl: 'http://127.0.0.1:1234/v1' }, CODES.INVALID_ID, 'id'],
    [
      'an empty display name',
      { id: 'lmstudio', displayName: '  ', baseUrl: 'http://127.0.0.1:1234/v1' },
      CODES.INVALID_DISPLAY_NAME,
      'displayName',
    ],
    ['a non-http base URL', { id: 'lmstudio', baseUrl: 'ftp://127.0.0.1:1234/v1' }, CODES.INVALID_BASE_URL, 'baseUrl'],
    ['a relative base URL', { id: 'lmstudio', baseUrl: '/v1' }, CODES.INVALID_BASE_URL, 'baseUrl'],
    [
      'user info in the base URL',
      { id: 'gw', baseUrl: 'https://user:sk-secret@llm.example.com/v1' },
      CODES.BASE_URL_USER_INFO,
      'baseUrl',
    ],
    [
      'a query in the base URL',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1?api_key=sk-secret' },
      CODES.BASE_URL_QUERY,
      'baseUrl',
    ],
    [
      'plain http to a LAN host',
      { id: 'gw', baseUrl: 'http://gpu-box.lan:1234/v1' },
      CODES.INSECURE_BASE_URL,
      'baseUrl',
    ],
    [
      'a bad env var name',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1', apiKeyEnv: 'gw-key' },
      CODES.INVALID_API_KEY_ENV,
      'apiKeyEnv',
    ],
    [
      'a bad base URL env name',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1', baseUrlEnv: 'gw-url' },
      CODES.INVALID_ENV_NAME,
      'baseUrlEnv',
    ],
    [
      'a bad model env name',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1', modelEnv: '' },
      CODES.INVALID_ENV_NAME,
      'modelEnv',
    ],
    [
      'a bad protocol',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1', protocol: 'Chat Completions' },
      CODES.INVALID_PROTOCOL,
      'protocol',
    ],
    [
      'a zero price',
      { id: 'gw', baseUrl: 'https://llm.example.com/v1', meter: { ...userPricing, rates: { input: 0 } } as UsageMeter },
      CODES.INVALID_METER,
      'meter',
    ],
    [
      'a price claimed as official',
      {
        id: 'gw',
        baseUrl: 'https://llm.example.com/v1',
        meter: {
          ...userPricing,
          source: { ...(userPricing as { source: object }).source, kind: 'official' },
        } as UsageMeter,
      },
      CODES.INVALID_METER,
      'meter',
    ],
  ])('%s', (_label, settings, code, option) => {
    const error = configError(settings);
    expect(error).toMatchObject({ code, option });
    expect(error.message).not.toContain('sk-secret');
  });

  it('allows plain http to a LAN host when you opt in, and says so in the descriptor', () => {
    const plugin = createOpenAICompatiblePlugin({
      id: 'gw',
      baseUrl: 'http://gpu-box.lan:1234/v1',
      allowInsecureHttp: true,
    });
    expect(plugin.descriptor.endpoints.chat?.note).toContain('allowInsecureHttp');
    expect(plugin.descriptor.auth.optional).toBe(false);
  });
});
