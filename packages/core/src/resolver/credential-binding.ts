import { isLoopbackHost, normalizeBaseUrl } from '../url/normalize-base-url.js';
import type { CredentialQuery } from './credential-source.js';

/** Which credential sources may serve one endpoint, by the binding rule (see {@link credentialBinding}). Never holds a value. */
export interface CredentialBinding {
  /** Send nothing at all (`auth_mode = "none"`, or the provider's scheme is none). */
  readonly none: boolean;
  /** The table's own key sources (`api_key`, `api_key_command`, `api_key_env`) may be used for this endpoint. */
  readonly table: boolean;
  /** The table's `api_key_env` may be read (false when another provider owns that variable). */
  readonly tableEnv: boolean;
  /** Ambient keys (the descriptor's env vars, a keyring) may be used for this endpoint. */
  readonly ambient: boolean;
  /** The table asks for a key (names a key source, or `auth_mode` bearer / x-api-key): no key is `missing`, never `not-required`. */
  readonly keyRequired: boolean;
  /** Why a configured source was refused, in one sentence naming the fix (never a value). */
  readonly refusals: readonly string[];
}

const urlKey = (url: string): string => normalizeBaseUrl(url)?.key ?? url;

function hostOf(url: string): string | undefined {
  return normalizeBaseUrl(url)?.hostname;
}

/** True when the table names a key source of its own. */
export function tableNamesKey(table: CredentialQuery['config']): boolean {
  return (
    table !== undefined &&
    (table.api_key !== undefined || table.api_key_command !== undefined || table.api_key_env !== undefined)
  );
}

/**
 * The binding rule, stated once: which credential sources may serve the endpoint of `query`. Core's resolver and
 * `@codewhale/node`'s credential source both apply it, so one mistake does not leak a key.
 *
 * - A table's key (`api_key`, `api_key_command`, `api_key_env`) goes only to that table's `base_url` (compared after
 *   normalisation), or, when the table has none, to the provider's official endpoint. Where it applies it is the only
 *   source: an unset variable is `missing`, never replaced by an ambient key.
 * - An `api_key_env` naming a variable another provider declares (`query.envVarOwner`) is refused.
 * - Ambient keys (the descriptor's env vars, a keyring) attach only to the official endpoint. A local runtime reads
 *   none (no keyring either) unless its table asks for a key, and a remote (non-loopback) host is never its official endpoint.
 * - `auth_mode = "none"` (or a provider whose scheme is none) sends nothing.
 *
 * @example
 * const binding = credentialBinding({ providerId: provider.id, descriptor: provider.descriptor, baseUrl, official, config: table, envVarOwner: registry.envVarOwner });
 * if (!binding.ambient) skipKeyring();
 */
export function credentialBinding(query: CredentialQuery): CredentialBinding {
  const { descriptor, config: table } = query;
  const tableName = `[providers.${descriptor.configKey ?? query.providerId}]`;
  const mode = table?.auth_mode;
  const none = mode === 'none' || descriptor.auth.scheme === 'none';
  if (none) return { none: true, table: false, tableEnv: false, ambient: false, keyRequired: false, refusals: [] };

  const url = urlKey(query.baseUrl);
  const local = descriptor.class === 'local';
  const host = hostOf(url);
  // A local runtime's own endpoint is on this machine: a remote host is never its official endpoint.
  const official = query.official && (!local || (host !== undefined && isLoopbackHost(host)));
  const namesKey = tableNamesKey(table);
  const bound = table?.base_url !== undefined ? urlKey(table.base_url) === url : official;
  const refusals: string[] = [];
  if (namesKey && !bound) {
    refusals.push(
      table?.base_url !== undefined
        ? `The key in ${tableName} belongs to its base_url ${urlKey(table.base_url)}, so it is not sent to ${url}. To use it here, set ${tableName} base_url to this URL.`
        : `The key in ${tableName} belongs to ${descriptor.displayName}'s official endpoint (the table has no base_url), so it is not sent to ${url}. To use it here, set ${tableName} base_url = "${url}".`,
    );
  }
  let tableEnv = bound;
  const variable = table?.api_key_env;
  if (variable !== undefined) {
    const owner = query.envVarOwner?.(variable);
    if (owner !== undefined && owner !== query.providerId) {
      tableEnv = false;
      refusals.push(
        `${tableName} api_key_env names ${variable}, which belongs to provider "${owner}": a provider never reads another provider's key. Put this key in a variable of its own and name that in api_key_env.`,
      );
    }
  }
  const asksKey = mode === 'bearer' || mode === 'x-api-key';
  const keyRequired = asksKey || (namesKey && bound);
  // Where the table's own key applies it is the only source; a local runtime takes ambient keys only when its table asks.
  const ambient = official && !(namesKey && bound) && (!local || asksKey);
  return { none: false, table: bound, tableEnv, ambient, keyRequired, refusals };
}
