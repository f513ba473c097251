import type { ValidationMessage } from '../candidate/route-facts.js';
import { findProviderConfig } from '../registry/provider-names.js';
import type { RegisteredProvider, Registry } from '../registry/registry-types.js';
import type { ProviderConfig, RoleConfig, UserConfig } from '../schema/user-config.js';
import { credentialBinding, type CredentialBinding } from './credential-binding.js';
import type { AuthStatus, CredentialQuery, CredentialSource } from './credential-source.js';
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
export function fail(
  kind: RouteErrorKind,
  message: string,
  details: RouteError['details'] = {},
): { readonly ok: false; readonly error: RouteError } {
  return { ok: false, error: Object.freeze({ kind, message, details: Object.freeze(details) }) };
}

/** The `[providers.<key>]` table of a provider (by config key, id, or any alias; folded like provider names). */
export function providerTable(
  config: UserConfig,
  provider: Pick<RegisteredProvider, 'descriptor'>,
): ProviderConfig | undefined {
  return findProviderConfig(config, provider);
}

/** The `[roles.<name>]` table, when the request names a role. */
export function roleTable(config: UserConfig, role: string | undefined): RoleConfig | undefined {
  if (role === undefined || !config.roles || !Object.hasOwn(config.roles, role)) return undefined;
  return config.roles[role];
}

/** The credential situation of one endpoint: the class that applies, and the binding it was checked against. */
export interface RouteAuth {
  readonly status: AuthStatus;
  readonly binding: CredentialBinding;
  readonly query: CredentialQuery;
}

/** The query a credential source is asked for one endpoint (with the registry's env var owners). */
export function credentialQuery(
  context: ResolverContext,
  provider: RegisteredProvider,
  baseUrl: string,
  official: boolean,
): CredentialQuery {
  const registry = context.registry;
  return {
    providerId: provider.id,
    descriptor: provider.descriptor,
    baseUrl,
    official,
    config: providerTable(context.config, provider),
    ...(typeof registry.envVarOwner === 'function'
      ? { envVarOwner: (name: string) => registry.envVarOwner(name) }
      : {}),
  };
}

/**
 * The credential a route would use, with the binding rule ({@link credentialBinding}) enforced whatever the credential
 * source says: a table's key only at its own endpoint, never another provider's variable, ambient keys (descriptor env
 * vars, keyring) only at the official endpoint, none for a local runtime unless its table asks, nothing with
 * `auth_mode = "none"`. A table that asks for a key and has none is `missing`, never `not-required`.
 */
export function routeAuth(
  context: ResolverContext,
  provider: RegisteredProvider,
  baseUrl: string,
  official: boolean,
): RouteAuth {
  const query = credentialQuery(context, provider, baseUrl, official);
  const binding = credentialBinding(query);
  if (binding.none) return { status: { source: 'not-required' }, binding, query };
  const table = query.config;
  const reported = context.credentials?.describe(query) ?? { source: 'missing' as const };
  let usable: boolean;
  switch (reported.source) {
    case 'explicit':
      usable = true; // bound by the host to this provider
      break;
    case 'config':
    case 'command':
      usable = binding.table;
      break;
    case 'env': {
      const name = reported.envVar;
      // The table's own variable where the table's key applies; otherwise only a variable the descriptor declares counts,
      // as an ambient key (the same name can be both: a table bound elsewhere does not take the provider's own key away).
      if (name !== undefined && name === table?.api_key_env && binding.table) usable = binding.tableEnv;
      else usable = binding.ambient && name !== undefined && provider.descriptor.auth.envVars.includes(name);
      break;
    }
    case 'keyring':
      usable = binding.ambient;
      break;
    case 'not-required':
    case 'missing':
      usable = false;
      break;
  }
  if (usable)
    return {
      status: reported.source === 'env' ? { source: 'env', envVar: reported.envVar } : { source: reported.source },
      binding,
      query,
    };
  const keyless = !binding.keyRequired && (provider.descriptor.auth.optional || reported.source === 'not-required');
  return { status: { source: keyless ? 'not-required' : 'missing' }, binding, query };
}

/** The credential class a route would use (see {@link routeAuth}). */
export function authFor(
  context: ResolverContext,
  provider: RegisteredProvider,
  baseUrl: string,
  official: boolean,
): AuthStatus {
  return routeAuth(context, provider, baseUrl, official).status;
}

/** True when a route with this auth status can be called now. */
export const credentialReady = (auth: AuthStatus): boolean => auth.source !== 'missing';

/** Collects validation messages, dropping exact duplicates. */
export class MessageList {
  readonly #messages: ValidationMessage[] = [];

  add(level: ValidationMessage['level'], code: string, message: string): void {
    if (!this.#messages.some((existing) => existing.code === code && existing.message === message))
      this.#messages.push({ level, code, message });
  }

  get all(): readonly ValidationMessage[] {
    return this.#messages;
  }
}
