import type { ProviderPlugin } from '../plugin/plugin-types.js';
import type { CreateRegistryOptions } from './build-registry.js';

/** Version of the {@link CatalogStamp} format. */
export const CATALOG_STAMP_FORMAT = 'codewhale-catalog-stamp/1';

/** One plugin as a stamp records it. */
export interface CatalogStampPlugin {
  readonly id: string;
  readonly version: string;
  readonly spec: string;
  readonly offerings: number;
  readonly models: number;
}

/**
 * A record that a set of plugins (and extra model profiles) passed `createRegistry`'s full validation at build time:
 * which plugins, at which versions, with how much data. Plain JSON, made by `stampCatalog`, checked by
 * `createPrevalidatedRegistry`.
 */
export interface CatalogStamp {
  readonly format: typeof CATALOG_STAMP_FORMAT;
  readonly plugins: readonly CatalogStampPlugin[];
  /** Number of extra model profiles (the `models` option). */
  readonly models: number;
  readonly defaultProvider?: string;
}

const count = (value: unknown): number => (Array.isArray(value) ? value.length : -1);

/** What a stamp of these options says (no validation: `stampCatalog` validates first). */
export function describeCatalog<const Plugins extends readonly ProviderPlugin[]>(
  options: CreateRegistryOptions<Plugins>,
): CatalogStamp {
  return {
    format: CATALOG_STAMP_FORMAT,
    plugins: options.plugins.map((plugin) => ({
      id: String(plugin.id),
      version: String(plugin.version),
      spec: String(plugin.spec),
      offerings: count(plugin.offerings),
      models: count(plugin.models),
    })),
    models: options.models?.length ?? 0,
    ...(options.defaultProvider !== undefined ? { defaultProvider: String(options.defaultProvider) } : {}),
  };
}

/** Options of `createPrevalidatedRegistry`: those of `createRegistry`, plus the stamp made from them at build time. */
export interface PrevalidatedRegistryOptions<Plugins extends readonly ProviderPlugin[]>
  extends CreateRegistryOptions<Plugins> {
  /** Made by `stampCatalog` from the same plugins (same ids, versions and data) in the build that ships them. */
  readonly stamp: CatalogStamp;
}
