import {
  createRouteResolver,
  providerEnvValues,
  type RegisteredProvider,
  type Registry,
  type RouteEndpoint,
  type RouteResolver,
  type UserConfig,
} from '@codewhale/core';
import { createHttpClient, type HttpClient } from '@codewhale/plugin-kit';
import type { LiveOperationOptions } from './discover.js';
import type { LiveFailure } from './live-failure.js';
import { openLiveTarget, type LiveTarget } from './live-target.js';
import { knownSecrets, selectProviders, type LiveSelection } from './select-providers.js';

/** What every live operation sets up first: one resolver, one client, the endpoints to use, and the providers to cover. */
export interface LiveSetup {
  readonly config: UserConfig;
  readonly resolver: RouteResolver;
  readonly client: HttpClient;
  readonly ownsClient: boolean;
  readonly selection: LiveSelection;
  /** The base URL to use for a provider: the caller's (one named provider), else its own env base URL, else its default. */
  readonly baseUrlFor: (provider: RegisteredProvider) => string | undefined;
  /** Every credential value in reach now (grows as commands and keyrings are read). */
  readonly secrets: () => readonly string[];
  /** Open a provider's endpoint with this setup's resolver, client, base URL rule and credentials (see openLiveTarget). */
  readonly open: (
    provider: RegisteredProvider,
    needsKey: boolean,
  ) => Promise<{ readonly target: LiveTarget } | { readonly failure: LiveFailure; readonly endpoint?: RouteEndpoint }>;
}

/**
 * Set up a live operation. Endpoints follow the resolver's rules with the same environment rule as the CLI's `explain`:
 * a provider's own env base URL (`<PROVIDER>_BASE_URL`, `OLLAMA_HOST`…, read by core's `providerEnvValues`) applies to
 * that provider unless the caller gave a base URL.
 */
export function liveSetup(options: LiveOperationOptions, fits: (provider: RegisteredProvider) => boolean): LiveSetup {
  const config = options.config ?? {};
  const env = options.env ?? process.env;
  const resolver = createRouteResolver({
    registry: options.registry,
    config,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    cache: false,
  });
  if (options.baseUrl !== undefined && options.providers?.length !== 1)
    throw new TypeError('A live operation takes a baseUrl only together with exactly one provider in `providers`.');
  const named =
    options.baseUrl !== undefined && options.providers?.[0] !== undefined
      ? options.registry.findProvider(options.providers[0])
      : undefined;
  const baseUrlFor = (provider: RegisteredProvider): string | undefined => {
    if (named !== undefined && named.id === provider.id) return options.baseUrl;
    return providerEnvValues(provider.descriptor, env).baseUrl?.value;
  };
  const selection = selectProviders(options.registry, options.providers, fits, {
    registry: options.registry,
    config,
    env,
    resolver,
    baseUrlFor,
  });
  const client = options.client ?? createHttpClient();
  const secrets = () => knownSecrets(options.registry, config, options.credentials);
  return {
    config,
    resolver,
    client,
    ownsClient: !options.client,
    selection,
    baseUrlFor,
    secrets,
    open: (provider, needsKey) =>
      openLiveTarget({
        provider,
        registry: options.registry,
        resolver,
        config,
        credentials: options.credentials,
        client,
        signal: options.signal,
        baseUrl: baseUrlFor(provider),
        needsKey,
        secrets,
      }),
  };
}

/** Contacted and skipped providers together, in the registry's order (as a person reads a list). */
export function inRegistryOrder<T extends { readonly providerId: string }>(
  registry: Registry,
  results: readonly T[],
  skipped: readonly T[],
): T[] {
  // Named providers keep the caller's order (nothing is skipped then); a default selection is in registry order already.
  if (skipped.length === 0) return [...results];
  const order = new Map(registry.providers().map((provider, index) => [provider.id, index]));
  return [...results, ...skipped].sort(
    (left, right) => (order.get(left.providerId) ?? -1) - (order.get(right.providerId) ?? -1),
  );
}
