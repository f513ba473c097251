import type { MeterReading, RegisteredProvider, UsageMeter } from '@codewhale/core';
import { mapWithLimit } from '@codewhale/plugin-kit';
import type { LiveOperationOptions } from './discover.js';
import { toLiveFailure, type LiveFailure } from './live-failure.js';
import { inRegistryOrder, liveSetup } from './live-setup.js';

/** A provider's meter and, when it can be read live, the reading (or why not). Failures are never fatal. */
export interface UsageReport {
  readonly providerId: string;
  readonly endpoint?: string;
  /** The meter of the provider's default route (catalog facts). */
  readonly meter?: UsageMeter;
  readonly reading?: MeterReading;
  readonly error?: LiveFailure;
  /** Set (and equal to `error`) when a default selection left the provider out (`LIVE_NOT_CONFIGURED`): nothing was read. */
  readonly skipped?: LiveFailure;
}

/**
 * Read providers' meters live (e.g. DeepSeek's balance, Ollama's loaded models) through each plugin's
 * `usageMeter.read`. Default: the providers with a live read that the user set up (see `providers`); the others come
 * back with `skipped` set, not contacted. Errors are typed results, never thrown.
 */
export async function readUsage(options: LiveOperationOptions): Promise<UsageReport[]> {
  const { resolver, client, ownsClient, selection, baseUrlFor, secrets, open } = liveSetup(
    options,
    (provider: RegisteredProvider) => provider.plugin.usageMeter.read !== undefined,
  );
  const meterOf = (provider: RegisteredProvider): UsageMeter | undefined => {
    const baseUrl = baseUrlFor(provider);
    const route = resolver.resolve({ provider: provider.id, ...(baseUrl !== undefined ? { baseUrl } : {}) });
    return route.ok ? route.candidate.meter : undefined;
  };
  try {
    const reports = await mapWithLimit(
      selection.chosen,
      options.concurrency ?? 4,
      async (provider): Promise<UsageReport> => {
        const meter = meterOf(provider);
        const read = provider.plugin.usageMeter.read;
        if (!read) return { providerId: provider.id, ...(meter ? { meter } : {}) };
        const opened = await open(provider, !provider.descriptor.auth.optional);
        if ('failure' in opened)
          return {
            providerId: provider.id,
            ...(opened.endpoint ? { endpoint: opened.endpoint.baseUrl } : {}),
            ...(meter ? { meter } : {}),
            error: opened.failure,
          };
        const endpoint = opened.target.endpoint.baseUrl;
        try {
          return {
            providerId: provider.id,
            endpoint,
            ...(meter ? { meter } : {}),
            reading: await read(opened.target.context),
          };
        } catch (error) {
          return {
            providerId: provider.id,
            endpoint,
            ...(meter ? { meter } : {}),
            error: toLiveFailure(error, secrets()),
          };
        }
      },
    );
    const skipped = selection.skipped.map(({ provider, reason }): UsageReport => {
      const meter = meterOf(provider);
      return { providerId: provider.id, ...(meter ? { meter } : {}), error: reason, skipped: reason };
    });
    return [
      ...selection.unknown.map((name) => ({
        providerId: name,
        error: { kind: 'unknown-provider', code: 'LIVE_UNKNOWN_PROVIDER', message: `Unknown provider "${name}".` },
      })),
      ...inRegistryOrder(options.registry, reports, skipped),
    ];
  } finally {
    if (ownsClient) await client.close();
  }
}
