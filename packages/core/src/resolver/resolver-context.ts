import type { ValidationMessage } from '../candidate/route-facts.js';
import type { RegisteredProvider, Registry } from '../registry/registry-types.js';
import type { ProviderConfig, RoleConfig, UserConfig } from '../schema/user-config.js';
import type { AuthStatus, CredentialSource } from './credential-source.js';
import type { LiveSnapshot } from './live-snapshot.js';
import type { RouteError, RouteErrorKind } from './route-request.js';

/** Everything one resolver holds; shared by the resolution steps. */
export interface ResolverContext {
  readonly registry: Registry;
  readonly config: UserConfig;
  readonly credentials: CredentialSource | undefined;
  readonly live: LiveSnapshot | undefined;
  readonly protocols: ReadonlySet<string>;
}

/** A step either produces a value or a RouteError. */
export type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RouteError };

export const ok = <T>(value: T): Step<T> => ({ ok: true, value });

/** Build a RouteError result. */
export function fail(kind: RouteErrorKind, message: string, details: RouteError['details'] = {}): { readonly ok: false; readonly error: RouteError } {
  return { ok: false, error: Object.freeze({ kind, message, details: Object.freeze(details) }) };
}

/** The `[providers.<key>]` table of a provider (by config key, id, or any alias). */
export function providerTable(config: UserConfig, provider: Pick<RegisteredProvider, 'descriptor'>): ProviderConfig | undefined {
  const tables = config.providers;
  if (!tables) return undefined;
  const descriptor = provider.descriptor;
  for (const key of [descriptor.configKey ?? descriptor.id, descriptor.id, ...(descriptor.aliases ?? [])]) {
    if (Object.hasOwn(tables, key)) return tables[key];
  }
  return undefined;
}

/** The `[roles.<name>]` table, when the request names a role. */
export function roleTable(config: UserConfig, role: string | undefined): RoleConfig | undefined {
  if (role === undefined || !config.roles || !Object.hasOwn(config.roles, role)) return undefined;
  return config.roles[role];
}

/**
 * The credential class a route would use. Enforces the binding rule whatever the credential source says:
 * an ambient key (descriptor env var, keyring) attaches only to the provider's own endpoint; a custom endpoint
 * gets only a key configured in its own table. `auth_mode = "none"` sends nothing.
 */
export function authFor(context: ResolverContext, provider: RegisteredProvider, baseUrl: string, official: boolean): AuthStatus {
  const table = providerTable(context.config, provider);
  const descriptor = provider.descriptor;
  if (table?.auth_mode === 'none' || descriptor.auth.scheme === 'none') return { source: 'not-required' };
  const status = context.credentials?.describe({ providerId: provider.id, descriptor, baseUrl, official, config: table }) ?? { source: 'missing' as const };
  const boundToTable = status.source === 'env' && status.envVar !== undefined && status.envVar === table?.api_key_env;
  const ambient = (status.source === 'env' && !boundToTable) || status.source === 'keyring';
  const usable = ambient && !official ? { source: 'missing' as const } : status;
  if (usable.source === 'missing' && descriptor.auth.optional) return { source: 'not-required' };
  return usable.source === 'env' ? { source: 'env', envVar: usable.envVar } : { source: usable.source };
}

/** True when a route with this auth status can be called now. */
export const credentialReady = (auth: AuthStatus): boolean => auth.source !== 'missing';

/** Collects validation messages, dropping exact duplicates. */
export class MessageList {
  readonly #messages: ValidationMessage[] = [];

  add(level: ValidationMessage['level'], code: string, message: string): void {
    if (!this.#messages.some((existing) => existing.code === code && existing.message === message)) this.#messages.push({ level, code, message });
  }

  get all(): readonly ValidationMessage[] {
    return this.#messages;
  }
}
