import { createRouteResolver, type MeterReading, type RegisteredProvider, type UsageMeter } from '@codewhale/core';
import { createHttpClient } from '@codewhale/plugin-kit';
import type { LiveOperationOptions } from './discover.js';
import { toLiveFailure, type LiveFailure } from './live-failure.js';
import { mapWithLimit, openLiveTarget } from './live-target.js';
import { knownSecrets, selectProviders } from './select-providers.js';

/** A provider's meter and, when it can be read live, the reading (or why not). Failures are never fatal. */
export interface UsageReport {
  readonly providerId: string;
  readonly endpoint?: string;
  /** The meter of the provider's default route (catalog facts). */
  readonly meter?: UsageMeter;
  readonly reading?: MeterReading;
  readonly error?: LiveFailure;
}

/**
 * Read providers' meters live (e.g. DeepSeek's balance, Ollama's loaded models) through each plugin's
 * `usageMeter.read`. Default: every provider that has a live read. Errors are typed results, never thrown.
 */
export async function readUsage(options: LiveOperationOptions): Promise<UsageReport[]> {
  const config = options.config ?? {};
  const resolver = createRouteResolver({ registry: options.registry, config, ...(options.credentials ? { credentials: options.credentials } : {}), cache: false });
  const client = options.client ?? createHttpClient();
  const secrets = knownSecrets(options.registry, config, options.credentials);
  const { chosen, unknown } = selectProviders(options.registry, options.providers, (provider: RegisteredProvider) => provider.plugin.usageMeter.read !== undefined);
  try {
    const reports = await mapWithLimit(chosen, options.concurrency ?? 4, async (provider): Promise<UsageReport> => {
      const route = resolver.resolve({ provider: provider.id });
      const meter = route.ok ? route.candidate.meter : undefined;
      const read = provider.plugin.usageMeter.read;
      if (!read) return { providerId: provider.id, ...(meter ? { meter } : {}) };
      const opened = await openLiveTarget({ provider, resolver, config, credentials: options.credentials, client, signal: options.signal, needsKey: !provider.descriptor.auth.optional, secrets });
      if ('failure' in opened) return { providerId: provider.id, ...(opened.endpoint ? { endpoint: opened.endpoint.baseUrl } : {}), ...(meter ? { meter } : {}), error: opened.failure };
      const endpoint = opened.target.endpoint.baseUrl;
      try {
        return { providerId: provider.id, endpoint, ...(meter ? { meter } : {}), reading: await read(opened.target.context) };
      } catch (error) {
        return { providerId: provider.id, endpoint, ...(meter ? { meter } : {}), error: toLiveFailure(error, secrets) };
      }
    });
    return [...unknown.map((name) => ({ providerId: name, error: { kind: 'unknown-provider', code: 'LIVE_UNKNOWN_PROVIDER', message: `Unknown provider "${name}".` } })), ...reports];
  } finally {
    if (!options.client) await client.close();
  }
}
