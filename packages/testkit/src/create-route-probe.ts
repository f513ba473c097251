import {
  createRegistry,
  createRouteResolver,
  type CredentialQuery,
  type CredentialSource,
  type PluginIds,
  type ProviderPlugin,
  type ReadyRouteCandidate,
  type Registry,
  type RouteRequest,
  type UserConfig,
} from '@codewhale/core';

/**
 * A credential source for tests: each provider's first declared key variable counts as set (a class, never a value), so
 * only the resolver's binding rule decides whether a key may go to an endpoint.
 */
export const everyDeclaredKeySet: CredentialSource = Object.freeze({
  describe: ({ descriptor }: CredentialQuery) =>
    descriptor.auth.envVars[0] === undefined
      ? { source: 'missing' as const }
      : { source: 'env' as const, envVar: descriptor.auth.envVars[0] },
});

/** A registry of some plugins and a way to resolve against it: see {@link createRouteProbe}. */
export interface RouteProbe<Id extends string> {
  /** The registry of the plugins given. */
  readonly registry: Registry<Id>;
  /** Resolve with {@link everyDeclaredKeySet}; throws with the route error's kind and message when it does not resolve. */
  resolve(request: RouteRequest, config?: UserConfig): ReadyRouteCandidate;
}

/**
 * For a plugin's descriptor tests: its registry, and `resolve` through the real resolver with every declared key set,
 * so a test states which endpoints are official and which credential class each route gets.
 * @example
 * const { resolve } = createRouteProbe([acmePlugin]);
 * expect(resolve({ provider: 'acme', baseUrl: 'https://api.acme.example/v1' }).endpoint.official).toBe(true);
 */
export function createRouteProbe<const Plugins extends readonly ProviderPlugin[]>(
  plugins: Plugins,
): RouteProbe<PluginIds<Plugins>> {
  const registry = createRegistry({ plugins });
  return Object.freeze({
    registry,
    resolve(request: RouteRequest, config?: UserConfig): ReadyRouteCandidate {
      const result = createRouteResolver({
        registry,
        credentials: everyDeclaredKeySet,
        ...(config ? { config } : {}),
      }).resolve(request);
      if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
      return result.candidate;
    },
  });
}
