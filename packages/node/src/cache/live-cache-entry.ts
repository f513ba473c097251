import { nodeCrypto } from '../lazy-builtins.js';
import type { LiveModelRecord } from '@codewhale/core';

/** One cached listing of one provider endpoint. Secret-free by construction (and checked before writing). */
export interface LiveCacheEntry {
  readonly version: 1;
  readonly providerId: string;
  /** Normalised endpoint (no user info, no query). */
  readonly endpoint: string;
  /** When the records were fetched (ISO 8601). */
  readonly fetchedAt: string;
  /** How long the records stay fresh. */
  readonly ttlSeconds: number;
  /** Where the records come from, e.g. `GET http://127.0.0.1:8000/v1/models`. */
  readonly provenance: { readonly kind: 'observed'; readonly source: string };
  /** `failed` when the last refresh failed; `records` are then those of the last good fetch, if any. */
  readonly status: 'ok' | 'failed';
  readonly failure?: { readonly kind: string; readonly message: string; readonly at: string };
  readonly records: readonly LiveModelRecord[];
}

const PREFIX = '{"sha256":"';
const MIDDLE = '","entry":';
const HASH_LENGTH = 64;

const sha256 = (text: string): string => nodeCrypto().createHash('sha256').update(text).digest('hex');

/** Serialise an entry as JSON whose checksum covers the exact entry text (so truncation and edits are detected). */
export function encodeCacheEntry(entry: LiveCacheEntry): string {
  const body = JSON.stringify(entry);
  return `${PREFIX}${sha256(body)}${MIDDLE}${body}}\n`;
}

/** Parse a cache file: the entry, or why it is corrupt. Never throws. */
export function decodeCacheEntry(text: string): { readonly entry: LiveCacheEntry } | { readonly corrupt: string } {
  const trimmed = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (
    !trimmed.startsWith(PREFIX) ||
    trimmed.slice(PREFIX.length + HASH_LENGTH, PREFIX.length + HASH_LENGTH + MIDDLE.length) !== MIDDLE ||
    !trimmed.endsWith('}')
  ) {
    return { corrupt: trimmed.length === 0 ? 'empty file' : 'not a CodeWhale cache file (or truncated)' };
  }
  const hash = trimmed.slice(PREFIX.length, PREFIX.length + HASH_LENGTH);
  const body = trimmed.slice(PREFIX.length + HASH_LENGTH + MIDDLE.length, -1);
  if (sha256(body) !== hash) return { corrupt: 'checksum mismatch (truncated or edited)' };
  let entry: unknown;
  try {
    entry = JSON.parse(body);
  } catch {
    return { corrupt: 'entry is not valid JSON' };
  }
  const record = entry as Partial<LiveCacheEntry> | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    record.version !== 1 ||
    typeof record.providerId !== 'string' ||
    typeof record.endpoint !== 'string' ||
    typeof record.fetchedAt !== 'string' ||
    Number.isNaN(Date.parse(record.fetchedAt)) ||
    typeof record.ttlSeconds !== 'number' ||
    (record.status !== 'ok' && record.status !== 'failed') ||
    !Array.isArray(record.records) ||
    !record.records.every(
      (item: unknown) => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string',
    )
  ) {
    return { corrupt: 'entry does not have the cache entry shape (written by another version?)' };
  }
  return { entry: record as LiveCacheEntry };
}
