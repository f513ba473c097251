import {
  findProviderConfig,
  isReadyRouteCandidate,
  type ReadyRouteCandidate,
  type Registry,
  type UserConfig,
} from '@codewhale/core';
import type { HttpCredential } from '@codewhale/plugin-kit';
import { CREDENTIAL_ERROR_CODES, CredentialError, type NodeCredentialSource } from './credential-source.js';
import { requestCredential } from './request-credential.js';

/** What {@link routeCredential} needs besides the candidate. */
export interface RouteCredentialOptions {
  readonly registry: Registry;
  readonly config?: UserConfig;
  readonly credentials: NodeCredentialSource;
}

/**
 * The request header for a route: the credential bound to the candidate's endpoint, by the same binding rule the
 * resolver used, in the header that endpoint expects. `undefined` when the route needs none. Throws a
 * `CredentialError` (code `CREDENTIAL_CHANGED`) when the credential's source is no longer the one the route was
 * resolved with (e.g. an env var was unset since): resolve again rather than send something unexpected.
 */
export async function routeCredential(
  candidate: ReadyRouteCandidate,
  options: RouteCredentialOptions,
): Promise<HttpCredential | undefined> {
  if (!isReadyRouteCandidate(candidate))
    throw new TypeError('routeCredential needs a ReadyRouteCandidate made by the resolver.');
  const provider = options.registry.findProvider(candidate.provider.id);
  if (!provider) throw new TypeError(`Provider "${candidate.provider.id}" is not in this registry.`);
  const query = {
    providerId: provider.id,
    descriptor: provider.descriptor,
    baseUrl: candidate.endpoint.baseUrl,
    official: candidate.endpoint.official,
    config: findProviderConfig(options.config ?? {}, provider),
    envVarOwner: (name: string) => options.registry.envVarOwner(name),
  };
  const resolved = await options.credentials.resolve(query);
  const now = resolved?.status.source ?? (candidate.auth.source === 'not-required' ? 'not-required' : 'missing');
  if (
    now !== candidate.auth.source ||
    (resolved?.status.envVar ?? undefined) !== (candidate.auth.envVar ?? undefined)
  ) {
    throw new CredentialError(
      CREDENTIAL_ERROR_CODES.CHANGED,
      `The credential for ${provider.descriptor.displayName} changed since the route was resolved (${candidate.auth.source} then, ${now} now). Resolve the route again.`,
    );
  }
  return requestCredential(provider.descriptor, candidate.endpoint.key, resolved);
}
