import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerCasePolicy, offering, passThroughPolicy, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry } from '../schema/offering.js';
import { createRegistry } from './create-registry.js';
import { propertyRuns } from '../__fixtures__/property-runs.js';

const token = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'Alpha', 'BETA', 'x1', 'v4', 'pro', 'flash');
const modelId = fc.tuple(token, token).map(([left, right]) => `${left}-${right}`.toLowerCase());

interface World {
  readonly plugins: ProviderPlugin[];
  readonly models: ModelProfile[];
  readonly queries: string[];
}

/** Random valid worlds: unique provider names, unique models and aliases, unique wire ids and aliases per provider. */
const world: fc.Arbitrary<World> = fc
  .record({
    modelIds: fc.uniqueArray(modelId, { minLength: 1, maxLength: 8 }),
    modelAliases: fc.array(
      fc.tuple(token, token).map(([left, right]) => `${left}.${right}`),
      { maxLength: 6 },
    ),
    providers: fc.uniqueArray(fc.constantFrom('together', 'nvidia-nim', 'hf', 'ollama', 'vllm', 'p-one', 'p-two'), {
      minLength: 1,
      maxLength: 5,
    }),
    providerAliases: fc.array(fc.constantFrom('nim', 'nvidia', 'huggingface', 'tg', 'local'), { maxLength: 4 }),
    offerings: fc.array(
      fc.record({
        provider: fc.nat(),
        model: fc.nat(),
        wire: fc.tuple(token, token, fc.constantFrom('', '-Turbo', ':7b')),
        aliases: fc.array(token, { maxLength: 2 }),
        default: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    extraQueries: fc.array(fc.string({ maxLength: 6 }), { maxLength: 5 }),
  })
  .map((raw) => {
    const usedModelNames = new Set(raw.modelIds);
    const aliasesByModel = new Map<string, string[]>();
    raw.modelAliases.forEach((alias, index) => {
      const key = alias.toLowerCase();
      if (usedModelNames.has(key)) return;
      usedModelNames.add(key);
      const owner = raw.modelIds[index % raw.modelIds.length] as string;
      aliasesByModel.set(owner, [...(aliasesByModel.get(owner) ?? []), alias]);
    });
    const models = raw.modelIds.map((id) =>
      profile(id, aliasesByModel.has(id) ? { aliases: aliasesByModel.get(id) } : {}),
    );
    const usedProviderNames = new Set<string>(raw.providers);
    const providerAliases = new Map<string, string[]>();
    raw.providerAliases.forEach((alias, index) => {
      if (usedProviderNames.has(alias)) return;
      usedProviderNames.add(alias);
      const owner = raw.providers[index % raw.providers.length] as string;
      providerAliases.set(owner, [...(providerAliases.get(owner) ?? []), alias]);
    });
    const entries = new Map<string, OfferingEntry[]>(raw.providers.map((id) => [id, []]));
    const taken = new Map<string, Set<string>>(raw.providers.map((id) => [id, new Set()]));
    const hasDefault = new Set<string>();
    for (const draft of raw.offerings) {
      const providerId = raw.providers[draft.provider % raw.providers.length] as string;
      const key = (id: string) => (providerId === 'ollama' ? id.toLowerCase() : id);
      const used = taken.get(providerId) as Set<string>;
      const wireId = `${draft.wire[0]}/${draft.wire[1]}${draft.wire[2]}`;
      if (used.has(key(wireId))) continue;
      const aliases = [...new Set(draft.aliases)].filter(
        (alias) => !used.has(key(alias)) && key(alias) !== key(wireId),
      );
      if (new Set(aliases.map(key)).size !== aliases.length) continue;
      used.add(key(wireId));
      for (const alias of aliases) used.add(key(alias));
      const isDefault = draft.default && !hasDefault.has(providerId);
      if (isDefault) hasDefault.add(providerId);
      const model = raw.modelIds[draft.model % raw.modelIds.length] as string;
      entries
        .get(providerId)
        ?.push(
          offering(model, wireId, { ...(aliases.length ? { aliases } : {}), ...(isDefault ? { default: true } : {}) }),
        );
    }
    const plugins = raw.providers.map((id) =>
      plugin(id, {
        models,
        offerings: entries.get(id),
        modelIdPolicy: id === 'ollama' ? lowerCasePolicy : passThroughPolicy,
        descriptorOverrides: providerAliases.has(id) ? { aliases: providerAliases.get(id) } : {},
      }),
    );
    const queries = [
      ...raw.extraQueries,
      ...usedProviderNames,
      ...usedModelNames,
      ...[...entries.values()]
        .flat()
        .flatMap((entry) => [entry.wireId, entry.wireId.toUpperCase(), ...(entry.aliases ?? [])]),
      ...raw.modelAliases.map((alias) => alias.toUpperCase()),
      ' NIM ',
      ...[...usedProviderNames].flatMap((name) => [
        name.toUpperCase().replaceAll('-', '_'),
        ` ${name.replaceAll('-', '')} `,
        `${name}_`,
      ]),
      ...raw.providers.flatMap((id) => [`${id.toUpperCase().replaceAll('-', '_')}_API_KEY`, `${id}_api_key`]),
    ];
    return { plugins, models, queries };
  });

/** The obvious, slow answers the indexes must agree with. */
function naive(plugins: readonly ProviderPlugin[], models: readonly ModelProfile[]) {
  const keyOf = (plugin: ProviderPlugin) => plugin.modelIdPolicy.lookupKey ?? ((id: string) => id);
  const withProvider = (plugin: ProviderPlugin) => plugin.offerings.map((entry) => ({ ...entry, provider: plugin.id }));
  const byId = (providerId: string) => plugins.find((plugin) => plugin.id === providerId) as ProviderPlugin;
  const offeringsOfModel = (providerId: string, canonicalId: string) => {
    const list = withProvider(byId(providerId)).filter((entry) => entry.model === canonicalId);
    return [...list.filter((entry) => entry.default), ...list.filter((entry) => !entry.default)];
  };
  const model = (query: string) => {
    const key = query.trim().toLowerCase();
    return models.find(
      (entry) => entry.id === key || (entry.aliases ?? []).some((alias) => alias.toLowerCase() === key),
    );
  };
  return {
    findProvider: (query: string) => {
      const fold = (name: string) => name.trim().toLowerCase().replaceAll('-', '').replaceAll('_', '');
      const key = fold(query);
      return plugins.find(
        (plugin) => fold(plugin.id) === key || (plugin.descriptor.aliases ?? []).some((alias) => fold(alias) === key),
      )?.id;
    },
    envVarOwner: (name: string) =>
      plugins.find((plugin) => plugin.descriptor.auth.envVars.includes(name.trim().toUpperCase()))?.id,
    offeringByWireId: (providerId: string, wireId: string) => {
      const plugin = byId(providerId);
      return withProvider(plugin).find((entry) => keyOf(plugin)(entry.wireId) === keyOf(plugin)(wireId));
    },
    offeringByAlias: (providerId: string, alias: string) => {
      const plugin = byId(providerId);
      return withProvider(plugin).find((entry) =>
        (entry.aliases ?? []).some((candidate) => keyOf(plugin)(candidate) === keyOf(plugin)(alias)),
      );
    },
    offeringsOfModel,
    offeringsForModel: (canonicalId: string) =>
      plugins.flatMap((plugin) => withProvider(plugin).filter((entry) => entry.model === canonicalId)),
    model,
    matchInProvider(providerId: string, query: string) {
      const byWire = this.offeringByWireId(providerId, query);
      if (byWire) return { by: 'wire-id', offering: byWire };
      const byAlias = this.offeringByAlias(providerId, query);
      if (byAlias) return { by: 'alias', offering: byAlias };
      const canonical = offeringsOfModel(providerId, query.toLowerCase())[0];
      if (canonical) return { by: 'canonical-id', offering: canonical };
      const profile = models.find((entry) =>
        (entry.aliases ?? []).some((alias) => alias.toLowerCase() === query.toLowerCase()),
      );
      const viaAlias = profile ? offeringsOfModel(providerId, profile.id)[0] : undefined;
      return viaAlias ? { by: 'model-alias', offering: viaAlias } : undefined;
    },
  };
}

describe('registry indexes', () => {
  it('agree with a naive scan on every look-up', () => {
    fc.assert(
      fc.property(world, ({ plugins, models, queries }) => {
        const registry = createRegistry({ plugins });
        const scan = naive(plugins, models);
        for (const query of queries) {
          expect(registry.findProvider(query)?.id).toBe(scan.findProvider(query));
          expect(registry.envVarOwner(query)).toBe(scan.envVarOwner(query));
          expect(registry.model(query)?.id).toBe(scan.model(query)?.id);
          expect(registry.offeringsForModel(query)).toEqual(scan.offeringsForModel(query));
          for (const providerId of registry.providerIds) {
            expect(registry.offeringByWireId(providerId, query)).toEqual(scan.offeringByWireId(providerId, query));
            expect(registry.offeringByAlias(providerId, query)).toEqual(scan.offeringByAlias(providerId, query));
            expect(registry.offeringsOfModel(providerId, query)).toEqual(scan.offeringsOfModel(providerId, query));
            expect(registry.matchInProvider(providerId, query)).toEqual(scan.matchInProvider(providerId, query));
          }
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  }, 120_000);
});
