import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  type ReadyRouteCandidate,
  type RouteRequest,
} from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { createOpenrouterPlugin, openrouterPlugin } from './index.js';

const registry = createRegistry({ plugins: [openrouterPlugin] });
const resolver = createRouteResolver({ registry });

function resolve(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function codes(candidate: ReadyRouteCandidate): string[] {
  return candidate.validation.messages.map((message) => message.code);
}

describe('openrouterPlugin', () => {
  it('registers cleanly: an aggregator with its offerings and one default', () => {
    const provider = registry.provider('openrouter');
    expect(provider.descriptor).toMatchObject({
      displayName: 'OpenRouter',
      class: 'aggregator',
      auth: { scheme: 'bearer', envVars: ['OPENROUTER_API_KEY'], optional: false },
      liveListing: { supported: true, path: '/models', authRequired: false },
    });
    expect(provider.defaultOffering?.wireId).toBe('deepseek/deepseek-v4-pro');
    expect(provider.offerings.map((offering) => offering.wireId)).toEqual([
      'deepseek/deepseek-v4-pro',
      'deepseek/deepseek-v4-flash',
      'qwen/qwen3-coder',
      'qwen/qwen3-coder-next',
      'moonshotai/kimi-k2.6',
      'moonshotai/kimi-k2-0905',
      'moonshotai/kimi-k2.7-code',
      'z-ai/glm-5.1',
      'z-ai/glm-4.7',
      'openai/gpt-oss-120b',
      'openai/gpt-oss-20b',
      'meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(registry.officialEndpointsAt('https://openrouter.ai/api/v1')).toEqual([
      { providerId: 'openrouter', endpointKey: 'chat' },
    ]);
  });

  it('reads an extra key variable first when asked', () => {
    expect(createOpenrouterPlugin({ apiKeyEnv: 'TEAM_OPENROUTER_KEY' }).descriptor.auth.envVars).toEqual([
      'TEAM_OPENROUTER_KEY',
      'OPENROUTER_API_KEY',
    ]);
    expect(createOpenrouterPlugin({ apiKeyEnv: 'OPENROUTER_API_KEY' }).descriptor.auth.envVars).toEqual([
      'OPENROUTER_API_KEY',
    ]);
  });

  it('sends the optional attribution headers when asked, and only then', () => {
    expect(openrouterPlugin.descriptor.endpoints.chat?.headers).toBeUndefined();
    const plugin = createOpenrouterPlugin({ appUrl: 'https://acme.example/agent', appTitle: 'Acme Agent' });
    const candidate = createRouteResolver({ registry: createRegistry({ plugins: [plugin] }) }).resolve({
      provider: 'openrouter',
    });
    expect(candidate.ok && candidate.candidate.endpoint.headers).toEqual({
      'HTTP-Referer': 'https://acme.example/agent',
      'X-Title': 'Acme Agent',
    });
  });

  it.each([
    [{ appUrl: 'acme.example' }, 'appUrl'],
    [{ appUrl: 'ftp://acme.example' }, 'appUrl'],
    [{ appUrl: 'https://acme.example/\r\nX-Evil: 1' }, 'appUrl'],
    [{ appTitle: '' }, 'appTitle'],
    [{ appTitle: 'Acme\nAgent' }, 'appTitle'],
  ])('refuses settings that cannot be a header value: %o', (settings, option) => {
    expect(() => createOpenrouterPlugin(settings)).toThrow(`[openrouter] settings.${option}`);
  });
});

describe('resolver routes through OpenRouter', () => {
  it('deepseek/deepseek-v4-pro: canonical deepseek-v4-pro, context from the offering, token pricing', () => {
    const candidate = resolve({ provider: 'openrouter', model: 'deepseek/deepseek-v4-pro' });
    expect(candidate.provider.id).toBe('openrouter');
    expect(candidate.wireModelId).toBe('deepseek/deepseek-v4-pro');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.limits.contextWindow).toMatchObject({ value: 1_048_576, source: 'offering' });
    expect(candidate.meter).toMatchObject({
      kind: 'token-pricing',
      currency: 'USD',
      rates: { input: 0.435, output: 0.87 },
      source: { kind: 'third-party', uncertain: true },
    });
    expect(candidate.endpoint).toMatchObject({
      baseUrl: 'https://openrouter.ai/api/v1',
      official: true,
      protocol: 'chat-completions',
    });
    expect(explainRoute(candidate).route).toBe('openrouter:deepseek/deepseek-v4-pro');
  });

  it('the canonical id deepseek-v4-pro maps to the wire id; no model gives the default', () => {
    expect(resolve({ provider: 'openrouter', model: 'deepseek-v4-pro' }).wireModelId).toBe('deepseek/deepseek-v4-pro');
    expect(resolve({ provider: 'openrouter' }).wireModelId).toBe('deepseek/deepseek-v4-pro');
  });

  it('qwen/qwen3-coder: 262,144 context and 65,536 max output from the offering, no price', () => {
    const candidate = resolve({ provider: 'openrouter', model: 'qwen/qwen3-coder' });
    expect(candidate.canonicalModel).toBe('qwen3-coder-480b-a35b');
    expect(candidate.limits.contextWindow).toMatchObject({ value: 262_144, source: 'offering' });
    expect(candidate.limits.maxOutput).toMatchObject({ value: 65_536, source: 'offering' });
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('z-ai/glm-5.1: the smaller, provider-dependent 65,536 window of the offering, not the profile 202,752', () => {
    expect(resolve({ provider: 'openrouter', model: 'z-ai/glm-5.1' }).limits.contextWindow).toMatchObject({
      value: 65_536,
      source: 'offering',
    });
  });

  it.each([
    'qwen/qwen3-coder:free',
    '~moonshotai/kimi-latest',
    'deepseek/deepseek-v4-flash-20260423',
    'openrouter/auto',
    'DeepSeek/DeepSeek-V4-Pro',
  ])('%s passes through byte-for-byte, without offering facts or prices', (model) => {
    const candidate = resolve({ provider: 'openrouter', model });
    expect(candidate.provider.id).toBe('openrouter');
    expect(candidate.wireModelId).toBe(model);
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.passThrough).toBe(true);
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('a custom base URL drops offering facts and prices', () => {
    const candidate = resolve({
      provider: 'openrouter',
      model: 'deepseek/deepseek-v4-pro',
      baseUrl: 'https://openrouter-proxy.example.com/api/v1',
    });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.limits.contextWindow).toMatchObject({ source: 'model-profile' });
  });

  it('reasoning: off is reasoning.enabled false, high is reasoning.effort, max is clamped to high with a message', () => {
    expect(
      resolve({ provider: 'openrouter', model: 'deepseek/deepseek-v4-pro', reasoning: 'off' }).reasoning,
    ).toMatchObject({ applied: 'off', params: { reasoning: { enabled: false } } });
    expect(
      resolve({ provider: 'openrouter', model: 'deepseek/deepseek-v4-pro', reasoning: 'high' }).reasoning,
    ).toMatchObject({ applied: 'high', params: { reasoning: { effort: 'high' } } });
    const max = resolve({ provider: 'openrouter', model: 'deepseek/deepseek-v4-pro', reasoning: 'max' });
    expect(max.reasoning).toMatchObject({
      requested: 'max',
      applied: 'high',
      params: { reasoning: { effort: 'high' } },
    });
    expect(codes(max)).toContain('reasoning-clamped');
  });

  it('an id with whitespace inside is refused as invalid', () => {
    const result = resolver.resolve({ provider: 'openrouter', model: 'deepseek/deepseek v4-pro' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-request');
  });
});
