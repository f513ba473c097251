import { ListingParseError } from '../errors/provider-http-error.js';
import { asRecord, integer, nonEmptyString } from './listing-fields.js';

/** One entry of an OpenAI-style `/models` listing: the fields every shape shares, plus the entry itself. */
export interface ModelListEntry {
  readonly id: string;
  readonly ownedBy?: string;
  readonly created?: number;
  /** The whole entry, for provider-specific fields (read them with the listing-field helpers). */
  readonly entry: Readonly<Record<string, unknown>>;
}

/** Options of {@link parseOpenAIModelList}. */
export interface ParseModelListOptions {
  /** Provider id, for error messages. */
  readonly providerId: string;
  /** Accept a bare JSON array instead of `{ data: [...] }` (Together). */
  readonly allowBareArray?: boolean;
  /** Treat `data: null` as an empty list (Ollama with no models installed). */
  readonly allowNullData?: boolean;
  /** Refuse listings longer than this (default 20,000 entries). */
  readonly maxEntries?: number;
}

// Listing bodies are untrusted: name what a bad id is, never quote an object or list (it could hold anything).
function describeBadId(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'an object';
  return JSON.stringify(value) ?? typeof value;
}

/**
 * Parse an OpenAI-compatible `/models` body (`{ object: "list", data: [{ id, owned_by, created }] }`). Extra fields
 * are tolerated and kept in `entry`; what is used is checked: every entry must be an object with a non-empty string
 * `id`. Duplicate ids keep the first. Throws {@link ListingParseError} for bodies that do not fit.
 */
export function parseOpenAIModelList(body: unknown, options: ParseModelListOptions): ModelListEntry[] {
  const { providerId } = options;
  const maxEntries = options.maxEntries ?? 20_000;
  let data: unknown;
  let base = 'data';
  if (Array.isArray(body)) {
    if (!options.allowBareArray)
      throw new ListingParseError(providerId, '', 'expected an object with a "data" list, got a bare array');
    data = body;
    base = '';
  } else {
    const record = asRecord(body);
    if (!record)
      throw new ListingParseError(
        providerId,
        '',
        `expected a JSON object, got ${body === null ? 'null' : typeof body}`,
      );
    if (!('data' in record)) throw new ListingParseError(providerId, 'data', 'missing "data" list');
    data = record.data;
    if (data === null && options.allowNullData) return [];
  }
  if (!Array.isArray(data))
    throw new ListingParseError(providerId, base, `expected a list, got ${data === null ? 'null' : typeof data}`);
  if (data.length > maxEntries)
    throw new ListingParseError(
      providerId,
      base,
      `${data.length} entries is more than the ${maxEntries} a listing may have`,
    );
  const seen = new Set<string>();
  const out: ModelListEntry[] = [];
  data.forEach((item, index) => {
    const path = base ? `${base}[${index}]` : `[${index}]`;
    const entry = asRecord(item);
    if (!entry) throw new ListingParseError(providerId, path, 'expected an object');
    const id = nonEmptyString(entry.id);
    if (id === undefined)
      throw new ListingParseError(
        providerId,
        `${path}.id`,
        `expected a non-empty string id, got ${describeBadId(entry.id)}`,
      );
    if (id.length > 512) throw new ListingParseError(providerId, `${path}.id`, 'id longer than 512 characters');
    if (seen.has(id)) return;
    seen.add(id);
    const ownedBy = nonEmptyString(entry.owned_by);
    const created = integer(entry.created);
    out.push({
      id,
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
      entry,
    });
  });
  return out;
}
