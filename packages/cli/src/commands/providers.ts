import { authLabel, findProviderConfig, type ProviderClass } from '@codewhale/core';
import { renderTable, shortAge, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';

/** The live cache state of a provider endpoint. */
export interface CacheState {
  readonly state: 'missing' | 'fresh' | 'stale' | 'failed' | 'corrupt';
  readonly fetchedAt?: string;
  readonly models?: number;
  /** Why the last refresh failed, or why the file is corrupt. */
  readonly reason?: string;
}

/** One row of `providers --json`. */
export interface ProviderRow {
  readonly id: string;
  readonly displayName: string;
  readonly class: ProviderClass;
  readonly aliases: readonly string[];
  readonly offerings: number;
  readonly endpoint: { readonly baseUrl: string; readonly protocol: string; readonly official: boolean; readonly source: string } | null;
  /** Credential source class, e.g. `env:TOGETHER_API_KEY`, `config`, `not-required`, `missing`. Never a value. */
  readonly auth: string;
  readonly credential: 'ready' | 'missing' | 'not-required';
  /** Environment variables a key for this endpoint is read from, in order (a custom endpoint: only its table's). */
  readonly keyVariables: readonly string[];
  readonly liveListing: boolean;
  readonly cache: CacheState;
  /** Why the endpoint could not be determined (e.g. a bad base_url in the config). */
  readonly error?: string;
}

/** Where a provider's cache stands. */
export function cacheState(session: Session, providerId: string, baseUrl: string): CacheState {
  const read = session.cache.read(providerId, baseUrl);
  if (read.state === 'missing') return { state: 'missing' };
  if (read.state === 'corrupt') return { state: 'corrupt', reason: read.reason };
  return {
    state: read.state,
    fetchedAt: read.entry.fetchedAt,
    models: read.entry.records.length,
    ...(read.entry.failure ? { reason: read.entry.failure.message } : {}),
  };
}

/** Every registered provider with its endpoint, credential class and cache state. */
export function providerRows(session: Session): ProviderRow[] {
  const resolver = session.resolver();
  return session.registry.providers().map((provider) => {
    const { descriptor } = provider;
    const chosen = resolver.endpoint({ provider: provider.id });
    const base = {
      id: provider.id,
      displayName: descriptor.displayName,
      class: descriptor.class,
      aliases: descriptor.aliases ?? [],
      offerings: provider.offerings.length,
      keyVariables: descriptor.auth.envVars,
      liveListing: descriptor.liveListing.supported,
    };
    if (!chosen.ok) return { ...base, endpoint: null, auth: 'missing', credential: 'missing', cache: { state: 'missing' }, error: chosen.error.message };
    const auth = authLabel(chosen.auth);
    // The variables that can hold a key for this endpoint: the table's own, then (official endpoints only) the provider's.
    const tableVariable = findProviderConfig(session.config, provider)?.api_key_env;
    const keyVariables = [...(tableVariable ? [tableVariable] : []), ...(chosen.endpoint.official ? descriptor.auth.envVars.filter((name) => name !== tableVariable) : [])];
    return {
      ...base,
      keyVariables,
      endpoint: { baseUrl: chosen.endpoint.baseUrl, protocol: chosen.endpoint.protocol, official: chosen.endpoint.official, source: chosen.decision.source },
      auth,
      credential: chosen.auth.source === 'missing' ? 'missing' : chosen.auth.source === 'not-required' ? 'not-required' : 'ready',
      cache: cacheState(session, provider.id, chosen.endpoint.baseUrl),
    };
  });
}

/** `providers`: registered providers, class, endpoint, credential class, cache freshness. */
export function runProviders(session: Session, output: Output): number {
  const rows = providerRows(session);
  if (output.json) {
    output.printJson({ schemaVersion: 1, providers: rows });
    return 0;
  }
  const { colors } = output;
  const now = Date.now();
  const table: string[][] = [['provider', 'name', 'class', 'endpoint', 'key', 'live cache'].map((title) => colors.bold(title))];
  for (const row of rows) {
    const endpoint = row.endpoint ? `${row.endpoint.baseUrl}${row.endpoint.source === 'official' ? '' : colors.dim(row.endpoint.official ? ' (configured)' : ' (custom)')}` : colors.red(row.error ?? 'no endpoint');
    const key =
      row.credential === 'ready'
        ? colors.green(row.auth)
        : row.credential === 'not-required'
          ? colors.dim('not needed')
          : colors.yellow(`missing${row.keyVariables.length ? ` (${row.keyVariables[0]}${row.keyVariables.length > 1 ? `, +${row.keyVariables.length - 1}` : ''})` : ''}`);
    const cache = row.cache;
    const cacheText =
      cache.state === 'missing'
        ? colors.dim(row.liveListing ? 'none (run discover)' : 'no live listing')
        : cache.state === 'corrupt'
          ? colors.red('corrupt')
          : `${cache.state === 'fresh' ? colors.green('fresh') : cache.state === 'stale' ? colors.yellow('stale') : colors.red('failed')}, ${cache.models} model${cache.models === 1 ? '' : 's'}, ${shortAge(cache.fetchedAt as string, now)} ago`;
    table.push([row.id, row.displayName, row.class, endpoint, key, cacheText]);
  }
  output.out(renderTable(table));
  return 0;
}
