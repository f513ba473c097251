import type { DiscoveryPart, LiveContext, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import {
  asRecord,
  ListingParseError,
  nonEmptyString,
  parseOpenAIModelRecords,
  positiveInteger,
  ProviderHttpError,
  requestOk,
} from '@codewhale/plugin-kit';
import { findOllamaKnownModel } from './ollama-known-models.js';

const MAX_ENTRIES = 20_000;
/** At most this many `/api/show` calls per discovery run (the rest keep what `/api/tags` says). */
const MAX_SHOW_REQUESTS = 50;
/** `/api/show` calls in flight at once. */
const SHOW_CONCURRENCY = 4;

/** A list of non-empty strings, or undefined (a list with any other item is dropped whole, never coerced). */
function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((item): item is string => typeof item === 'string' && item.length > 0) ? [...value] : undefined;
}

/** RFC 3339 time (Go writes nanoseconds) → unix seconds, or undefined. */
function unixSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) return undefined;
  const milliseconds = Date.parse(`${match[1]}${(match[2] ?? '').slice(0, 4)}${match[3]}`);
  return Number.isFinite(milliseconds) ? Math.floor(milliseconds / 1000) : undefined;
}

/** `chat` for models that complete text, `embedding` for embedding-only ones, per their capabilities. */
function kindOf(capabilities: readonly string[] | undefined): string | undefined {
  if (!capabilities) return undefined;
  if (capabilities.includes('completion')) return 'chat';
  return capabilities.includes('embedding') ? 'embedding' : undefined;
}

function canonicalFor(...names: (string | undefined)[]): string | undefined {
  for (const name of names) {
    const known = name === undefined ? undefined : findOllamaKnownModel(name);
    if (known) return known.canonical;
  }
  return undefined;
}

/** Native `GET /api/tags`: `{ models: [{ name, model, modified_at, size, digest, details, capabilities?, remote_model? }] }`. */
function parseTags(models: unknown, providerId: string): LiveModelRecord[] {
  if (models === null) return [];
  if (!Array.isArray(models))
    throw new ListingParseError(providerId, 'models', `expected a list, got ${typeof models}`);
  if (models.length > MAX_ENTRIES)
    throw new ListingParseError(
      providerId,
      'models',
      `${models.length} entries is more than the ${MAX_ENTRIES} a listing may have`,
    );
  const seen = new Set<string>();
  const records: LiveModelRecord[] = [];
  models.forEach((item, index) => {
    const path = `models[${index}]`;
    const entry = asRecord(item);
    if (!entry) throw new ListingParseError(providerId, path, 'expected an object');
    const name = nonEmptyString(entry.name);
    if (name === undefined)
      throw new ListingParseError(
        providerId,
        `${path}.name`,
        `expected a non-empty string name, got ${JSON.stringify(entry.name) ?? 'nothing'}`,
      );
    if (name.length > 512) throw new ListingParseError(providerId, `${path}.name`, 'name longer than 512 characters');
    if (seen.has(name)) return;
    seen.add(name);
    const capabilities = stringList(entry.capabilities);
    const canonicalModel = canonicalFor(name, nonEmptyString(entry.remote_model));
    const created = unixSeconds(entry.modified_at);
    const kind = kindOf(capabilities);
    records.push({
      id: name,
      ...(canonicalModel !== undefined ? { canonicalModel } : {}),
      ...(created !== undefined ? { created } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(capabilities !== undefined ? { capabilities } : {}),
    });
  });
  return records;
}

/**
 * Parse an Ollama listing: the native `GET /api/tags` body (`{ models: [...] }`), or the OpenAI-compatible
 * `GET /v1/models` body (`{ object: "list", data: [...] }`, where `data` is `null` on an empty install). Ids are kept
 * exactly as listed (`:latest` included); well-known names get their canonical model. Pure; throws
 * `ListingParseError` for bodies that do not fit.
 */
export function parseOllamaModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  const { providerId } = context;
  const record = asRecord(body);
  if (!record)
    throw new ListingParseError(
      providerId,
      '',
      `expected a JSON object, got ${body === null ? 'null' : Array.isArray(body) ? 'a list' : typeof body}`,
    );
  if ('models' in record) return parseTags(record.models, providerId);
  if (!('data' in record))
    throw new ListingParseError(
      providerId,
      'models',
      'missing "models" list (GET /api/tags) or "data" list (GET /v1/models)',
    );
  return parseOpenAIModelRecords(body, {
    providerId,
    allowNullData: true,
    maxEntries: MAX_ENTRIES,
    canonicalFor: (id) => canonicalFor(id),
  });
}

/** What `POST /api/show` says about one model. */
export interface OllamaShowDetails {
  /** The model's trained maximum context (`model_info["<arch>.context_length"]`), not the runtime `num_ctx`. */
  readonly contextWindow?: number;
  /** Capabilities, e.g. `completion`, `tools`, `thinking`, `vision`, `embedding`. */
  readonly capabilities?: readonly string[];
}

/**
 * Parse a `POST /api/show` body: the context window from `model_info["<general.architecture>.context_length"]`
 * and the capabilities list. Pure; only those two facts are read (the body also holds the license, template and
 * tokenizer). Throws `ListingParseError` when the body is not an object.
 */
export function parseOllamaShow(body: unknown): OllamaShowDetails {
  const record = asRecord(body);
  if (!record)
    throw new ListingParseError(
      'ollama',
      '',
      `expected a JSON object, got ${body === null ? 'null' : Array.isArray(body) ? 'a list' : typeof body}`,
    );
  const info = asRecord(record.model_info);
  const architecture = info ? nonEmptyString(info['general.architecture']) : undefined;
  const key = architecture === undefined ? undefined : `${architecture}.context_length`;
  const contextWindow = info && key !== undefined && Object.hasOwn(info, key) ? positiveInteger(info[key]) : undefined;
  const capabilities = stringList(record.capabilities);
  return {
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(capabilities !== undefined ? { capabilities } : {}),
  };
}

async function showDetails(context: LiveContext, model: string): Promise<OllamaShowDetails | undefined> {
  try {
    const response = await requestOk(context, { path: '/api/show', from: 'origin', method: 'POST', json: { model } });
    return parseOllamaShow(response.json);
  } catch (error) {
    if (context.signal.aborted || (ProviderHttpError.isInstance(error) && error.kind === 'aborted')) throw error;
    // One model's details failing (e.g. a cloud model that is unreachable: 502) leaves its record as listed.
    return undefined;
  }
}

/**
 * Discover models: `GET /api/tags`, then `POST /api/show {model}` for the first 50 models (4 at a time) to fill
 * the context window and capabilities. Native routes are resolved against the origin of the base URL.
 */
export async function fetchOllamaModels(context: LiveContext): Promise<LiveModelRecord[]> {
  const tags = await requestOk(context, { path: '/api/tags', from: 'origin' });
  const records = parseOllamaModels(tags.json, { providerId: context.providerId, baseUrl: context.baseUrl });
  const out = [...records];
  let next = 0;
  const limit = Math.min(records.length, MAX_SHOW_REQUESTS);
  const worker = async (): Promise<void> => {
    while (next < limit) {
      const index = next++;
      const record = records[index];
      if (!record) continue;
      context.signal.throwIfAborted();
      const details = await showDetails(context, record.id);
      if (!details) continue;
      const capabilities = record.capabilities ?? details.capabilities;
      const kind = record.kind ?? kindOf(details.capabilities);
      out[index] = {
        ...record,
        ...(details.contextWindow !== undefined ? { contextWindow: details.contextWindow } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(capabilities !== undefined ? { capabilities: [...capabilities] } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHOW_CONCURRENCY, limit) }, worker));
  return out;
}

/** Ollama discovery: `parseModels` for `/api/tags` or `/v1/models` bodies, and the tags-then-show fetch. */
export const ollamaDiscovery: DiscoveryPart = {
  parseModels: parseOllamaModels,
  fetchModels: fetchOllamaModels,
};
