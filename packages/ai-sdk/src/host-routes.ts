import {
  createRegistry,
  createRouteResolver,
  parseRouteRef,
  type ProviderPlugin,
  type ReadyRouteCandidate,
  type Registry,
  type RouteRequest,
  type RouteResolver,
  type RouteResult,
  type UserConfig,
} from '@codewhale/core';
import { createCredentialSource, routeCredential, type NodeCredentialSource } from '@codewhale/node';
import { ADAPTER_PROTOCOLS, type RouteCredential } from './chat-route.js';

/** What a host gives to reach its routes: the providers, its config and where keys come from. */
export interface HostRouteOptions {
  /**
   * The provider plugins (a registry is built from them once), or a `registry` you built. Give one of the two.
   * With plugins (or a typed registry), provider ids in literal route refs are checked at compile time.
   */
  readonly plugins?: readonly ProviderPlugin[];
  /** A registry from `createRegistry(...)` (or `createPrevalidatedRegistry(...)`), instead of `plugins`. */
  readonly registry?: Registry;
  /** The user's config: `(await loadConfig(...)).config` from `@codewhale/node`, or a parsed object. Default: empty. */
  readonly config?: UserConfig;
  /**
   * Where keys come from: `createCredentialSource(...)` of `@codewhale/node`. Default: one over `env` (or
   * `process.env`) that knows the registry's variable owners. Values are read per request, never kept.
   */
  readonly credentials?: NodeCredentialSource;
  /** Environment for the default credential source (ignored when `credentials` is given). Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Wire protocols the routes may use; routes on others fail at resolution (`unsupported-protocol`). Default: the ones
   * `createLanguageModel` speaks (`chat-completions`, `responses`, `anthropic-messages`).
   */
  readonly protocols?: readonly string[];
}

/** A route request without the provider and model (those come from the route ref). */
export type RouteOptions = Omit<RouteRequest, 'provider' | 'model'>;

/** The registry, resolver and key reader of a host, built once from {@link HostRouteOptions}. */
export interface HostRoutes {
  readonly registry: Registry;
  readonly config: UserConfig;
  readonly resolver: RouteResolver;
  /** The request a route ref (`provider:model`, `model`, `auto`, `provider:auto`) stands for, plus the options. */
  requestOf(ref: string, options?: RouteOptions): RouteRequest;
  /** Resolve a route ref through the resolver. */
  resolve(ref: string, options?: RouteOptions): RouteResult;
  /** Read the route's key now, for its endpoint, as the one header it goes in (`undefined`: the route takes none). */
  credentialFor(candidate: ReadyRouteCandidate): Promise<RouteCredential | undefined>;
}

/** Build a host's registry, resolver and key reader. Throws `TypeError` when neither or both of plugins/registry are given. */
export function createHostRoutes(options: HostRouteOptions, caller: string): HostRoutes {
  if ((options.plugins === undefined) === (options.registry === undefined))
    throw new TypeError(`${caller} needs either plugins or a registry (exactly one of them).`);
  const registry: Registry = options.registry ?? createRegistry({ plugins: options.plugins ?? [] });
  const config = options.config ?? {};
  const credentials =
    options.credentials ?? createCredentialSource({ registry, ...(options.env ? { env: options.env } : {}) });
  // Not memoised: a key that appears or disappears is seen by the next resolution, as by the next request.
  const resolver = createRouteResolver({
    registry,
    config,
    credentials,
    cache: false,
    protocols: options.protocols ?? ADAPTER_PROTOCOLS,
  });

  function requestOf(ref: string, extra: RouteOptions = {}): RouteRequest {
    const parsed = parseRouteRef(String(ref), registry);
    return { ...extra, ...(parsed.provider === undefined ? {} : { provider: parsed.provider }), model: parsed.model };
  }

  return Object.freeze({
    registry,
    config,
    resolver,
    requestOf,
    resolve: (ref: string, extra?: RouteOptions) => resolver.resolve(requestOf(ref, extra)),
    credentialFor: (candidate: ReadyRouteCandidate) => routeCredential(candidate, { registry, config, credentials }),
  });
}
