import { createRouteResolver, findProviderConfig, type HealthResult, type RegisteredProvider } from '@codewhale/core';
import { createHttpClient } from '@codewhale/plugin-kit';
import type { LiveOperationOptions } from './discover.js';
import { toLiveFailure } from './live-failure.js';
import { mapWithLimit, openLiveTarget } from './live-target.js';
import { knownSecrets, selectProviders } from './select-providers.js';

/** A health check of one provider endpoint. */
export interface HealthCheck {
  readonly providerId: string;
  readonly endpoint?: string;
  readonly result: HealthResult;
  readonly checkedAt: string;
}

/**
 * Probe providers' health without paid inference (each plugin's `health` part): `up`, `up-no-model`, `unauthorized`,
 * `down` or `unknown`, with secret-free evidence. A listing proves reachability, not readiness. Default: local
 * runtimes, and any provider with a health probe whose config table names a base URL (e.g. a self-hosted NIM).
 */
export async function checkHealth(options: LiveOperationOptions): Promise<HealthCheck[]> {
  const config = options.config ?? {};
  const resolver = createRouteResolver({ registry: options.registry, config, ...(options.credentials ? { credentials: options.credentials } : {}), cache: false });
  const client = options.client ?? createHttpClient();
  const secrets = knownSecrets(options.registry, config, options.credentials);
  const fits = (provider: RegisteredProvider) => provider.plugin.health !== undefined && (provider.descriptor.class === 'local' || findProviderConfig(config, provider)?.base_url !== undefined);
  const { chosen, unknown } = selectProviders(options.registry, options.providers, fits);
  const now = () => new Date().toISOString();
  try {
    const checks = await mapWithLimit(chosen, options.concurrency ?? 4, async (provider): Promise<HealthCheck> => {
      const health = provider.plugin.health;
      if (!health) return { providerId: provider.id, result: { state: 'unknown', evidence: ['this provider has no health probe'] }, checkedAt: now() };
      const opened = await openLiveTarget({ provider, resolver, config, credentials: options.credentials, client, signal: options.signal, needsKey: false, secrets });
      if ('failure' in opened) return { providerId: provider.id, ...(opened.endpoint ? { endpoint: opened.endpoint.baseUrl } : {}), result: { state: 'unknown', evidence: [opened.failure.message] }, checkedAt: now() };
      const endpoint = opened.target.endpoint.baseUrl;
      try {
        return { providerId: provider.id, endpoint, result: await health.probe(opened.target.context), checkedAt: now() };
      } catch (error) {
        return { providerId: provider.id, endpoint, result: { state: 'unknown', evidence: [toLiveFailure(error, secrets).message] }, checkedAt: now() };
      }
    });
    return [...unknown.map((name) => ({ providerId: name, result: { state: 'unknown' as const, evidence: [`Unknown provider "${name}".`] }, checkedAt: now() })), ...checks];
  } finally {
    if (!options.client) await client.close();
  }
}
