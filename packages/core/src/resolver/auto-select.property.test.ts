import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offering, plugin, profile, source } from '../__fixtures__/synthetic-plugins.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import { createRegistry } from '../registry/create-registry.js';
import {
  CAPABILITY_NAMES,
  KNOWN_WIRE_PROTOCOLS,
  type CapabilityName,
  type RoutePreference,
} from '../schema/constants.js';
import type { CapabilityFact, TokenLimit } from '../schema/facts.js';
import type { OfferingEntry } from '../schema/offering.js';
import type { ProviderClass } from '../schema/provider-descriptor.js';
import type { UserConfig } from '../schema/user-config.js';
import { autoPicksForTest, chooseAuto } from './auto-select.js';
import { chooseEndpoint } from './choose-endpoint.js';
import { chooseModel } from './choose-model.js';
import { chooseProvider } from './choose-provider.js';
import type { CredentialSource } from './credential-source.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { LiveSnapshot } from './live-snapshot.js';
import { MessageList, roleTable, type ResolverContext } from './resolver-context.js';
import type { RouteRequest } from './route-request.js';
import { validateRequest } from './validate-request.js';
import { expectedCases, propertyRuns } from '../__fixtures__/property-runs.js';

// @see issue 14 (Speed): `auto` picks through per-provider indexes instead of merging and sorting every offering. The
// indexed pick must be exactly the straightforward scan's, whatever the catalog, config, credentials and live data.

const PROVIDERS = ['alpha', 'beta', 'gamma'] as const;
const MODELS = ['m-one', 'm-two', 'm-three', 'm-four', 'm-five'] as const;
// Few distinct values, so ties (and the tie-breakers) are common.
const CONTEXTS = [32_768, 131_072, 1_048_576] as const;
const PRICES = [0.25, 1, 2] as const;

const capabilityFact: fc.Arbitrary<CapabilityFact> = fc.constantFrom<CapabilityFact>(
  'unknown',
  { value: 'yes', source },
  { value: 'no', source },
);
const tokenLimit: fc.Arbitrary<TokenLimit> = fc.oneof(
  fc.constant<TokenLimit>('unknown'),
  fc.constantFrom(...CONTEXTS).map((value): TokenLimit => ({ value, source })),
);
const capabilities = fc.record(
  Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, capabilityFact])) as Record<
    CapabilityName,
    fc.Arbitrary<CapabilityFact>
  >,
);
const someCapabilities = fc.record(
  Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, capabilityFact])) as Record<
    CapabilityName,
    fc.Arbitrary<CapabilityFact>
  >,
  { requiredKeys: [] },
);

const offeringDraft = fc.record({
  model: fc.constantFrom(...MODELS),
  name: fc.stringMatching(/^[a-z]{1,3}$/),
  status: fc.constantFrom(undefined, undefined, 'active', 'preview', 'deprecated', 'retired'),
  isDefault: fc.boolean(),
  meter: fc.oneof(
    fc.constant<OfferingEntry['meter']>({ kind: 'unknown', reason: 'no published price' }),
    fc
      .record({
        input: fc.option(fc.constantFrom(...PRICES), { nil: undefined }),
        output: fc.option(fc.constantFrom(...PRICES), { nil: undefined }),
      })
      .map(({ input, output }): OfferingEntry['meter'] => ({
        kind: 'token-pricing',
        currency: 'USD',
        rates: { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}) },
        source,
      })),
  ),
  capabilities: fc.option(someCapabilities, { nil: undefined }),
  contextWindow: fc.option(tokenLimit, { nil: undefined }),
});

const world = fc.record({
  providers: fc.uniqueArray(fc.constantFrom(...PROVIDERS), { minLength: 1, maxLength: 3 }),
  classes: fc.array(fc.constantFrom<ProviderClass>('direct', 'aggregator', 'local'), { minLength: 3, maxLength: 3 }),
  profiles: fc.array(fc.record({ capabilities, contextWindow: tokenLimit }), {
    minLength: MODELS.length,
    maxLength: MODELS.length,
  }),
  offerings: fc.array(fc.tuple(fc.nat(), offeringDraft), { maxLength: 24 }),
  keys: fc.subarray([...PROVIDERS]),
  tableContext: fc.array(fc.option(fc.constantFrom(...CONTEXTS, 200_000), { nil: undefined }), {
    minLength: 3,
    maxLength: 3,
  }),
  routing: fc.record({
    prefer: fc.option(fc.constantFrom<RoutePreference>('cost', 'latency', 'quality'), { nil: undefined }),
    allow: fc.option(fc.subarray([...PROVIDERS, 'nobody']), { nil: undefined }),
  }),
  role: fc.record({
    requires: fc.option(fc.subarray([...CAPABILITY_NAMES]), { nil: undefined }),
    min_context: fc.option(fc.constantFrom(...CONTEXTS, 100_000), { nil: undefined }),
    allow: fc.option(fc.subarray([...PROVIDERS]), { nil: undefined }),
    prefer: fc.option(fc.constantFrom<RoutePreference>('cost', 'latency', 'quality'), { nil: undefined }),
  }),
  live: fc.option(
    fc.array(
      fc.record({
        provider: fc.constantFrom(...PROVIDERS),
        index: fc.nat(),
        contextWindow: fc.option(fc.constantFrom(...CONTEXTS, 65_536), { nil: undefined }),
        fresh: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    { nil: undefined },
  ),
});

const requestArbitrary = fc.record({
  provider: fc.constantFrom(...PROVIDERS),
  prefer: fc.option(fc.constantFrom<RoutePreference>('cost', 'latency', 'quality'), { nil: undefined }),
  purpose: fc.option(fc.constantFrom('summary', 'plan', 'main'), { nil: undefined }),
  requires: fc.option(fc.subarray([...CAPABILITY_NAMES], { maxLength: 2 }), { nil: undefined }),
  contextTokens: fc.option(fc.constantFrom(...CONTEXTS, 100_000, 2_000_000), { nil: undefined }),
  role: fc.option(fc.constant('r'), { nil: undefined }),
  custom: fc.boolean(),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function build(raw: World) {
  const models = MODELS.map((id, index) => {
    const drawn = raw.profiles[index] as World['profiles'][number];
    return profile(id, {
      capabilities: drawn.capabilities,
      limits: { contextWindow: drawn.contextWindow, maxOutput: 'unknown' },
    });
  });
  const byProvider = new Map<string, OfferingEntry[]>(raw.providers.map((id) => [id, []]));
  for (const [pick, draft] of raw.offerings) {
    const list = byProvider.get(raw.providers[pick % raw.providers.length] as string) as OfferingEntry[];
    const wireId = `org/${draft.name}`;
    if (list.some((entry) => entry.wireId === wireId)) continue;
    const flagged = draft.isDefault && !list.some((entry) => entry.default === true);
    list.push(
      offering(draft.model, wireId, {
        meter: draft.meter,
        ...(draft.status ? { status: draft.status } : {}),
        ...(flagged ? { default: true } : {}),
        ...(draft.capabilities ? { capabilities: draft.capabilities } : {}),
        ...(draft.contextWindow ? { limits: { contextWindow: draft.contextWindow } } : {}),
      }),
    );
  }
  const baseUrls = new Map<string, string>();
  const plugins: ProviderPlugin[] = raw.providers.map((id, index) => {
    const providerClass = raw.classes[index] as ProviderClass;
    const local = providerClass === 'local';
    const baseUrl = local ? `http://127.0.0.1:${8000 + index}/v1` : `https://api.${id}.example.test/v1`;
    baseUrls.set(id, baseUrl);
    return plugin(id, {
      models,
      offerings: byProvider.get(id),
      descriptorOverrides: {
        class: providerClass,
        auth: { scheme: 'bearer', envVars: [`${id.toUpperCase()}_API_KEY`], optional: local },
        endpoints: { chat: { baseUrl, protocol: 'chat-completions' } },
      },
    });
  });
  const providers = Object.fromEntries(
    raw.providers.flatMap((id, index) => {
      const context_window = raw.tableContext[index];
      return context_window === undefined ? [] : [[id, { context_window }]];
    }),
  );
  const role = {
    model: 'auto',
    ...(raw.role.requires ? { requires: raw.role.requires } : {}),
    ...(raw.role.min_context ? { min_context: raw.role.min_context } : {}),
    ...(raw.role.allow ? { allow_providers: raw.role.allow } : {}),
    ...(raw.role.prefer ? { prefer: raw.role.prefer } : {}),
  };
  const config: UserConfig = {
    providers,
    roles: { r: role },
    routing: {
      ...(raw.routing.prefer ? { prefer: raw.routing.prefer } : {}),
      ...(raw.routing.allow ? { allow_providers: raw.routing.allow } : {}),
    },
  };
  const credentials: CredentialSource = {
    describe: ({ providerId, official, descriptor }) =>
      official && raw.keys.includes(providerId as (typeof PROVIDERS)[number])
        ? { source: 'env', envVar: descriptor.auth.envVars[0] }
        : { source: 'missing' },
  };
  // Live records by provider and wire id (some fresh, some stale, some without a context window).
  const records = new Map<string, { contextWindow: number | undefined; fresh: boolean }>();
  for (const entry of raw.live ?? []) {
    const list = byProvider.get(entry.provider);
    const target = list?.[entry.index % Math.max(list.length, 1)];
    if (target)
      records.set(`${entry.provider} ${target.wireId}`, { contextWindow: entry.contextWindow, fresh: entry.fresh });
  }
  const live: LiveSnapshot | undefined = raw.live
    ? {
        model(providerId, _baseUrl, wireModelId) {
          const record = records.get(`${providerId} ${wireModelId}`);
          if (!record) return undefined;
          return {
            record: {
              id: wireModelId,
              ...(record.contextWindow !== undefined ? { contextWindow: record.contextWindow } : {}),
            },
            fetchedAt: '2026-12-01T00:00:00Z',
            fresh: record.fresh,
          };
        },
        listing: () => undefined,
      }
    : undefined;
  return { plugins, config, credentials, live, baseUrls };
}

describe('auto through the indexes (random catalogs, configs, credentials, live data and requests)', () => {
  it('picks exactly what the straightforward scan picks, and the explanation lists what the scan ranks', () => {
    const seen = {
      chosen: 0,
      unsatisfiable: 0,
      moved: 0,
      quality: 0,
      cheapest: 0,
      tableContext: 0,
      liveContext: 0,
      custom: 0,
    };
    fc.assert(
      fc.property(world, fc.array(requestArbitrary, { minLength: 1, maxLength: 6 }), (raw, requests) => {
        const { plugins, config, credentials, live, baseUrls } = build(raw);
        const registry = createRegistry({ plugins });
        const context: ResolverContext = {
          registry,
          config,
          credentials,
          live,
          protocols: new Set(KNOWN_WIRE_PROTOCOLS),
        };
        const resolver = createRouteResolver({
          registry,
          config,
          credentials,
          ...(live ? { live } : {}),
          cache: false,
        });
        for (const drawn of requests) {
          if (!raw.providers.includes(drawn.provider)) continue;
          const request: RouteRequest = {
            provider: drawn.provider,
            ...(drawn.role ? { role: drawn.role } : { model: 'auto' }),
            ...(drawn.prefer ? { prefer: drawn.prefer } : {}),
            ...(drawn.purpose ? { purpose: drawn.purpose } : {}),
            ...(drawn.requires ? { requires: drawn.requires } : {}),
            ...(drawn.contextTokens ? { contextTokens: drawn.contextTokens } : {}),
            ...(drawn.custom ? { baseUrl: (baseUrls.get(drawn.provider) as string).replace('/v1', '/custom/v1') } : {}),
          };
          const valid = validateRequest(request);
          if (!valid.ok) throw new Error(valid.error.message);
          const role = roleTable(config, request.role);
          const providerStep = chooseProvider(context, valid.value, role);
          if (!providerStep.ok) continue;
          const messages = new MessageList();
          const endpointStep = chooseEndpoint(
            context,
            providerStep.value.provider,
            valid.value,
            providerStep.value,
            undefined,
            messages,
          );
          if (!endpointStep.ok) continue;
          const input = {
            context,
            request: valid.value,
            role,
            providerChoice: providerStep.value,
            endpoint: endpointStep.value.endpoint,
            pinnedEndpoint: endpointStep.value.pinned,
            messages,
          };
          if (!endpointStep.value.endpoint.official) seen.custom++;
          if (!endpointStep.value.endpoint.official && providerStep.value.provider.descriptor.class !== 'local')
            continue;

          const picks = autoPicksForTest(input);
          expect(picks.indexed).toEqual(picks.scanned);

          const step = chooseModel(input, chooseAuto);
          const result = resolver.resolve(request);
          if (picks.scanned.length === 0) {
            seen.unsatisfiable++;
            expect(step.ok).toBe(false);
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.error.kind).toBe('auto-unsatisfiable');
            continue;
          }
          seen.chosen++;
          if (!step.ok || !result.ok) throw new Error('auto failed although the scan ranks an offering');
          const winner = (picks.scanned[0] as string).split(' ')[0];
          expect(`${result.candidate.provider.id}:${result.candidate.wireModelId}`).toBe(winner);
          if (result.candidate.provider.id !== drawn.provider) seen.moved++;
          const auto = result.candidate.decisions.auto;
          if (!auto) throw new Error('no auto decision');
          if (auto.preference === 'quality') seen.quality++;
          else seen.cheapest++;
          if (raw.tableContext[raw.providers.indexOf(drawn.provider)] !== undefined) seen.tableContext++;
          if (live && raw.live?.some((entry) => entry.fresh && entry.contextWindow !== undefined)) seen.liveContext++;
          // The lazily listed `considered` is the scan's: the winner first among the ranked, the runner-up second.
          const ranked = auto.considered.filter((entry) => entry.outcome !== 'excluded');
          expect(ranked[0]).toEqual({ ref: winner, outcome: 'chosen', reason: 'best for the preference' });
          expect(ranked[1]?.ref).toBe(picks.scanned[1]?.split(' ')[0]);
          expect(Object.isFrozen(auto.considered)).toBe(true);
          expect(auto.considered).toBe(auto.considered);
          // The same list in the JSON form of the candidate.
          expect(JSON.parse(JSON.stringify(result.candidate)).decisions.auto.considered).toEqual(auto.considered);
        }
      }),
      { numRuns: propertyRuns(1_500) },
    );
    // Every kind of world was really tried. A move to another provider is the rarest (about 1 request in 35 runs), so
    // 500 runs once gave only 6 and failed this check in CI although the picks agreed: 1,500 runs give about 45.
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(expectedCases(10));
  }, 120_000);
});
