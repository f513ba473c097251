import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry } from '../schema/offering.js';
import type { ProviderPlugin, ProviderPluginSpec } from './plugin-types.js';

/**
 * Declare a provider plugin. Keeps the id as a literal type so registries built from it autocomplete
 * provider ids. Validation happens once, in `createRegistry`.
 */
export function definePlugin<const Id extends string>(spec: ProviderPluginSpec<Id>): ProviderPlugin<Id> {
  return Object.freeze({ ...spec }) as ProviderPlugin<Id>;
}

/**
 * Type a `catalog/offerings/<id>.json` import for `definePlugin`. JSON imports are typed loosely by
 * TypeScript; the registry validates every entry against the schema when it is built.
 */
export function catalogOfferings(file: { readonly offerings: readonly object[] }): readonly OfferingEntry[] {
  return file.offerings as readonly OfferingEntry[];
}

/** Type `catalog/models/**.json` imports for `definePlugin` (validated by the registry, like offerings). */
export function catalogModels(...files: readonly object[]): readonly ModelProfile[] {
  return files as readonly ModelProfile[];
}
