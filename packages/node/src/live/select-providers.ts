import {
  findProviderConfig,
  providerEnvValues,
  type Registry,
  type RegisteredProvider,
  type RouteResolver,
  type UserConfig,
} from '@codewhale/core';
import type { NodeCredentialSource } from '../credentials/credential-source.js';
import { heldSecretValues } from '../credentials/secret-value.js';
import type { LiveFailure } from './live-failure.js';

/** A provider a default selection left out, and why (secret-free). */
export interface SkippedProvider {
  readonly provider: RegisteredProvider;
  readonly reason: LiveFailure;
}

/** What one live operation covers. */
export interface LiveSelection {
  readonly chosen: readonly RegisteredProvider[];
  /** Names that match no registered provider. */
  readonly unknown: readonly string[];
  /** Providers a default selection (no names given) left out: not configured and no credential. */
  readonly skipped: readonly SkippedProvider[];
}

/** What decides whether the user set a provider up. */
export interface SetUpContext {
  readonly registry: Registry;
  readonly config: UserConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly resolver: RouteResolver;
  /** The base URL a live operation uses for this provider, when not its default (env, caller). */
  readonly baseUrlFor: (provider: RegisteredProvider) => string | undefined;
}

const USABLE = new Set(['explicit', 'env', 'config', 'command', 'keyring']);

/**
 * `undefined` when the user set this provider up — a `[providers.<id>]` table, the config's `provider`, its own env base
 * URL (e.g. `OLLAMA_HOST`), or a usable credential for its endpoint — else why it is left out of a default selection.
 */
export function notSetUp(provider: RegisteredProvider, context: SetUpContext): LiveFailure | undefined {
  if (findProviderConfig(context.config, provider) !== undefined) return undefined;
  if (
    context.config.provider !== undefined &&
    context.registry.findProvider(context.config.provider)?.id === provider.id
  )
    return undefined;
  if (providerEnvValues(provider.descriptor, context.env).baseUrl !== undefined) return undefined;
  const baseUrl = context.baseUrlFor(provider);
  const chosen = context.resolver.endpoint({ provider: provider.id, ...(baseUrl !== undefined ? { baseUrl } : {}) });
  if (chosen.ok && USABLE.has(chosen.auth.source)) return undefined;
  const table = `[providers.${provider.descriptor.configKey ?? provider.id}]`;
  return {
    kind: 'not-configured',
    code: 'LIVE_NOT_CONFIGURED',
    message: `${provider.descriptor.displayName} was not contacted: it is not configured (no ${table} table, not the config's provider, no base URL in its environment variables) and there is no key for it. Ask for ${provider.id} by name to contact it anyway.`,
  };
}

/**
 * The providers an operation covers: the named ones (ids or aliases), else every registered one that `fits` and that the
 * user set up ({@link notSetUp}); the others that fit are returned in `skipped` with the reason.
 */
export function selectProviders(
  registry: Registry,
  names: readonly string[] | undefined,
  fits: (provider: RegisteredProvider) => boolean,
  setUp?: SetUpContext,
): LiveSelection {
  if (!names || names.length === 0) {
    const chosen: RegisteredProvider[] = [];
    const skipped: SkippedProvider[] = [];
    for (const provider of registry.providers().filter(fits)) {
      const reason = setUp ? notSetUp(provider, setUp) : undefined;
      if (reason) skipped.push({ provider, reason });
      else chosen.push(provider);
    }
    return { chosen, unknown: [], skipped };
  }
  const chosen: RegisteredProvider[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const provider = registry.findProvider(name);
    if (!provider) unknown.push(name);
    else if (!chosen.includes(provider)) chosen.push(provider);
  }
  return { chosen, unknown, skipped: [] };
}

/**
 * Every credential value in reach (explicit, config, descriptor and table env vars, values resolved so far, and every
 * value this process holds in a `SecretValue`), to refuse in outputs and caches. Call it again after credentials were
 * resolved: command and keyring values join the list then.
 */
export function knownSecrets(
  registry: Registry,
  config: UserConfig,
  credentials: NodeCredentialSource | undefined,
): readonly string[] {
  const held = heldSecretValues();
  if (!credentials) return held;
  const names = new Set<string>();
  for (const provider of registry.providers()) {
    for (const name of provider.descriptor.auth.envVars) names.add(name);
    const table = findProviderConfig(config, provider);
    if (table?.api_key_env) names.add(table.api_key_env);
  }
  return [...new Set([...credentials.knownValues([...names], config), ...held])];
}
