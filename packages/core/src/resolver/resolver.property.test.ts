import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offering, plugin, priced, profile } from '../__fixtures__/synthetic-plugins.js';
import { explainRoute } from '../explain/route-explanation.js';
import { formatRouteExplanation } from '../explain/format-route-explanation.js';
import type { ModelIdPolicy, ProviderPlugin } from '../plugin/plugin-types.js';
import { createRegistry } from '../registry/create-registry.js';
import type { ProviderClass } from '../schema/provider-descriptor.js';
import type { UserConfig } from '../schema/user-config.js';
import type { CredentialSource } from './credential-source.js';
import { createRouteResolver, type RouteResult } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';
import { expectedCases, propertyRuns } from '../__fixtures__/property-runs.js';

const CANARY = 'sk-canary-7f3a9c2e-DO-NOT-LEAK';
const PROVIDER_IDS = ['alpha', 'beta-cloud', 'gamma', 'delta-local', 'epsilon'] as const;
const MODEL_IDS = ['m-one', 'm-two', 'm-three', 'm-four'] as const;

const strictPolicy: ModelIdPolicy = {
  classify: (id) =>
    id.includes('/')
      ? { kind: 'foreign', reason: 'namespaced ids are not ours' }
      : { kind: 'pass-through', reason: 'own family, deferred' },
};
const openPolicy: ModelIdPolicy = { classify: () => ({ kind: 'pass-through', reason: 'deferred' }) };

interface World {
  readonly plugins: ProviderPlugin[];
  readonly wireIds: string[];
  readonly config: UserConfig;
  readonly keys: ReadonlySet<string>;
}

const world: fc.Arbitrary<World> = fc
  .record({
    providers: fc.uniqueArray(fc.constantFrom(...PROVIDER_IDS), { minLength: 1, maxLength: 5 }),
    classes: fc.array(fc.constantFrom<ProviderClass>('direct', 'aggregator', 'local'), { minLength: 5, maxLength: 5 }),
    offerings: fc.array(
      fc.record({
        provider: fc.nat(),
        model: fc.constantFrom(...MODEL_IDS),
        org: fc.constantFrom('org', 'Lab', 'alpha', 'beta-cloud'),
        name: fc.constantFrom('M-One', 'm-two', 'Three', 'x'),
      }),
      { maxLength: 14 },
    ),
    keys: fc.subarray([...PROVIDER_IDS]),
    configProvider: fc.option(fc.constantFrom(...PROVIDER_IDS, 'unknown-one'), { nil: undefined }),
    configModel: fc.option(fc.constantFrom('m-one', 'org/M-One', 'auto'), { nil: undefined }),
    tableKeys: fc.subarray([...PROVIDER_IDS]),
  })
  .map((raw) => {
    const models = MODEL_IDS.map((id) => profile(id));
    const byProvider = new Map<string, ReturnType<typeof offering>[]>(raw.providers.map((id) => [id, []]));
    const wireIds: string[] = [];
    for (const draft of raw.offerings) {
      const providerId = raw.providers[draft.provider % raw.providers.length] as string;
      const wireId = `${draft.org}/${draft.name}`;
      const list = byProvider.get(providerId) as ReturnType<typeof offering>[];
      if (list.some((entry) => entry.wireId === wireId)) continue;
      list.push(draft.name === 'x' ? offering(draft.model, wireId) : priced(draft.model, wireId, 0.5, 1.5));
      wireIds.push(wireId);
    }
    const plugins = raw.providers.map((id, index) => {
      const providerClass = raw.classes[index] as ProviderClass;
      const local = providerClass === 'local';
      return plugin(id, {
        models,
        offerings: byProvider.get(id),
        modelIdPolicy: providerClass === 'direct' ? strictPolicy : openPolicy,
        usageMeter: {
          describe: (context) =>
            local ? { kind: 'local' } : (context.offering?.meter ?? { kind: 'unknown', reason: 'not in the catalog' }),
        },
        descriptorOverrides: {
          class: providerClass,
          auth: { scheme: 'bearer', envVars: [`${id.toUpperCase().replace(/-/g, '_')}_API_KEY`], optional: local },
          endpoints: {
            chat: {
              baseUrl: local ? `http://127.0.0.1:${8000 + index}/v1` : `https://api.${id}.example.test/v1`,
              protocol: 'chat-completions',
            },
          },
        },
      });
    });
    const providers = Object.fromEntries(raw.tableKeys.map((id) => [id, { api_key: CANARY, model: 'org/M-One' }]));
    const config: UserConfig = {
      ...(raw.configProvider ? { provider: raw.configProvider } : {}),
      ...(raw.configModel ? { model: raw.configModel } : {}),
      providers,
    };
    return { plugins, wireIds, config, keys: new Set(raw.keys) };
  });

/** A credential source that holds the canary value itself (as a careless one might) and reports classes only. */
function canarySource(keys: ReadonlySet<string>): CredentialSource & { readonly secret: string } {
  return {
    secret: CANARY,
    describe({ providerId, official, config, descriptor }) {
      if (config?.api_key !== undefined) return { source: 'config' };
      if (official && keys.has(providerId)) return { source: 'env', envVar: descriptor.auth.envVars[0] };
      return { source: 'missing' };
    },
  };
}

/** Optional field: absent about `percent` % of the time. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, absentPercent: number) =>
  fc.integer({ min: 1, max: 100 }).chain((roll) => (roll <= absentPercent ? fc.constant(undefined) : arbitrary));

const request = (wireIds: readonly string[]): fc.Arbitrary<RouteRequest> =>
  fc
    .record({
      provider: sometimes(fc.constantFrom(...PROVIDER_IDS, 'ALPHA', ' gamma ', 'nope', ''), 60),
      model: sometimes(
        fc.oneof(
          fc.constantFrom(...(wireIds.length ? wireIds : ['org/M-One']), ...MODEL_IDS, 'auto', ' AUTO ', '', '   '),
          fc
            .tuple(fc.constantFrom(...PROVIDER_IDS), fc.constantFrom('/', ':'), fc.stringMatching(/^[a-z]{1,6}$/))
            .map(([prefix, separator, rest]) => `${prefix}${separator}${rest}`),
        ),
        15,
      ),
      baseUrl: sometimes(
        fc.constantFrom(
          'https://api.alpha.example.test/v1',
          'https://api.alpha.example.test.evil.example/v1',
          'http://127.0.0.1:8003/v1',
          'https://proxy.example.test/v1',
        ),
        75,
      ),
      contextTokens: sometimes(fc.integer({ min: 1, max: 300_000 }), 70),
      requires: sometimes(fc.subarray(['tools', 'vision'] as const), 60),
      purpose: sometimes(fc.constantFrom('summary', 'plan', 'main', 'constructor'), 50),
    })
    .map(
      (fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as RouteRequest,
    );

function everything(result: RouteResult): string {
  if (!result.ok) return JSON.stringify(result);
  const explanation = explainRoute(result.candidate);
  return [
    JSON.stringify(result.candidate),
    JSON.stringify(explanation),
    formatRouteExplanation(explanation),
    String(result.candidate),
  ].join('\n');
}

describe('resolver properties (random registries and requests)', () => {
  it('(a) explicit provider wins, (b) no provider from a model prefix, (c) deterministic, (d) no candidate on error, (e) no secret in any output', () => {
    const seen = { ok: 0, failed: 0, explicit: 0, prefixed: 0, moved: 0, configAuth: 0 };
    fc.assert(
      fc.property(
        world.chain((value) =>
          fc.tuple(fc.constant(value), fc.array(request(value.wireIds), { minLength: 1, maxLength: 8 })),
        ),
        ([{ plugins, config, keys }, requests]) => {
          const registry = createRegistry({ plugins });
          const credentials = canarySource(keys);
          const resolver = createRouteResolver({ registry, config, credentials });
          const twin = createRouteResolver({ registry, config, credentials });
          for (const input of requests) {
            const result = resolver.resolve(input);
            // (d) a failure never carries a candidate
            if (!result.ok) expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
            seen[result.ok ? 'ok' : 'failed']++;
            // (c) deterministic, across resolver instances too
            expect(everything(twin.resolve(input))).toBe(everything(result));
            // (e) the planted key appears nowhere
            expect(everything(result)).not.toContain(CANARY);
            if (!result.ok) continue;
            // (a) an explicit provider is the candidate's provider
            if (input.provider !== undefined) {
              seen.explicit++;
              expect(result.candidate.provider.id).toBe(registry.findProvider(input.provider)?.id);
            }
            if (result.candidate.decisions.provider.source === 'model-match') seen.moved++;
            if (result.candidate.auth.source === 'config') seen.configAuth++;
            // (b) the provider never comes from the model string's prefix: replacing the prefix changes nothing
            const model = input.model?.trim() ?? '';
            const prefixed = /^([a-z-]+)[/:](.+)$/.exec(model);
            if (prefixed && registry.providers().every((provider) => !registry.matchInProvider(provider.id, model))) {
              const neutral = resolver.resolve({ ...input, model: `zz-nobody/${prefixed[2]}` });
              if (neutral.ok) {
                seen.prefixed++;
                expect(result.candidate.provider.id).toBe(neutral.candidate.provider.id);
              }
            }
          }
        },
      ),
      { numRuns: propertyRuns(400) },
    );
    // Each property must have been exercised, or passing means nothing.
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(expectedCases(20));
  }, 120_000);
});
