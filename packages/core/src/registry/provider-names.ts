import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import type { ProviderConfig, UserConfig } from '../schema/user-config.js';

/**
 * A provider name as users type it, folded for comparison: surrounding whitespace dropped, lower-cased, and `-` / `_`
 * removed, so `Acme-Cloud`, ` acme_cloud ` and `acmecloud` are one name, as are `acme_gpu` and `acme-gpu`.
 * Every look-up of a provider by name (ids, aliases, `[providers.<key>]` tables) compares folded names, and the
 * registry refuses two providers whose names fold alike.
 */
export function foldProviderName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_]/g, '');
}

/** The names a provider answers to, in priority order: config key (or id), id, then aliases. */
export function providerNamesOf(
  descriptor: Pick<ProviderDescriptor, 'id' | 'configKey' | 'aliases'>,
): readonly string[] {
  return [descriptor.configKey ?? descriptor.id, descriptor.id, ...(descriptor.aliases ?? [])];
}

/** What the config look-ups need of a provider: its names. */
export interface ProviderNamed {
  readonly descriptor: Pick<ProviderDescriptor, 'id' | 'configKey' | 'aliases'>;
}

/**
 * The key of a provider's `[providers.<key>]` table in `config.providers`: its config key, id or any alias, spelled
 * exactly or folded like {@link foldProviderName} (`[providers.Acme_Cloud]` is the table of the provider with id or
 * alias `acme-cloud`). An exact spelling wins over a folded one; among folded spellings, the config key (or id) wins over
 * an alias, then the first table in the file. `undefined` when the config has no table for the provider.
 */
export function findProviderConfigKey(
  config: Pick<UserConfig, 'providers'>,
  provider: ProviderNamed,
): string | undefined {
  const tables: unknown = config.providers;
  if (!tables || typeof tables !== 'object') return undefined;
  const names = providerNamesOf(provider.descriptor);
  const exact = names.find((name) => Object.hasOwn(tables, name));
  if (exact !== undefined) return exact;
  const folded = names.map(foldProviderName);
  let best: { rank: number; key: string } | undefined;
  for (const key of Object.keys(tables)) {
    const rank = folded.indexOf(foldProviderName(key));
    if (rank >= 0 && (!best || rank < best.rank)) best = { rank, key };
  }
  return best?.key;
}

/** The `[providers.<key>]` table of a provider, found as {@link findProviderConfigKey} finds its key. */
export function findProviderConfig(config: UserConfig, provider: ProviderNamed): ProviderConfig | undefined {
  const key = findProviderConfigKey(config, provider);
  return key === undefined ? undefined : config.providers?.[key];
}
