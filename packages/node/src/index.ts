// Live cache
export { defaultCacheDir, type CacheDirOptions } from './cache/cache-dir.js';
export { endpointFingerprint, cacheFileName } from './cache/endpoint-fingerprint.js';
export type { LiveCacheEntry } from './cache/live-cache-entry.js';
export { createLiveCache, CacheSecretError, type LiveCache, type LiveCacheOptions, type LiveCacheRead, type LiveCacheWrite } from './cache/live-cache.js';
