import {
  credentialBinding,
  findProviderConfig,
  type AuthStatus,
  type CredentialQuery,
  type RegisteredProvider,
  type Registry,
  type RouteEndpoint,
  type RouteResolver,
  type UserConfig,
  type LiveContext,
} from '@codewhale/core';
import { createLiveContext, type HttpClient, type HttpCredential } from '@codewhale/plugin-kit';
import type { NodeCredentialSource } from '../credentials/credential-source.js';
import { requestCredential } from '../credentials/request-credential.js';
import { toLiveFailure, type LiveFailure } from './live-failure.js';

/** A provider endpoint ready for live requests: the endpoint by the resolver's rules, with the credential bound to it. */
export interface LiveTarget {
  readonly provider: RegisteredProvider;
  readonly endpoint: RouteEndpoint;
  readonly auth: AuthStatus;
  readonly context: LiveContext;
}

/** What opening a target needs. */
export interface LiveTargetInput {
  readonly provider: RegisteredProvider;
  readonly registry: Registry;
  readonly resolver: RouteResolver;
  readonly config: UserConfig;
  readonly credentials: NodeCredentialSource | undefined;
  readonly client: HttpClient;
  readonly signal: AbortSignal | undefined;
  /** The endpoint to use instead of the provider's configured or official one (the caller's, or its env base URL). */
  readonly baseUrl: string | undefined;
  /** True when the operation needs a key (a listing that requires auth, a balance read). */
  readonly needsKey: boolean;
  readonly secrets: () => readonly string[];
}

/**
 * Open a live target, or say why not (unknown endpoint, key missing, credential command failed). Never contacts anything.
 * A key that is missing where the operation needs one, or where the provider's table asks for one (it names a key
 * source, or `auth_mode = "bearer"`), is reported and nothing is sent: a request never goes out silently keyless.
 */
export async function openLiveTarget(
  input: LiveTargetInput,
): Promise<{ readonly target: LiveTarget } | { readonly failure: LiveFailure; readonly endpoint?: RouteEndpoint }> {
  const { provider, registry } = input;
  const chosen = input.resolver.endpoint({
    provider: provider.id,
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
  });
  if (!chosen.ok) return { failure: { kind: 'config', code: 'LIVE_ENDPOINT', message: chosen.error.message } };
  const { endpoint, auth } = chosen;
  const table = findProviderConfig(input.config, provider);
  const query: CredentialQuery = {
    providerId: provider.id,
    descriptor: provider.descriptor,
    baseUrl: endpoint.baseUrl,
    official: endpoint.official,
    config: table,
    envVarOwner: (name: string) => registry.envVarOwner(name),
  };
  const binding = credentialBinding(query);
  const keyMissing = auth.source === 'missing';
  if (keyMissing && (input.needsKey || binding.keyRequired)) {
    const tableName = `[providers.${provider.descriptor.configKey ?? provider.id}]`;
    const names = provider.descriptor.auth.envVars.join(' or ');
    const how =
      binding.refusals.length > 0
        ? binding.refusals.join(' ')
        : table?.api_key_env !== undefined && binding.table
          ? `set ${table.api_key_env} (named by ${tableName} api_key_env)`
          : endpoint.official && names && binding.ambient
            ? `set ${names}`
            : `set api_key_env in ${tableName}`;
    return {
      endpoint,
      failure: {
        kind: 'credential-missing',
        code: 'LIVE_CREDENTIAL_MISSING',
        message: `No key for ${provider.descriptor.displayName}: ${how}. Nothing was sent.`,
      },
    };
  }
  let credential: HttpCredential | undefined;
  try {
    credential = keyMissing
      ? undefined
      : requestCredential(provider.descriptor, endpoint.key, await input.credentials?.resolve(query));
  } catch (error) {
    return { endpoint, failure: toLiveFailure(error, input.secrets()) };
  }
  const context = createLiveContext({
    client: input.client,
    providerId: provider.id,
    baseUrl: endpoint.baseUrl,
    ...(credential ? { credential } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return { target: { provider, endpoint, auth, context } };
}
