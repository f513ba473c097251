import { CatalogError } from '../errors/catalog-error.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import type { CreateRegistryOptions } from './build-registry.js';
import { describeCatalog, type CatalogStamp } from './catalog-stamp.js';
import { createRegistry } from './create-registry.js';
import { deepEqualJson } from './deep-equal.js';

/**
 * Validate plugins and catalog data exactly as `createRegistry` does, at build time, and return the {@link CatalogStamp}
 * that lets `createPrevalidatedRegistry` index the same data at run time without loading zod. Throws the
 * {@link CatalogError} `createRegistry` would.
 */
export function stampCatalog<const Plugins extends readonly ProviderPlugin[]>(
  options: CreateRegistryOptions<Plugins>,
): CatalogStamp {
  const registry = createRegistry(options);
  // The run-time path indexes the plugin's own descriptor object: it must be what validation would have produced.
  const normalised = options.plugins.filter(
    (plugin) => !deepEqualJson(registry.provider(plugin.id).descriptor, plugin.descriptor),
  );
  if (normalised.length > 0) {
    throw new CatalogError(
      normalised.map((plugin) => ({
        code: 'INVALID_DATA',
        path: `plugins[${plugin.id}].descriptor`,
        message:
          'Validation normalises this descriptor (e.g. whitespace around a URL), so it cannot be stamped as it is.',
        fix: 'Write the descriptor in its normalised form (URLs without surrounding whitespace).',
      })),
    );
  }
  return describeCatalog(options);
}
