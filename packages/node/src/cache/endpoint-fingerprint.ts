import { nodeCrypto } from '../lazy-builtins.js';
import { CodewhaleError, normalizeBaseUrl } from '@codewhale/core';

const PROVIDER_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * A stable fingerprint of an endpoint: host case, default port and trailing slashes folded; user info, query and
 * fragment never included (so no secret can reach a file name). Throws for anything that is not an http(s) URL.
 */
export function endpointFingerprint(baseUrl: string): { readonly key: string; readonly fingerprint: string } {
  const key = endpointKey(baseUrl);
  return { key, fingerprint: nodeCrypto().createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/** The normalised endpoint a fingerprint is made from (no hashing: what look-ups compare). Throws like {@link endpointFingerprint}. */
export function endpointKey(baseUrl: string): string {
  const normalized = normalizeBaseUrl(baseUrl);
  if (!normalized)
    throw new CodewhaleError(
      'CACHE_INVALID_ENDPOINT',
      'The endpoint is not an absolute http(s) URL, so it cannot be cached.',
    );
  return normalized.key;
}

/** The cache file name for a provider endpoint. Provider ids are checked so they can never escape the directory. */
export function cacheFileName(providerId: string, baseUrl: string): string {
  if (!PROVIDER_ID.test(providerId))
    throw new CodewhaleError('CACHE_INVALID_PROVIDER', `"${providerId}" is not a kebab-case provider id.`);
  return `${providerId}--${endpointFingerprint(baseUrl).fingerprint}.json`;
}
