import type { ProviderDescriptor } from '@codewhale/core';
import type { HttpCredential } from '@codewhale/plugin-kit';
import type { ResolvedCredential } from './credential-source.js';
import { revealSecret } from './secret-value.js';

/**
 * The one header a credential goes in, for one endpoint of a provider: `authorization: Bearer …` or `x-api-key: …`
 * (the endpoint's scheme overrides the provider's). The only place a value leaves its {@link SecretValue} holder.
 */
export function requestCredential(
  descriptor: ProviderDescriptor,
  endpointKey: string,
  resolved: ResolvedCredential | undefined,
): HttpCredential | undefined {
  if (!resolved) return undefined;
  const scheme = descriptor.endpoints[endpointKey]?.authScheme ?? descriptor.auth.scheme;
  if (scheme === 'none') return undefined;
  const value = revealSecret(resolved.secret);
  return scheme === 'x-api-key'
    ? { header: 'x-api-key', value }
    : { header: 'authorization', value: `Bearer ${value}` };
}
