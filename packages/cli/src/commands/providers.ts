import { authLabel, credentialBinding, findProviderConfig, type ProviderClass } from '@codewhale/core';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { renderTable, shortAge, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';
import { providerEndpoint } from './route-request.js';

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
  readonly endpoint: {
    readonly baseUrl: string;
    readonly protocol: string;
    readonly official: boolean;
    readonly source: string;
  } | null;
  /** Credential source class, e.g. `env:TOGETHER_API_KEY`, `config`, `not-required`, `missing`. Never a value. */
  readonly auth: string;
  readonly credential: 'ready' | 'missing' | 'not-required';
  /**
   * Environment variables a key for this endpoint is read from, in order, by the binding rule: the table's
   * `api_key_env` where the table's key applies, then the provider's own variables where ambient keys apply (official
   * endpoints of hosted providers; never a local runtime's).
   */
  readonly keyVariables: readonly string[];
  /** The resolver's warnings about this endpoint's credential (e.g. which variable to set, a refused source). Never a value. */
  readonly warnings?: readonly string[];
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
  return session.registry.providers().map((provider) => {
    const { descriptor } = provider;
    // The endpoint the live commands contact: the provider's own base URL variable applies to it.
    const { result: chosen, envName } = providerEndpoint(session, provider.id);
    const base = {
      id: provider.id,
      displayName: descriptor.displayName,
      class: descriptor.class,
      aliases: descriptor.aliases ?? [],
      offerings: provider.offerings.length,
      keyVariables: descriptor.auth.envVars,
      liveListing: descriptor.liveListing.supported,
    };
    if (!chosen.ok)
      return {
        ...base,
        endpoint: null,
        auth: 'missing',
        credential: 'missing',
        cache: { state: 'missing' },
        error: chosen.error.message,
      };
    const auth = authLabel(chosen.auth);
    // The variables that can hold a key for this endpoint, by core's binding rule (the same one the resolver applied).
    const table = findProviderConfig(session.config, provider);
    const binding = credentialBinding({
      providerId: provider.id,
      descriptor,
      baseUrl: chosen.endpoint.baseUrl,
      official: chosen.endpoint.official,
      config: table,
      envVarOwner: (name) => session.registry.envVarOwner(name),
    });
    const tableVariable = binding.table && binding.tableEnv ? table?.api_key_env : undefined;
    const keyVariables = [
      ...(tableVariable ? [tableVariable] : []),
      ...(binding.ambient ? descriptor.auth.envVars.filter((name) => name !== tableVariable) : []),
    ];
    // A missing key the config asks for (or a key source it refused) is worth a warning; an unconfigured hosted
    // provider without its variable is just not set up, and the key column says so.
    const warnings = chosen.messages
      .filter(
        (message) =>
          message.level === 'warning' &&
          (message.code === 'credential-refused' || (message.code === 'credential-missing' && binding.keyRequired)),
      )
      .map((message) => message.message);
    return {
      ...base,
      keyVariables,
      ...(warnings.length ? { warnings } : {}),
      endpoint: {
        baseUrl: chosen.endpoint.baseUrl,
        protocol: chosen.endpoint.protocol,
        official: chosen.endpoint.official,
        source: envName ? `env:${envName}` : chosen.decision.source,
      },
      auth,
      credential:
        chosen.auth.source === 'missing' ? 'missing' : chosen.auth.source === 'not-required' ? 'not-required' : 'ready',
      cache: cacheState(session, provider.id, chosen.endpoint.baseUrl),
    };
  });
}

/** `providers`: registered providers, class, endpoint, credential class, cache freshness. */
export function runProviders(session: Session, output: Output): number {
  const rows = providerRows(session);
  if (output.json) {
    output.printJson({ schemaVersion: 1, providers: rows });
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const now = Date.now();
  const table: string[][] = [
    ['provider', 'name', 'class', 'endpoint', 'key', 'live cache'].map((title) => colors.bold(title)),
  ];
  for (const row of rows) {
    const how = row.endpoint?.source.startsWith('env:')
      ? ` (${row.endpoint.source.slice(4)})`
      : row.endpoint?.official
        ? ' (configured)'
        : ' (custom)';
    const endpoint = row.endpoint
      ? `${untrusted(row.endpoint.baseUrl)}${row.endpoint.source === 'official' ? '' : colors.dim(how)}`
      : colors.red(untrusted(row.error ?? 'no endpoint'));
    const key =
      row.credential === 'ready'
        ? colors.green(row.auth)
        : row.credential === 'not-required'
          ? colors.dim('not needed')
          : colors.yellow(
              `missing${row.keyVariables.length ? ` (${row.keyVariables[0]}${row.keyVariables.length > 1 ? `, +${row.keyVariables.length - 1}` : ''})` : ''}`,
            );
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
  for (const row of rows) for (const warning of row.warnings ?? []) output.warn(`${row.id}: ${untrusted(warning)}`);
  return EXIT_CODES.ok;
}
