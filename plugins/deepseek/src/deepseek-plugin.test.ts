import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  isReadyRouteCandidate,
  providerDescriptorSchema,
  type CredentialSource,
  type ReadyRouteCandidate,
  type RouteError,
  type RouteRequest,
  type RouteResolverOptions,
} from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { createDeepseekPlugin, deepseekPlugin } from './deepseek-plugin.js';
import { VERSION } from './version.js';

const registry = createRegistry({ plugins: [deepseekPlugin] });
type Options = Omit<RouteResolverOptions<'deepseek'>, 'registry'>;

/** Env var names that are set (never values); ambient keys only for the official endpoint, like the real source. */
function envCredentials(present: readonly string[]): CredentialSource {
  const set = new Set(present);
  return {
    describe({ descriptor, official, config }) {
      if (config?.api_key_env !== undefined)
        return set.has(config.api_key_env) ? { source: 'env', envVar: config.api_key_env } : { source: 'missing' };
      if (!official) return { source: 'missing' };
      const name = descriptor.auth.envVars.find((candidate) => set.has(candidate));
      return name ? { source: 'env', envVar: name } : { source: 'missing' };
    },
  };
}

function resolveOk(request: RouteRequest, options: Options = {}): ReadyRouteCandidate {
  const result = createRouteResolver({ registry, ...options }).resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  expect(isReadyRouteCandidate(result.candidate)).toBe(true);
  return result.candidate;
}

function resolveError(request: RouteRequest, options: Options = {}): RouteError {
  const result = createRouteResolver({ registry, ...options }).resolve(request);
  if (result.ok) throw new Error(`expected an error, got a route to ${result.candidate.wireModelId}`);
  return result.error;
}

const codes = (candidate: ReadyRouteCandidate) => candidate.validation.messages.map((message) => message.code);

describe('deepseekPlugin', () => {
  it('registers cleanly and declares the v1 contract', () => {
    expect(deepseekPlugin.id).toBe('deepseek');
    expect(deepseekPlugin.spec).toBe('v1');
    expect(deepseekPlugin.version).toBe(VERSION);
    expect(registry.providerIds).toEqual(['deepseek']);
    expect(registry.provider('deepseek').defaultOffering?.wireId).toBe('deepseek-v4-pro');
    expect(registry.provider('deepseek').offerings.map((offering) => [offering.wireId, offering.model])).toEqual([
      ['deepseek-v4-pro', 'deepseek-v4-pro'],
      ['deepseek-flash', 'deepseek-v4.1-flash'],
    ]);
  });

  it('has a schema-valid descriptor with both official endpoints', () => {
    const descriptor = providerDescriptorSchema.parse(deepseekPlugin.descriptor);
    expect(descriptor).toMatchObject({
      id: 'deepseek',
      displayName: 'DeepSeek',
      class: 'direct',
      auth: {
        scheme: 'bearer',
        envVars: ['DEEPSEEK_API_KEY'],
        optional: false,
        keyUrl: 'https://platform.deepseek.com/api_keys',
      },
      defaultEndpoint: 'chat',
      liveListing: { supported: true, path: '/models', authRequired: true },
      env: { baseUrl: 'DEEPSEEK_BASE_URL', model: 'DEEPSEEK_MODEL' },
      modelIds: { style: 'strict', caseSensitive: true },
    });
    expect(descriptor.endpoints.chat).toEqual({
      baseUrl: 'https://api.deepseek.com',
      protocol: 'chat-completions',
      alternateBaseUrls: ['https://api.deepseek.com/v1', 'https://api.deepseek.com/beta'],
      usageDialect: 'deepseek',
    });
    expect(descriptor.endpoints.responses).toMatchObject({
      baseUrl: 'https://api.deepseek.com',
      protocol: 'responses',
      note: expect.stringContaining('POST /responses') as unknown,
    });
    expect(Object.keys(descriptor.endpoints)).toEqual(['chat', 'responses', 'anthropic']);
    expect(descriptor.endpoints.anthropic).toMatchObject({
      baseUrl: 'https://api.deepseek.com/anthropic',
      protocol: 'anthropic-messages',
      authScheme: 'x-api-key',
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(registry.officialEndpointsAt('https://api.deepseek.com/v1/')).toEqual([
      { providerId: 'deepseek', endpointKey: 'chat' },
    ]);
    expect(registry.officialEndpointsAt('https://api.deepseek.com.evil.example')).toEqual([]);
  });

  it('settings: extra key env vars are read first; the default endpoint can be anthropic', () => {
    const plugin = createDeepseekPlugin({
      apiKeyEnv: ['MY_DEEPSEEK_KEY', 'DEEPSEEK_API_KEY'],
      defaultEndpoint: 'anthropic',
    });
    expect(plugin.descriptor.auth.envVars).toEqual(['MY_DEEPSEEK_KEY', 'DEEPSEEK_API_KEY']);
    expect(createDeepseekPlugin({ apiKeyEnv: 'TEAM_DS_KEY' }).descriptor.auth.envVars).toEqual([
      'TEAM_DS_KEY',
      'DEEPSEEK_API_KEY',
    ]);
    const own = createRegistry({ plugins: [plugin] });
    const result = createRouteResolver({ registry: own, credentials: envCredentials(['MY_DEEPSEEK_KEY']) }).resolve({
      provider: 'deepseek',
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.endpoint).toMatchObject({
      key: 'anthropic',
      protocol: 'anthropic-messages',
      official: true,
    });
    expect(result.candidate.auth).toEqual({ source: 'env', envVar: 'MY_DEEPSEEK_KEY' });
  });

  it('rejects an invalid env var name at registration', () => {
    expect(() => createRegistry({ plugins: [createDeepseekPlugin({ apiKeyEnv: 'not a name' })] })).toThrow(/envVars/);
  });
});

describe('resolving DeepSeek routes', () => {
  it('deepseek + deepseek-v4-pro: official endpoint, token pricing with the peak tier', () => {
    const candidate = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro' },
      { credentials: envCredentials(['DEEPSEEK_API_KEY']) },
    );
    expect(candidate.provider).toEqual({ id: 'deepseek', displayName: 'DeepSeek', class: 'direct' });
    expect(candidate.wireModelId).toBe('deepseek-v4-pro');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.deepseek.com',
      key: 'chat',
      protocol: 'chat-completions',
      official: true,
      headers: {},
    });
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
    const meter = candidate.meter;
    if (meter.kind !== 'token-pricing') throw new Error(`expected token pricing, got ${meter.kind}`);
    expect(meter.currency).toBe('USD');
    expect(meter.rates).toEqual({ cachedInput: 0.022, input: 0.66, output: 1.98 });
    expect(meter.freeTokenClasses).toEqual(['cacheWrite']);
    expect(meter.timeTiers).toEqual([
      {
        name: 'peak',
        multiplier: 2,
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00', timezone: 'Asia/Shanghai' },
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '18:00', timezone: 'Asia/Shanghai' },
        ],
      },
    ]);
    expect(meter.source).toMatchObject({
      kind: 'third-party',
      uncertain: true,
      url: 'https://github.com/Zoo-Code-Org/Zoo-Code/pull/1659',
    });
    expect(candidate.limits.contextWindow).toMatchObject({ value: 1_048_576, source: 'model-profile' });
    expect(candidate.limits.maxOutput).toMatchObject({ value: 393_216, source: 'model-profile' });
    expect(candidate.capabilities.vision.state).toBe('no');
    expect(codes(candidate)).toEqual([]);
  });

  it('deepseek with no model takes the default offering, deepseek-v4-pro', () => {
    const candidate = resolveOk({ provider: 'deepseek' });
    expect(candidate.wireModelId).toBe('deepseek-v4-pro');
    expect(candidate.decisions.model.source).toBe('provider-default');
  });

  it('deepseek + deepseek-flash: V4.1 Flash priced off-peak at 0.15 / 0.60', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-flash' });
    expect(candidate.canonicalModel).toBe('deepseek-v4.1-flash');
    expect(candidate.meter).toMatchObject({
      kind: 'token-pricing',
      rates: { cachedInput: 0.003, input: 0.15, output: 0.6 },
    });
    expect(candidate.capabilities.vision.state).toBe('yes');
  });

  it('deepseek + deepseek-v4.1-flash (the canonical id) is sent as deepseek-flash', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4.1-flash' });
    expect(candidate.wireModelId).toBe('deepseek-flash');
    expect(candidate.canonicalModel).toBe('deepseek-v4.1-flash');
    expect(candidate.decisions.model.matchedBy).toBe('canonical-id');
    expect(codes(candidate)).not.toContain('model-renamed');
  });

  it('deepseek + qwen/qwen3-coder is a foreign model', () => {
    const error = resolveError({ provider: 'deepseek', model: 'qwen/qwen3-coder' });
    expect(error.kind).toBe('foreign-model');
    expect(error.details).toMatchObject({ field: 'model', value: 'qwen/qwen3-coder' });
    expect(error.details.reason).toMatch(/namespaced/);
  });

  it.each(['qwen3-coder', 'kimi-k2.6', 'gpt-oss-120b'])('deepseek + %s (another family) is foreign', (model) => {
    const error = resolveError({ provider: 'deepseek', model });
    expect(error.kind).toBe('foreign-model');
    expect(error.details.reason).toMatch(/not a DeepSeek model id/);
  });

  it('deepseek + deepseek-ai/DeepSeek-V4-Pro (a Together/HF id) is foreign, suggesting deepseek-v4-pro', () => {
    const error = resolveError({ provider: 'deepseek', model: 'deepseek-ai/DeepSeek-V4-Pro' });
    expect(error.kind).toBe('foreign-model');
    expect(error.details.suggestion).toBe('deepseek-v4-pro');
    expect(error.message).toContain('Try "deepseek-v4-pro"');
  });

  it('deepseek + deepseek-v4-flash: sent as deepseek-flash, canonical V4.1 Flash, with a dated rename warning', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-flash' });
    expect(candidate.wireModelId).toBe('deepseek-flash');
    expect(candidate.canonicalModel).toBe('deepseek-v4.1-flash');
    expect(candidate.passThrough).toBe(false);
    expect(candidate.meter.kind).toBe('token-pricing');
    const renamed = candidate.validation.messages.find((message) => message.code === 'model-renamed');
    expect(renamed?.level).toBe('warning');
    expect(renamed?.message).toContain('"deepseek-v4-flash" is now "deepseek-flash" at DeepSeek (since 2026-09-10)');
    expect(candidate.decisions.model.matchedBy).toBe('policy');
  });

  it.each([
    ['deepseek-chat', '2026-07-24', /non-thinking/],
    ['deepseek-reasoner', '2026-07-24', /reasoning "high"/],
    ['deepseek-v4-flash-vision-exp', '2026-09-10', /vision/],
    ['deepseek-v4-flash-0731', '2026-09-10', /2026-07-31/],
  ])('deepseek + %s (retired) maps to deepseek-flash since %s', (model, since, why) => {
    const candidate = resolveOk({ provider: 'deepseek', model });
    expect(candidate.wireModelId).toBe('deepseek-flash');
    expect(candidate.canonicalModel).toBe('deepseek-v4.1-flash');
    const renamed = candidate.validation.messages.find((message) => message.code === 'model-renamed');
    expect(renamed?.message).toContain(`(since ${since})`);
    expect(renamed?.message).toMatch(why);
  });

  it('deepseek + DeepSeek-V5 (upper case, unknown) is an invalid request with a lower-case suggestion', () => {
    const error = resolveError({ provider: 'deepseek', model: 'DeepSeek-V5' });
    expect(error.kind).toBe('invalid-request');
    expect(error.details).toMatchObject({ field: 'model', value: 'DeepSeek-V5', suggestion: 'deepseek-v5' });
    expect(error.message).toBe(
      '"DeepSeek-V5" is not a valid DeepSeek model id: DeepSeek model ids are lower-case, and its API matches them exactly. Try "deepseek-v5".',
    );
  });

  it('deepseek + DeepSeek-V4-Pro matches the canonical model case-insensitively and sends the wire id', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'DeepSeek-V4-Pro' });
    expect(candidate.wireModelId).toBe('deepseek-v4-pro');
    expect(candidate.decisions.model.matchedBy).toBe('canonical-id');
  });

  it('deepseek + deepseek-v5-pro (own family, unknown) passes through unchanged', () => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v5-pro' });
    expect(candidate.wireModelId).toBe('deepseek-v5-pro');
    expect(candidate.canonicalModel).toBeUndefined();
    expect(candidate.passThrough).toBe(true);
    expect(candidate.endpoint.official).toBe(true);
    expect(candidate.meter).toEqual({
      kind: 'unknown',
      reason: "not in DeepSeek's catalog: no sourced price for this model id",
    });
    expect(candidate.limits.contextWindow).toEqual({ value: 'unknown' });
    expect(candidate.decisions.model.detail).toContain('Model Not Exist');
  });

  it('[providers.deepseek] endpoint = "anthropic": anthropic endpoint, version header, Anthropic-form reasoning', () => {
    const config = { providers: { deepseek: { endpoint: 'anthropic' } } };
    const candidate = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'max' },
      { config, credentials: envCredentials(['DEEPSEEK_API_KEY']) },
    );
    expect(candidate.endpoint).toEqual({
      baseUrl: 'https://api.deepseek.com/anthropic',
      key: 'anthropic',
      protocol: 'anthropic-messages',
      official: true,
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
    expect(candidate.reasoning).toEqual({
      requested: 'max',
      applied: 'max',
      source: 'request',
      params: { thinking: { type: 'enabled' }, output_config: { effort: 'max' } },
    });
    // Both formats are DeepSeek's official API: the same prices apply.
    expect(candidate.meter.kind).toBe('token-pricing');

    const low = resolveOk({ provider: 'deepseek', model: 'deepseek-flash', reasoning: 'low' }, { config });
    expect(low.reasoning).toEqual({
      requested: 'low',
      applied: 'high',
      source: 'request',
      params: { thinking: { type: 'enabled' }, output_config: { effort: 'high' } },
    });
    expect(low.validation.messages.find((message) => message.code === 'reasoning-clamped')?.message).toBe(
      'Reasoning "low" is sent to DeepSeek as "high": DeepSeek thinking has two efforts, high and max; low and medium run as high.',
    );
    const off = resolveOk({ provider: 'deepseek', model: 'deepseek-flash', reasoning: 'off' }, { config });
    expect(off.reasoning.params).toEqual({ thinking: { type: 'disabled' } });
  });

  /** @see issue 15 item 1 */
  it('deepseek-v4-pro stays on chat-completions by default; the responses endpoint only when asked', () => {
    const request = { provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'max' } as const;
    const credentials = envCredentials(['DEEPSEEK_API_KEY']);
    expect(resolveOk(request, { credentials }).endpoint).toMatchObject({ key: 'chat', protocol: 'chat-completions' });
    expect(resolveOk(request, { credentials, protocols: ['chat-completions', 'responses'] }).endpoint.key).toBe('chat');

    const asked = [
      resolveOk(request, { credentials, config: { providers: { deepseek: { endpoint: 'responses' } } } }),
      resolveOk(request, { credentials, protocols: ['responses'] }),
    ];
    for (const candidate of asked) {
      expect(candidate.endpoint).toEqual({
        baseUrl: 'https://api.deepseek.com',
        key: 'responses',
        protocol: 'responses',
        official: true,
        headers: {},
      });
      expect(candidate.wireModelId).toBe('deepseek-v4-pro');
      expect(candidate.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
      // The same official API: the offering's prices apply.
      expect(candidate.meter).toMatchObject({ kind: 'token-pricing', rates: { input: 0.66, output: 1.98 } });
      expect(candidate.reasoning).toEqual({
        requested: 'max',
        applied: 'max',
        source: 'request',
        params: { reasoning: { effort: 'max' } },
      });
    }
    const flash = resolveOk(
      { provider: 'deepseek', model: 'deepseek-flash', reasoning: 'off' },
      { credentials, protocols: ['responses'] },
    );
    expect(flash.reasoning.params).toEqual({ reasoning: { effort: 'none' } });
    expect(flash.wireModelId).toBe('deepseek-flash');
  });

  it('chat endpoint reasoning uses thinking + reasoning_effort', () => {
    expect(resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'high' }).reasoning.params).toEqual({
      thinking: { type: 'enabled' },
      reasoning_effort: 'high',
    });
    expect(resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'off' }).reasoning.params).toEqual({
      thinking: { type: 'disabled' },
    });
  });

  it('the /v1 spelling is the same official endpoint', () => {
    const candidate = resolveOk({
      provider: 'deepseek',
      model: 'deepseek-v4-pro',
      baseUrl: 'https://api.deepseek.com/v1',
    });
    expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
    expect(candidate.meter.kind).toBe('token-pricing');
  });

  /** @see issue 12 item 1 */
  it.each([
    'https://api.deepseek.com/beta',
    'https://API.deepseek.com/beta/',
    'https://api.deepseek.com/v1',
    'https://api.deepseek.com',
  ])(
    "%s is DeepSeek's official endpoint family: prices kept, DEEPSEEK_API_KEY bound, foreign ids refused",
    (baseUrl) => {
      const options = { credentials: envCredentials(['DEEPSEEK_API_KEY']) };
      const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl }, options);
      expect(candidate.endpoint).toMatchObject({ key: 'chat', protocol: 'chat-completions', official: true });
      expect(candidate.meter).toMatchObject({ kind: 'token-pricing', rates: { input: 0.66, output: 1.98 } });
      expect(candidate.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
      expect(candidate.limits.contextWindow.value).toBe(1_048_576);
      const foreign = resolveError({ provider: 'deepseek', model: 'anthropic/claude-foo', baseUrl }, options);
      expect(foreign.kind).toBe('foreign-model');
      // The API root also serves the Responses format (issue 15 item 1); the chat endpoint stays the one chosen.
      const shared =
        baseUrl === 'https://api.deepseek.com' ? [{ providerId: 'deepseek', endpointKey: 'responses' }] : [];
      expect(registry.officialEndpointsAt(baseUrl)).toEqual([
        { providerId: 'deepseek', endpointKey: 'chat' },
        ...shared,
      ]);
    },
  );

  /** @see issue 12 item 1 */
  it.each([
    'https://api.deepseek.com/beta/v1',
    'https://api.deepseek.com/betax',
    'http://api.deepseek.com/beta',
    'https://api.deepseek.com.evil.example/beta',
  ])('%s is not an official spelling: custom route, no ambient key', (baseUrl) => {
    const candidate = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl },
      { credentials: envCredentials(['DEEPSEEK_API_KEY']) },
    );
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.auth.source).toBe('missing');
  });

  it('deepseek with a custom base URL: meter unknown, offering price not carried over, no ambient key', () => {
    const candidate = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl: 'https://llm-proxy.example.com/deepseek/v1' },
      { credentials: envCredentials(['DEEPSEEK_API_KEY']) },
    );
    expect(candidate.endpoint).toMatchObject({ baseUrl: 'https://llm-proxy.example.com/deepseek/v1', official: false });
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.auth.source).toBe('missing');
    expect(candidate.canonicalModel).toBe('deepseek-v4-pro');
  });

  it('a look-alike host is custom, never official', () => {
    const candidate = resolveOk({
      provider: 'deepseek',
      model: 'deepseek-v4-pro',
      baseUrl: 'https://api.deepseek.com.evil.example',
    });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter.kind).toBe('unknown');
  });

  it('custom endpoints get ids the official API would reject or rename, unchanged', () => {
    const baseUrl = 'https://llm-proxy.example.com/v1';
    const upper = resolveOk({ provider: 'deepseek', model: 'DeepSeek-V5', baseUrl });
    expect(upper.wireModelId).toBe('DeepSeek-V5');
    expect(upper.passThrough).toBe(true);
    const retired = resolveOk({ provider: 'deepseek', model: 'deepseek-chat', baseUrl });
    expect(retired.wireModelId).toBe('deepseek-chat');
    expect(codes(retired)).not.toContain('model-renamed');
    const namespaced = resolveOk({ provider: 'deepseek', model: 'qwen/qwen3-coder', baseUrl });
    expect(namespaced.wireModelId).toBe('qwen/qwen3-coder');
    expect(codes(namespaced)).toContain('foreign-deferred');
  });

  it('explains a route without leaking anything but the env var name', () => {
    const candidate = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-flash' },
      { credentials: envCredentials(['DEEPSEEK_API_KEY']) },
    );
    const explanation = JSON.stringify(explainRoute(candidate));
    expect(explanation).toContain('deepseek-flash');
    expect(explanation).toContain('DEEPSEEK_API_KEY');
  });
});
