import { describe, expect, it } from 'vitest';
import { envCredentials } from '../__fixtures__/provider-like-plugins.js';
import { offering, plugin, priced, profile, source } from '../__fixtures__/synthetic-plugins.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import { createRegistry } from '../registry/create-registry.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry } from '../schema/offering.js';
import type { UserConfig } from '../schema/user-config.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { LiveSnapshot } from './live-snapshot.js';
import type { RouteRequest } from './route-request.js';

// The documented order `auto` ranks by (ARCHITECTURE, auto-index.ts): cost and latency by blended price (3 input +
// 1 output, over 4; unpriced last), quality by reasoning "yes", then context, then price (dearer first, as the proxy
// for the bigger model). Ties go to the active provider, then the allowed providers in policy order, then the offering
// the catalog marks default, then catalog order.

const capable = (contextWindow: number | 'unknown', reasoning: 'yes' | 'no' | 'unknown'): Partial<ModelProfile> => ({
  limits: {
    contextWindow: contextWindow === 'unknown' ? 'unknown' : { value: contextWindow, source },
    maxOutput: 'unknown',
  },
  capabilities: {
    reasoning: reasoning === 'unknown' ? 'unknown' : { value: reasoning, source },
    tools: { value: 'yes', source },
    json: 'unknown',
    streaming: 'unknown',
    vision: { value: 'no', source },
  },
});

const models: ModelProfile[] = [
  profile('small', capable(131_072, 'no')),
  profile('long', capable(1_048_576, 'no')),
  profile('thinker', capable(131_072, 'yes')),
  profile('long-thinker', capable(262_144, 'yes')),
  profile('mystery', capable('unknown', 'unknown')),
];

function world(offerings: Record<string, OfferingEntry[]>) {
  const plugins: ProviderPlugin<string>[] = Object.entries(offerings).map(([id, list]) =>
    plugin(id, { models: id === 'alpha' ? models : [], offerings: list }),
  );
  return createRegistry({ plugins });
}

function pick(offerings: Record<string, OfferingEntry[]>, request: RouteRequest, config: UserConfig = {}) {
  const registry = world(offerings);
  const credentials = envCredentials(Object.keys(offerings).map((id) => `${id.toUpperCase()}_API_KEY`));
  const result = createRouteResolver({ registry, config, credentials }).resolve({
    provider: 'alpha',
    model: 'auto',
    ...request,
  });
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  const auto = result.candidate.decisions.auto;
  return {
    route: result.candidate.toString(),
    reason: auto?.reason,
    ranked: auto?.considered.filter((entry) => entry.outcome !== 'excluded').map((entry) => entry.ref),
    considered: auto?.considered,
    candidate: result.candidate,
  };
}

describe('auto ranks by the preference', () => {
  it('cost: the cheapest blended price first, unpriced offerings last', () => {
    const result = pick(
      {
        alpha: [
          offering('small', 'unpriced'),
          priced('small', 'output-heavy', 0.5, 4), // blended (1.5 + 4) / 4 = 1.375
          priced('small', 'input-heavy', 1, 0.5), // blended (3 + 0.5) / 4 = 0.875
          priced('small', 'dear', 3, 3),
        ],
      },
      { prefer: 'cost' },
    );
    expect(result.route).toBe('alpha:input-heavy');
    expect(result.ranked).toEqual(['alpha:input-heavy', 'alpha:output-heavy', 'alpha:dear', 'alpha:unpriced']);
    expect(result.reason).toBe(
      'cheapest offering meeting the requirements, at a blended 0.875 per million tokens (next: alpha:output-heavy)',
    );
    expect(result.considered).toEqual([
      { ref: 'alpha:input-heavy', outcome: 'chosen', reason: 'best for the preference' },
      { ref: 'alpha:output-heavy', outcome: 'ranked', reason: 'rank 2' },
      { ref: 'alpha:dear', outcome: 'ranked', reason: 'rank 3' },
      { ref: 'alpha:unpriced', outcome: 'ranked', reason: 'rank 4' },
    ]);
  });

  it('latency ranks as cost does (the catalog has no latency figures) and says so', () => {
    const offerings = { alpha: [priced('long', 'dear', 2, 2), priced('small', 'cheap', 1, 1)] };
    const result = pick(offerings, { prefer: 'latency' });
    expect(result.route).toBe('alpha:cheap');
    expect(result.ranked).toEqual(pick(offerings, { prefer: 'cost' }).ranked);
    expect(result.reason).toBe(
      'the catalog has no latency figures, so the cheapest tier stands in for the fastest: a blended 1.000 per million tokens (next: alpha:dear)',
    );
  });

  it('quality: reasoning first, then the larger context, then the dearer offering; unknowns rank lowest', () => {
    const result = pick(
      {
        alpha: [
          priced('long', 'long-no-reasoning', 9, 9),
          priced('thinker', 'thinker-cheap', 1, 1),
          priced('thinker', 'thinker-dear', 2, 2),
          offering('thinker', 'thinker-unpriced'),
          priced('long-thinker', 'long-thinker', 1, 1),
          priced('mystery', 'mystery', 9, 9),
          priced('small', 'small', 9, 9),
        ],
      },
      { prefer: 'quality' },
    );
    expect(result.ranked).toEqual([
      'alpha:long-thinker',
      'alpha:thinker-dear',
      'alpha:thinker-cheap',
      'alpha:thinker-unpriced',
      'alpha:long-no-reasoning',
      'alpha:small',
      'alpha:mystery',
    ]);
    expect(result.reason).toBe(
      'highest-quality proxy: reasoning yes, 262,144 tokens of context, a blended 1.000 per million tokens (next: alpha:thinker-dear)',
    );
  });

  it('says when the winner has no price, no known context, or no rival', () => {
    const result = pick({ alpha: [offering('mystery', 'only')] }, { prefer: 'quality' });
    expect(result.reason).toBe(
      'highest-quality proxy: reasoning unknown, unknown context, no published price (the only offering left)',
    );
    expect(pick({ alpha: [offering('small', 'only')] }, { prefer: 'cost' }).reason).toBe(
      'cheapest offering meeting the requirements, at no published price (the only offering left)',
    );
  });
});

describe('auto breaks ties in the documented order', () => {
  it('equal rank: the offering the catalog marks default, then catalog order', () => {
    for (const prefer of ['cost', 'quality'] as const) {
      const result = pick(
        {
          alpha: [
            priced('small', 'first', 1, 1),
            priced('small', 'second', 1, 1),
            priced('small', 'marked-default', 1, 1),
            priced('small', 'third', 1, 1),
          ].map((entry) => (entry.wireId === 'marked-default' ? { ...entry, default: true } : entry)),
        },
        { prefer },
      );
      expect(result.ranked).toEqual(['alpha:marked-default', 'alpha:first', 'alpha:second', 'alpha:third']);
    }
  });

  it('equal rank across providers: the active provider, then the allowed ones in policy order, before any default', () => {
    const offerings = {
      alpha: [priced('small', 'a', 1, 1)],
      beta: [{ ...priced('small', 'b', 1, 1), default: true }],
      gamma: [{ ...priced('small', 'g', 1, 1), default: true }],
    };
    const config: UserConfig = { routing: { allow_providers: ['gamma', 'beta'] } };
    const result = pick(offerings, { prefer: 'cost' }, config);
    expect(result.route).toBe('alpha:a');
    expect(result.ranked).toEqual(['alpha:a', 'gamma:g', 'beta:b']);
    expect(result.candidate.decisions.provider.source).not.toBe('model-match');
  });

  it('a cheaper offering elsewhere wins over the active provider, and the route says it moved', () => {
    const result = pick(
      { alpha: [priced('small', 'a', 2, 2)], beta: [priced('small', 'b', 1, 1)] },
      { prefer: 'cost' },
      { routing: { allow_providers: ['beta'] } },
    );
    expect(result.route).toBe('beta:b');
    expect(result.candidate.decisions.provider).toEqual({
      source: 'model-match',
      detail: '"auto" may use beta (allowed by your routing policy) and chose it.',
    });
    expect(result.candidate.decisions.model).toMatchObject({
      source: 'explicit',
      matchedBy: 'auto',
      detail: `"auto" chose beta:b: ${result.reason}.`,
    });
    expect(result.candidate.passThrough).toBe(false);
  });
});

describe('the providers auto may pick from', () => {
  const offerings = {
    alpha: [priced('small', 'a', 3, 3)],
    beta: [priced('small', 'b', 2, 2)],
    gamma: [priced('small', 'g', 1, 1)],
  };

  it("a role's allow_providers replaces the routing policy's, and a provider is considered once", () => {
    const config: UserConfig = {
      routing: { allow_providers: ['beta'] },
      roles: { cheap: { model: 'auto', prefer: 'cost', allow_providers: ['gamma', 'alpha', 'gamma'] } },
    };
    const result = pick(offerings, { model: undefined, role: 'cheap' }, config);
    expect(result.route).toBe('gamma:g');
    expect(result.ranked).toEqual(['gamma:g', 'alpha:a']);
    expect(pick(offerings, { prefer: 'cost' }, config).ranked).toEqual(['beta:b', 'alpha:a']);
  });

  it('leaves out a provider reached through a custom base URL, or without a credential, and says why', () => {
    const config: UserConfig = {
      routing: { allow_providers: ['beta', 'gamma', 'nobody'] },
      providers: { gamma: { base_url: 'https://proxy.example.test/v1', api_key_env: 'PROXY_KEY' } },
    };
    const registry = world(offerings);
    const result = createRouteResolver({
      registry,
      config,
      credentials: envCredentials(['ALPHA_API_KEY', 'PROXY_KEY']),
    }).resolve({ provider: 'alpha', model: 'auto', prefer: 'cost' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.toString()).toBe('alpha:a');
    expect(result.candidate.decisions.auto?.considered).toEqual([
      { ref: 'beta:*', outcome: 'excluded', reason: 'no usable credential' },
      { ref: 'gamma:*', outcome: 'excluded', reason: 'its endpoint is custom, so catalog facts do not apply' },
      { ref: 'alpha:a', outcome: 'chosen', reason: 'best for the preference' },
    ]);
  });

  it('a provider moved to keeps its own official endpoint, not the base URL pinned for the active one', () => {
    const result = pick(
      offerings,
      { prefer: 'cost', baseUrl: 'https://api.alpha.example.test/v1/' },
      { routing: { allow_providers: ['gamma'] } },
    );
    expect(result.route).toBe('gamma:g');
    expect(result.candidate.endpoint).toMatchObject({ baseUrl: 'https://api.gamma.example.test/v1', official: true });
  });
});

describe('what auto leaves out, and when nothing is left', () => {
  const offerings = {
    alpha: [
      { ...priced('small', 'old', 1, 1), status: 'retired' as const },
      { ...priced('small', 'going', 1, 1), status: 'deprecated' as const },
      priced('small', 'short', 1, 1),
      priced('mystery', 'unmeasured', 1, 1),
      priced('long', 'long', 2, 2),
    ],
  };

  it('records each exclusion with its reason: status, the capability state, the context against the minimum', () => {
    const result = pick(offerings, { prefer: 'cost', contextTokens: 200_000, requires: ['tools'] });
    expect(result.route).toBe('alpha:long');
    expect(result.considered).toEqual([
      { ref: 'alpha:old', outcome: 'excluded', reason: 'retired' },
      { ref: 'alpha:going', outcome: 'excluded', reason: 'deprecated' },
      { ref: 'alpha:short', outcome: 'excluded', reason: 'context 131,072 < 200,000' },
      { ref: 'alpha:unmeasured', outcome: 'excluded', reason: 'context unknown < 200,000' },
      { ref: 'alpha:long', outcome: 'chosen', reason: 'best for the preference' },
    ]);
    expect(result.candidate.decisions.auto?.requirements).toEqual(['tools', 'context >= 200000']);
    expect(pick(offerings, { requires: ['tools'] }).candidate.decisions.auto?.requirements).toEqual(['tools']);
  });

  it("the larger of the request's and the role's minimum context applies", () => {
    const config: UserConfig = { roles: { big: { model: 'auto', min_context: 200_000 } } };
    expect(pick(offerings, { model: undefined, role: 'big', prefer: 'cost' }, config).route).toBe('alpha:long');
    expect(
      pick(offerings, { model: undefined, role: 'big', prefer: 'cost', contextTokens: 100_000 }, config).route,
    ).toBe('alpha:long');
    expect(pick(offerings, { prefer: 'cost', contextTokens: 100_000 }).route).toBe('alpha:short');
  });

  it('with nothing left, the error names the providers searched, what was asked and how to relax it', () => {
    const registry = world(offerings);
    const result = createRouteResolver({ registry }).resolve({
      provider: 'alpha',
      model: 'auto',
      requires: ['vision', 'tools'],
      contextTokens: 2_000_000,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('auto-unsatisfiable');
    expect(result.error.message).toBe(
      '"auto" found no offering at alpha meeting vision, tools, context >= 2000000. Relax a requirement, allow more providers ([routing] allow_providers), or name a model.',
    );
    expect(result.error.details).toEqual({
      field: 'model',
      value: 'auto',
      considered: [
        { ref: 'alpha:old', reason: 'retired' },
        { ref: 'alpha:going', reason: 'deprecated' },
        { ref: 'alpha:short', reason: 'vision is no' },
        { ref: 'alpha:unmeasured', reason: 'vision is no' },
        { ref: 'alpha:long', reason: 'vision is no' },
      ],
    });
  });

  it('names every provider searched, and says "the request" when nothing in particular was asked', () => {
    const registry = world({ alpha: [], beta: [] });
    const result = createRouteResolver({
      registry,
      config: { routing: { allow_providers: ['beta'] } },
      credentials: envCredentials(['BETA_API_KEY']),
    }).resolve({ provider: 'alpha', model: 'auto' });
    expect(!result.ok && result.error.message).toBe(
      '"auto" found no offering at alpha, beta meeting the request. Relax a requirement, allow more providers ([routing] allow_providers), or name a model.',
    );
  });

  it('on a custom endpoint of a remote provider, asks for a model name; a local runtime may still use auto', () => {
    const registry = createRegistry({
      plugins: [
        plugin('alpha', { models, offerings: [priced('small', 'a', 1, 1)] }),
        plugin('box', {
          models: [],
          offerings: [offering('small', 'local-small')],
          descriptorOverrides: {
            class: 'local',
            endpoints: { chat: { baseUrl: 'http://127.0.0.1:8000/v1', protocol: 'chat-completions' } },
          },
        }),
      ],
    });
    const resolver = createRouteResolver({ registry });
    const remote = resolver.resolve({ provider: 'alpha', model: 'auto', baseUrl: 'https://proxy.example.test/v1' });
    expect(!remote.ok && remote.error).toEqual({
      kind: 'auto-unsatisfiable',
      message:
        '"auto" picks from catalog facts, and a custom endpoint has none. Name the model you want at https://proxy.example.test/v1.',
      details: { field: 'model', value: 'auto' },
    });
    const local = resolver.resolve({ provider: 'box', model: 'auto', baseUrl: 'http://127.0.0.1:9999/v1' });
    expect(local.ok && local.candidate.toString()).toBe('box:local-small');
  });
});

describe('context windows a request changes', () => {
  const offerings = {
    alpha: [
      priced('thinker', 'thinker-dear', 2, 2),
      priced('long-thinker', 'long-thinker', 1, 1),
      priced('long', 'long', 3, 3),
    ],
  };

  it('a [providers.<id>] context_window gives every offering the same context: quality ranks by reasoning, then price', () => {
    const config: UserConfig = { providers: { alpha: { context_window: 500_000 } } };
    const result = pick(offerings, { prefer: 'quality', contextTokens: 400_000 }, config);
    expect(result.ranked).toEqual(['alpha:thinker-dear', 'alpha:long-thinker', 'alpha:long']);
    expect(result.reason).toContain('reasoning yes, 500,000 tokens of context');
  });

  it('a fresh live context window counts, wherever the catalog ranks the offering; a stale one does not', () => {
    // By catalog facts thinker-dear ranks last of the three reasoning offerings; its live window makes it the best.
    const registry = world({
      alpha: [...offerings.alpha, priced('long-thinker', 'long-thinker-dear', 2, 2)],
    });
    const liveAt = (fresh: boolean): LiveSnapshot => ({
      model: (_provider, _url, wire) =>
        wire === 'thinker-dear'
          ? { record: { id: wire, contextWindow: 2_000_000 }, fetchedAt: '2026-11-21T08:00:00Z', fresh }
          : undefined,
      listing: () => undefined,
    });
    const winner = (fresh: boolean, request: RouteRequest) => {
      const result = createRouteResolver({ registry, live: liveAt(fresh) }).resolve({
        provider: 'alpha',
        model: 'auto',
        ...request,
      });
      return result.ok ? result.candidate.toString() : result.error.kind;
    };
    expect(winner(true, { prefer: 'quality' })).toBe('alpha:thinker-dear');
    expect(winner(false, { prefer: 'quality' })).toBe('alpha:long-thinker-dear');
    expect(winner(true, { prefer: 'cost', contextTokens: 1_500_000 })).toBe('alpha:thinker-dear');
    expect(winner(false, { prefer: 'cost', contextTokens: 1_500_000 })).toBe('auto-unsatisfiable');
  });
});
