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
  /**
   * True when `baseUrl` is one of the provider's official endpoints (for local runtimes: its loopback default or a
   * loopback URL configured for it; a remote host is never a local runtime's official endpoint).
   */
  readonly official: boolean;
  /** The `[providers.<id>]` table, when present. */
  readonly config: ProviderConfig | undefined;
  /**
   * The provider that declares an environment variable name, if any (the resolver passes `registry.envVarOwner`).
   * A table's `api_key_env` naming another provider's variable is refused (see `credentialBinding`).
   */
  readonly envVarOwner?: (name: string) => string | undefined;
}

/**
 * Tells the resolver which credential would be used for a route, without revealing it. Implemented by
 * `@codewhale/node` (env, config, command, keyring); hosts may pass their own. Must be synchronous and cheap:
 * it describes, it never runs a command or reads a keyring here. Apply `credentialBinding(query)` and consult only the
 * sources it allows (no keyring unless `ambient`); the resolver enforces the same rule on whatever this returns.
 */
export interface CredentialSource {
  /** The class of credential that would be sent to this endpoint. */
  describe(query: CredentialQuery): AuthStatus;
}
