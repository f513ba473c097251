import { findProviderConfig, type Registry, type RegisteredProvider, type UserConfig } from '@codewhale/core';
import type { NodeCredentialSource } from '../credentials/credential-source.js';

/** The providers an operation covers: the named ones (ids or aliases), else every registered one `fits`. */
export function selectProviders(
  registry: Registry,
  names: readonly string[] | undefined,
  fits: (provider: RegisteredProvider) => boolean,
): { readonly chosen: readonly RegisteredProvider[]; readonly unknown: readonly string[] } {
  if (!names || names.length === 0) return { chosen: registry.providers().filter(fits), unknown: [] };
  const chosen: RegisteredProvider[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const provider = registry.findProvider(name);
    if (!provider) unknown.push(name);
    else if (!chosen.includes(provider)) chosen.push(provider);
  }
  return { chosen, unknown };
}

/** Every credential value in reach (explicit, config, descriptor and table env vars), to refuse in outputs and caches. */
export function knownSecrets(registry: Registry, config: UserConfig, credentials: NodeCredentialSource | undefined): readonly string[] {
  if (!credentials) return [];
  const names = new Set<string>();
  for (const provider of registry.providers()) {
    for (const name of provider.descriptor.auth.envVars) names.add(name);
    const table = findProviderConfig(config, provider);
    if (table?.api_key_env) names.add(table.api_key_env);
  }
  return credentials.knownValues([...names], config);
}
