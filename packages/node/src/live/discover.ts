import type { LiveModelRecord, Registry, RegisteredProvider, UserConfig } from '@codewhale/core';
import { mapWithLimit, parseOpenAIModelList, sanitizeUrl, type HttpClient } from '@codewhale/plugin-kit';
import type { LiveCache } from '../cache/live-cache.js';
import type { NodeCredentialSource } from '../credentials/credential-source.js';
import { toLiveFailure, type LiveFailure } from './live-failure.js';
import { inRegistryOrder, liveSetup } from './live-setup.js';

/** A plugin's own parser, or the generic OpenAI-compatible one for a plugin that only declares a listing. */
function parseListing(provider: RegisteredProvider, body: unknown, baseUrl: string): readonly LiveModelRecord[] {
  const parse = provider.plugin.discovery?.parseModels;
  if (parse) return parse(body, { providerId: provider.id, baseUrl });
  return parseOpenAIModelList(body, { providerId: provider.id }).map(({ id, ownedBy, created }) => ({
    id,
    ...(ownedBy ? { ownedBy } : {}),
    ...(created !== undefined ? { created } : {}),
  }));
}

/** Options shared by discovery, health checks and usage reads. */
export interface LiveOperationOptions {
  readonly registry: Registry;
  readonly config?: UserConfig;
  readonly credentials?: NodeCredentialSource;
  /**
   * Provider ids or aliases to contact. Default: the providers the operation applies to that the user set up — a
   * `[providers.<id>]` table, the config's `provider`, a base URL in its own environment variables, or a usable key —
   * the others are reported as skipped (`LIVE_NOT_CONFIGURED`) and not contacted.
   */
  readonly providers?: readonly string[];
  /**
   * Environment to read each provider's own base URL from (`<PROVIDER>_BASE_URL`, `OLLAMA_HOST`… by core's
   * `providerEnvValues`, the rule `explain` uses). Default: `process.env`. Keys come from the credential source.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** An endpoint for the one provider named in `providers` (wins over its env base URL and config). */
  readonly baseUrl?: string;
  /** At most this many endpoints at once (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** An HTTP client to reuse (default: a new one, closed at the end). */
  readonly client?: HttpClient;
}

/** Progress of one provider, for a CLI to show. Secret-free. */
export type DiscoveryEvent =
  | { readonly type: 'started'; readonly providerId: string; readonly endpoint: string }
  | {
      readonly type: 'done';
      readonly providerId: string;
      readonly endpoint: string;
      readonly models: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'failed';
      readonly providerId: string;
      readonly endpoint?: string;
      readonly error: LiveFailure;
      readonly durationMs: number;
    }
  | { readonly type: 'skipped'; readonly providerId: string; readonly endpoint?: string; readonly reason: LiveFailure };

/** What discovery found for one provider. */
export interface DiscoveryResult {
  readonly providerId: string;
  readonly endpoint?: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly models?: readonly LiveModelRecord[];
  readonly error?: LiveFailure;
}

/** Options of {@link discover}. */
export interface DiscoverOptions extends LiveOperationOptions {
  /** Where the records go. */
  readonly cache: LiveCache;
  /** Hears every started/done/failed/skipped event. */
  readonly onProgress?: (event: DiscoveryEvent) => void;
  /** Freshness of what is written (default: the cache's). */
  readonly ttlSeconds?: number;
}

/**
 * Fetch the `/models` listings of providers concurrently (bounded), parse them with each plugin's parser and store them
 * in the live cache. Contacts only each provider's endpoint by the resolver's rules (its env base URL, its configured
 * one, or its official one; local runtimes: their loopback default); never scans or guesses. A provider that needs a key
 * it does not have, or whose table asks for a key that is not there, is skipped without a request. Default: the
 * providers with live discovery that the user set up (see `providers`); the others come back as `skipped`
 * (`LIVE_NOT_CONFIGURED`), after the contacted ones.
 */
export async function discover(options: DiscoverOptions): Promise<DiscoveryResult[]> {
  const { client, ownsClient, selection, secrets, open } = liveSetup(
    options,
    (provider) => provider.plugin.discovery !== undefined || provider.descriptor.liveListing.supported,
  );
  const emit = (event: DiscoveryEvent) => options.onProgress?.(event);
  const skipped = selection.skipped.map(({ provider, reason }): DiscoveryResult => {
    emit({ type: 'skipped', providerId: provider.id, reason });
    return { providerId: provider.id, status: 'skipped', error: reason };
  });
  try {
    const results = await mapWithLimit(selection.chosen, options.concurrency ?? 4, (provider) => discoverOne(provider));
    return [
      ...selection.unknown.map((name) => ({
        providerId: name,
        status: 'failed' as const,
        error: { kind: 'unknown-provider', code: 'LIVE_UNKNOWN_PROVIDER', message: `Unknown provider "${name}".` },
      })),
      ...inRegistryOrder(options.registry, results, skipped),
    ];
  } finally {
    if (ownsClient) await client.close();
  }

  async function discoverOne(provider: RegisteredProvider): Promise<DiscoveryResult> {
    const started = performance.now();
    const listing = provider.descriptor.liveListing;
    const opened = await open(provider, listing.authRequired !== false && !provider.descriptor.auth.optional);
    if ('failure' in opened) {
      const endpoint = opened.endpoint?.baseUrl;
      emit({ type: 'skipped', providerId: provider.id, ...(endpoint ? { endpoint } : {}), reason: opened.failure });
      return { providerId: provider.id, ...(endpoint ? { endpoint } : {}), status: 'skipped', error: opened.failure };
    }
    const { context, endpoint } = opened.target;
    const path = listing.path ?? '/models';
    const source = `GET ${sanitizeUrl(new URL(`${endpoint.baseUrl}${path}`))}`;
    emit({ type: 'started', providerId: provider.id, endpoint: endpoint.baseUrl });
    try {
      const discovery = provider.plugin.discovery;
      const records = discovery?.fetchModels
        ? await discovery.fetchModels(context)
        : parseListing(provider, (await context.request({ path })).json, endpoint.baseUrl);
      // The secrets as they are now: a key read from a command or keyring for this request is among them.
      await options.cache.write({
        providerId: provider.id,
        baseUrl: endpoint.baseUrl,
        records,
        source,
        secrets: secrets(),
        ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
      });
      emit({
        type: 'done',
        providerId: provider.id,
        endpoint: endpoint.baseUrl,
        models: records.length,
        durationMs: performance.now() - started,
      });
      return { providerId: provider.id, endpoint: endpoint.baseUrl, status: 'ok', models: records };
    } catch (error) {
      const failure = toLiveFailure(error, secrets());
      await options.cache
        .recordFailure({
          providerId: provider.id,
          baseUrl: endpoint.baseUrl,
          kind: failure.kind,
          message: failure.message,
          source,
          secrets: secrets(),
        })
        .catch(() => undefined);
      emit({
        type: 'failed',
        providerId: provider.id,
        endpoint: endpoint.baseUrl,
        error: failure,
        durationMs: performance.now() - started,
      });
      return { providerId: provider.id, endpoint: endpoint.baseUrl, status: 'failed', error: failure };
    }
  }
}
