import { CatalogError, type CatalogIssue } from '../errors/catalog-error.js';
import type { PluginIds, ProviderPlugin } from '../plugin/plugin-types.js';
import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import { buildRegistry, type ShapeChecks } from './build-registry.js';
import { describeCatalog, type PrevalidatedRegistryOptions } from './catalog-stamp.js';
import { deepEqualJson } from './deep-equal.js';
import type { Registry } from './registry-types.js';

/** The shapes were checked by `stampCatalog` at build time; every cross-reference is still checked here. */
const stampedShapes: ShapeChecks = {
  descriptor: (value) => value as ProviderDescriptor,
  model: () => true,
  offerings: () => () => true,
};

/**
 * `createRegistry` for plugins whose data was validated at build time by `stampCatalog` (e.g. a bundled CLI): the
 * schema checks are skipped, so zod is never loaded; every cross-reference check (duplicates, provider names that fold
 * alike, config keys and environment variables claimed by two providers, unknown models and endpoints, loopback
 * defaults) still runs. Throws a {@link CatalogError} (`STALE_CATALOG_STAMP`) when the plugins are
 * not the ones stamped.
 */
export function createPrevalidatedRegistry<const Plugins extends readonly ProviderPlugin[]>(
  options: PrevalidatedRegistryOptions<Plugins>,
): Registry<PluginIds<Plugins>> {
  const { stamp, ...rest } = options;
  const actual = describeCatalog(rest);
  if (!deepEqualJson(actual, stamp)) {
    const issue: CatalogIssue = {
      code: 'STALE_CATALOG_STAMP',
      path: 'stamp',
      message: `The catalog stamp does not describe these plugins (stamped: ${summary(stamp)}; given: ${summary(actual)}).`,
      fix: 'Make the stamp with stampCatalog() from the same plugins in the same build, or use createRegistry() to validate at run time.',
    };
    throw new CatalogError([issue]);
  }
  return buildRegistry(rest, stampedShapes);
}

function summary(stamp: { readonly plugins?: readonly { readonly id: string; readonly version: string }[] }): string {
  return Array.isArray(stamp.plugins)
    ? stamp.plugins.map((plugin) => `${plugin.id}@${plugin.version}`).join(', ') || 'no plugins'
    : 'not a stamp';
}
