// Live cache
export { defaultCacheDir, type CacheDirOptions } from './cache/cache-dir.js';
export { endpointFingerprint, cacheFileName } from './cache/endpoint-fingerprint.js';
export type { LiveCacheEntry } from './cache/live-cache-entry.js';
export { createLiveCache, CacheSecretError, type LiveCache, type LiveCacheOptions, type LiveCacheRead, type LiveCacheWrite } from './cache/live-cache.js';

// Credentials
export { createCredentialSource, CredentialError, CREDENTIAL_ERROR_CODES, type CredentialSourceOptions, type NodeCredentialSource, type ResolvedCredential } from './credentials/credential-source.js';
export { SecretValue } from './credentials/secret-value.js';
export type { KeyringAdapter } from './credentials/keyring.js';
export { requestCredential } from './credentials/request-credential.js';

// Live operations
export { discover, type DiscoverOptions, type DiscoveryEvent, type DiscoveryResult, type LiveOperationOptions } from './live/discover.js';
export { checkHealth, type HealthCheck } from './live/check-health.js';
export { readUsage, type UsageReport } from './live/read-usage.js';
export type { LiveFailure } from './live/live-failure.js';
