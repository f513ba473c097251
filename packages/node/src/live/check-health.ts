import type { HealthResult, RegisteredProvider } from '@codewhale/core';
import { mapWithLimit } from '@codewhale/plugin-kit';
import type { LiveOperationOptions } from './discover.js';
import { toLiveFailure, type LiveFailure } from './live-failure.js';
import { inRegistryOrder, liveSetup } from './live-setup.js';

/** A health check of one provider endpoint. */
export interface HealthCheck {
  readonly providerId: string;
  readonly endpoint?: string;
  readonly result: HealthResult;
  readonly checkedAt: string;
  /**
   * Set when the provider was not probed: a default selection left it out (`LIVE_NOT_CONFIGURED`: not configured, no
   * key). Its `result` is then `unknown` with the reason; it says nothing about the provider being down.
   */
  readonly skipped?: LiveFailure;
}

/**
 * Probe providers' health without paid inference (each plugin's `health` part): `up`, `up-no-model`, `unauthorized`,
 * `down` or `unknown`, with secret-free evidence. A listing proves reachability, not readiness. Default: the providers
 * with a health probe that the user set up (see `providers`); the others come back with `skipped` set, not probed.
 */
export async function checkHealth(options: LiveOperationOptions): Promise<HealthCheck[]> {
  const { client, ownsClient, selection, secrets, open } = liveSetup(
    options,
    (provider: RegisteredProvider) => provider.plugin.health !== undefined,
  );
  const now = () => new Date().toISOString();
  try {
    const checks = await mapWithLimit(
      selection.chosen,
      options.concurrency ?? 4,
      async (provider): Promise<HealthCheck> => {
        const health = provider.plugin.health;
        if (!health)
          return {
            providerId: provider.id,
            result: { state: 'unknown', evidence: ['this provider has no health probe'] },
            checkedAt: now(),
          };
        const opened = await open(provider, false);
        if ('failure' in opened)
          return {
            providerId: provider.id,
            ...(opened.endpoint ? { endpoint: opened.endpoint.baseUrl } : {}),
            result: { state: 'unknown', evidence: [opened.failure.message] },
            checkedAt: now(),
          };
        const endpoint = opened.target.endpoint.baseUrl;
        try {
          return {
            providerId: provider.id,
            endpoint,
            result: await health.probe(opened.target.context),
            checkedAt: now(),
          };
        } catch (error) {
          return {
            providerId: provider.id,
            endpoint,
            result: { state: 'unknown', evidence: [toLiveFailure(error, secrets()).message] },
            checkedAt: now(),
          };
        }
      },
    );
    const skipped = selection.skipped.map(
      ({ provider, reason }): HealthCheck => ({
        providerId: provider.id,
        result: { state: 'unknown', evidence: [reason.message] },
        checkedAt: now(),
        skipped: reason,
      }),
    );
    return [
      ...selection.unknown.map((name) => ({
        providerId: name,
        result: { state: 'unknown' as const, evidence: [`Unknown provider "${name}".`] },
        checkedAt: now(),
      })),
      ...inRegistryOrder(options.registry, checks, skipped),
    ];
  } finally {
    if (ownsClient) await client.close();
  }
}
