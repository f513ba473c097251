import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodewhaleError, type LiveModelRecord, type LiveSnapshot } from '@codewhale/core';
import { sweepStaleTempFiles, writeFileAtomically } from '../fs/write-file-atomically.js';
import { defaultCacheDir } from './cache-dir.js';
import { cacheFileName, endpointKey } from './endpoint-fingerprint.js';
import { decodeCacheEntry, encodeCacheEntry, type LiveCacheEntry } from './live-cache-entry.js';
import { nodeFsPromises } from '../lazy-builtins.js';
import { heldSecretValues } from '../credentials/secret-value.js';

/** What a cache read found. `corrupt` files are reported, never thrown, and replaced by the next write. */
export type LiveCacheRead =
  | { readonly state: 'missing' }
  | { readonly state: 'corrupt'; readonly reason: string; readonly path: string }
  | { readonly state: 'fresh' | 'stale' | 'failed'; readonly entry: LiveCacheEntry };

/** What a refresh writes. */
export interface LiveCacheWrite {
  readonly providerId: string;
  readonly baseUrl: string;
  readonly records: readonly LiveModelRecord[];
  /** How long the records stay fresh (default 1 hour). */
  readonly ttlSeconds?: number;
  /** Where the records come from, secret-free (e.g. `GET http://127.0.0.1:8000/v1/models`). */
  readonly source: string;
  /** More credential values to refuse for this write (besides the cache's own `secrets`). */
  readonly secrets?: readonly string[];
}

/** Options of {@link createLiveCache}. */
export interface LiveCacheOptions {
  /** Cache directory (default: {@link defaultCacheDir}). */
  readonly dir?: string;
  /** Clock (tests). */
  readonly now?: () => Date;
  /**
   * Credential values to refuse in any record (defence in depth; records are secret-free by construction). Every value
   * this process has read into a `SecretValue` (env, config, `api_key_command` output, keyring) is refused as well.
   */
  readonly secrets?: () => readonly string[];
}

/** The live cache on disk: one file per (provider, endpoint fingerprint), written atomically. */
export interface LiveCache {
  readonly dir: string;
  /** The file that holds a provider endpoint's entry. */
  path(providerId: string, baseUrl: string): string;
  /** Read one entry. Never throws for missing or corrupt files. */
  read(providerId: string, baseUrl: string): LiveCacheRead;
  /** Store fresh records (atomic; safe with concurrent writers; refuses secrets). */
  write(input: LiveCacheWrite): Promise<LiveCacheEntry>;
  /** Record a failed refresh, keeping the last good records (as stale) with the reason. */
  recordFailure(input: {
    readonly providerId: string;
    readonly baseUrl: string;
    readonly kind: string;
    readonly message: string;
    readonly source: string;
    readonly secrets?: readonly string[];
  }): Promise<LiveCacheEntry>;
  /** Read every entry once into an immutable snapshot for `createRouteResolver({ live })`. */
  snapshot(): LiveSnapshot & { readonly entries: readonly LiveCacheEntry[] };
}

const DEFAULT_TTL_SECONDS = 3600;

/** Thrown when a write would put a credential value into the cache. The message never contains the value. */
export class CacheSecretError extends CodewhaleError {
  constructor(providerId: string) {
    super(
      'CACHE_SECRET_REFUSED',
      `[${providerId}] Refused to cache a listing that contains a credential value. Nothing was written.`,
    );
    this.name = 'CacheSecretError';
  }
}

function isFresh(entry: LiveCacheEntry, now: Date): boolean {
  return entry.status === 'ok' && Date.parse(entry.fetchedAt) + entry.ttlSeconds * 1000 > now.getTime();
}

function classify(entry: LiveCacheEntry, now: Date): LiveCacheRead {
  if (entry.status === 'failed') return { state: 'failed', entry };
  return { state: isFresh(entry, now) ? 'fresh' : 'stale', entry };
}

function readFile(path: string): LiveCacheRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'corrupt', reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path };
  }
  const decoded = decodeCacheEntry(text);
  if ('corrupt' in decoded) return { state: 'corrupt', reason: decoded.corrupt, path };
  return { state: 'stale', entry: decoded.entry };
}

/** Create the live cache (nothing is touched on disk until the first write). */
export function createLiveCache(options: LiveCacheOptions = {}): LiveCache {
  const dir = options.dir ?? defaultCacheDir();
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets ?? (() => []);

  const path = (providerId: string, baseUrl: string) => join(dir, cacheFileName(providerId, baseUrl));

  async function store(entry: LiveCacheEntry, extraSecrets: readonly string[] = []): Promise<LiveCacheEntry> {
    const text = encodeCacheEntry(entry);
    for (const secret of [...secrets(), ...extraSecrets, ...heldSecretValues()]) {
      // The text is JSON: a value holding `"`, `\\` or control characters appears escaped in it.
      if (secret.length >= 4 && (text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))))
        throw new CacheSecretError(entry.providerId);
    }
    const { mkdir } = nodeFsPromises();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const name = cacheFileName(entry.providerId, entry.endpoint);
    await writeFileAtomically(join(dir, name), text);
    // Again with the cache's clock (the write swept with the system's).
    await sweepStaleTempFiles(join(dir, name), now().getTime());
    return entry;
  }

  return {
    dir,
    path,
    read(providerId, baseUrl) {
      const result = readFile(path(providerId, baseUrl));
      return result.state === 'stale' ? classify(result.entry, now()) : result;
    },
    write(input) {
      const key = endpointKey(input.baseUrl);
      return store(
        {
          version: 1,
          providerId: input.providerId,
          endpoint: key,
          fetchedAt: now().toISOString(),
          ttlSeconds: input.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          provenance: { kind: 'observed', source: input.source },
          status: 'ok',
          records: input.records,
        },
        input.secrets,
      );
    },
    recordFailure(input) {
      const key = endpointKey(input.baseUrl);
      const previous = readFile(path(input.providerId, input.baseUrl));
      const last = previous.state === 'stale' ? previous.entry : undefined;
      return store(
        {
          version: 1,
          providerId: input.providerId,
          endpoint: key,
          fetchedAt: last?.fetchedAt ?? now().toISOString(),
          ttlSeconds: last?.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          provenance: last?.provenance ?? { kind: 'observed', source: input.source },
          status: 'failed',
          failure: { kind: input.kind, message: input.message, at: now().toISOString() },
          records: last?.records ?? [],
        },
        input.secrets,
      );
    },
    snapshot() {
      const at = now();
      const entries: LiveCacheEntry[] = [];
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      for (const name of names) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const result = readFile(join(dir, name));
        if (result.state === 'stale') entries.push(result.entry);
      }
      const byEndpoint = new Map<
        string,
        { entry: LiveCacheEntry; fresh: boolean; byId: Map<string, LiveModelRecord> }
      >();
      for (const entry of entries) {
        byEndpoint.set(`${entry.providerId}\u0000${entry.endpoint}`, {
          entry,
          fresh: isFresh(entry, at),
          byId: new Map(entry.records.map((record) => [record.id, record])),
        });
      }
      const find = (providerId: string, baseUrl: string) => {
        try {
          return byEndpoint.get(`${providerId}\u0000${endpointKey(baseUrl)}`);
        } catch {
          return undefined;
        }
      };
      return Object.freeze({
        entries: Object.freeze(entries),
        model(providerId: string, baseUrl: string, wireModelId: string) {
          const found = find(providerId, baseUrl);
          const record = found?.byId.get(wireModelId);
          return found && record ? { record, fetchedAt: found.entry.fetchedAt, fresh: found.fresh } : undefined;
        },
        listing(providerId: string, baseUrl: string) {
          const found = find(providerId, baseUrl);
          return found
            ? { models: found.entry.records, fetchedAt: found.entry.fetchedAt, fresh: found.fresh }
            : undefined;
        },
      });
    },
  };
}
