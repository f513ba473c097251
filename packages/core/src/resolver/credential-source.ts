import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import type { ProviderConfig } from '../schema/user-config.js';

/** Classes of credential source. Only the class is ever shown, never the value. */
export type AuthSourceClass = 'explicit' | 'env' | 'config' | 'command' | 'keyring' | 'not-required' | 'missing';

/** The credential situation of a route: the class of its source, and the env var name when from the environment. */
export interface AuthStatus {
  readonly source: AuthSourceClass;
  /** Name of the environment variable the key comes from (`env` source only). Never the value. */
  readonly envVar?: string;
}

/** What a credential source is asked about: which provider, which endpoint, which config table. */
export interface CredentialQuery {
  readonly providerId: string;
  readonly descriptor: ProviderDescriptor;
  /** Normalised base URL of the route. */
  readonly baseUrl: string;
  /** True when `baseUrl` is one of the provider's official endpoints (for local runtimes: its default or configured one). */
  readonly official: boolean;
  /** The `[providers.<id>]` table, when present. */
  readonly config: ProviderConfig | undefined;
}

/**
 * Tells the resolver which credential would be used for a route, without revealing it. Implemented by
 * `@codewhale/node` (env, config, command, keyring); hosts may pass their own. Must be synchronous and cheap:
 * it describes, it never runs a command or reads a keyring here.
 */
export interface CredentialSource {
  /** The class of credential that would be sent to this endpoint. */
  describe(query: CredentialQuery): AuthStatus;
}
