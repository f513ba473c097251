import { isDeepStrictEqual } from 'node:util';
import { TOKEN_CLASSES, USAGE_DIALECTS, provenanceSchema } from '@codewhale/core';

/**
 * A fast structural check of a receipt, for reading large ledgers: true only for a value the receipt schema accepts
 * as it is (no unknown keys, nothing to strip). False means "ask the schema" (it gives the answer and the reason), so
 * this check may be stricter than the schema but never looser; `receipt-fast-check.test.ts` holds it to that.
 * @internal
 */
export function isPlainReceipt(value: unknown): boolean {
  if (!isObject(value) || !keysIn(value, RECEIPT_KEYS, RECEIPT_REQUIRED)) return false;
  if (value.v !== 1 || !matches(value.id, ID) || !isTime(value.time)) return false;
  if (!isText(value.route) || !isText(value.provider) || !isText(value.credential) || !isText(value.catalog))
    return false;
  if (typeof value.stream !== 'boolean') return false;
  const endpoint = value.endpoint;
  if (!isObject(endpoint) || !keysIn(endpoint, ENDPOINT_KEYS, ENDPOINT_KEYS)) return false;
  if (!isText(endpoint.origin) || !matches(endpoint.fingerprint, FINGERPRINT) || !isText(endpoint.protocol))
    return false;
  if (typeof endpoint.official !== 'boolean' || typeof endpoint.path !== 'string' || endpoint.path.length > 2048)
    return false;
  const model = value.model;
  if (!isObject(model) || !keysIn(model, MODEL_KEYS, MODEL_REQUIRED) || !isText(model.wire)) return false;
  if (!optional(model.canonical, isText) || !optional(model.served, isText)) return false;
  if (!optional(value.reasoning, isReasoning)) return false;
  if (!isOutcome(value.outcome) || !isUsage(value.usage) || !isCost(value.cost)) return false;
  const timing = value.timing;
  if (!isObject(timing) || !keysIn(timing, TIMING_KEYS, NONE)) return false;
  if (!optional(timing.ttfbMs, isMilliseconds) || !optional(timing.totalMs, isMilliseconds)) return false;
  const bytes = value.bytes;
  if (!isObject(bytes) || !keysIn(bytes, BYTES_KEYS, BYTES_KEYS)) return false;
  if (!isCount(bytes.sent) || !isCount(bytes.received) || !isText(bytes.origin)) return false;
  if (!optional(value.tags, isTags)) return false;
  return optional(value.requestSha256, (hash) => matches(hash, SHA256));
}

type Json = Readonly<Record<string, unknown>>;

const RECEIPT_REQUIRED = new Set([
  'v',
  'id',
  'time',
  'route',
  'provider',
  'endpoint',
  'model',
  'credential',
  'stream',
  'outcome',
  'usage',
  'cost',
  'timing',
  'bytes',
  'catalog',
]);
const RECEIPT_KEYS = new Set([...RECEIPT_REQUIRED, 'reasoning', 'tags', 'requestSha256']);
const ENDPOINT_KEYS = new Set(['origin', 'fingerprint', 'protocol', 'official', 'path']);
const MODEL_REQUIRED = new Set(['wire']);
const MODEL_KEYS = new Set(['wire', 'canonical', 'served']);
const REASONING_KEYS = new Set(['level', 'params']);
const TIMING_KEYS = new Set(['ttfbMs', 'totalMs']);
const BYTES_KEYS = new Set(['sent', 'received', 'origin']);
const USAGE_KEYS = new Set([
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'totalTokens',
  'durations',
]);
const DURATION_KEYS = new Set(['totalMs', 'loadMs', 'promptEvalMs', 'evalMs']);
const KNOWN_USAGE_KEYS = new Set(['known', 'usage', 'dialect']);
const UNKNOWN_KEYS = new Set(['known', 'reason']);
const COST_REQUIRED = new Set(['known', 'amount', 'currency', 'breakdown', 'source']);
const COST_KEYS = new Set([...COST_REQUIRED, 'timeTier', 'contextTier']);
const LINE_REQUIRED = new Set(['tokenClass', 'tokens', 'ratePerMillion', 'amount']);
const LINE_KEYS = new Set([...LINE_REQUIRED, 'free']);
const STATUS_KEYS = new Set(['kind', 'status']);
const KIND_KEYS = new Set(['kind']);
const CODE_KEYS = new Set(['kind', 'code']);
const NONE = new Set<string>();
const DIALECTS = new Set<unknown>(USAGE_DIALECTS);
const CLASSES = new Set<unknown>(TOKEN_CLASSES);

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** `Date.prototype.toISOString()` of a year 0000-9999: what receipts are written with (stricter than the schema). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const TAG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** A plain object (what JSON.parse makes): stricter than the schema, which also takes class instances as objects. */
function isObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every key is allowed, every required key is present (an `undefined` value counts as absent, as in the schema). */
function keysIn(object: Json, allowed: ReadonlySet<string>, required: ReadonlySet<string>): boolean {
  let present = 0;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    if (!allowed.has(key)) return false;
    if (required.has(key) && object[key] !== undefined) present++;
  }
  return present === required.size;
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function matches(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 512;
}

/** Calendar days already checked (a ledger spans few). */
const daysSeen = new Map<string, boolean>();
function isTime(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) return false;
  const day = value.slice(0, 10);
  let valid = daysSeen.get(day);
  if (valid === undefined) {
    const time = new Date(`${day}T00:00:00.000Z`);
    valid = !Number.isNaN(time.getTime()) && time.toISOString().startsWith(day);
    if (daysSeen.size >= 4096) daysSeen.clear();
    daysSeen.set(day, valid);
  }
  return valid;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isMilliseconds(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isReasoning(value: unknown): boolean {
  if (!isObject(value) || !keysIn(value, REASONING_KEYS, NONE)) return false;
  return optional(value.level, isText) && optional(value.params, isObject);
}

function isOutcome(value: unknown): boolean {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'ok':
    case 'http-error':
      return (
        keysIn(value, STATUS_KEYS, STATUS_KEYS) &&
        typeof value.status === 'number' &&
        Number.isSafeInteger(value.status) &&
        value.status >= 100 &&
        value.status <= 599
      );
    case 'aborted':
      return keysIn(value, KIND_KEYS, KIND_KEYS);
    case 'network-error':
      return keysIn(value, CODE_KEYS, CODE_KEYS) && isText(value.code);
    default:
      return false;
  }
}

function isUsage(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.known === false) return keysIn(value, UNKNOWN_KEYS, UNKNOWN_KEYS) && isText(value.reason);
  if (value.known !== true || !keysIn(value, KNOWN_USAGE_KEYS, KNOWN_USAGE_KEYS) || !DIALECTS.has(value.dialect))
    return false;
  const usage = value.usage;
  if (!isObject(usage) || !keysIn(usage, USAGE_KEYS, NONE)) return false;
  for (const key in usage) {
    if (key === 'durations') continue;
    if (!optional(usage[key], isCount)) return false;
  }
  const durations = usage.durations;
  if (durations === undefined) return true;
  if (!isObject(durations) || !keysIn(durations, DURATION_KEYS, NONE)) return false;
  for (const key in durations) if (!optional(durations[key], isMilliseconds)) return false;
  return true;
}

function isCost(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.known === false) return keysIn(value, UNKNOWN_KEYS, UNKNOWN_KEYS) && isText(value.reason);
  if (value.known !== true || !keysIn(value, COST_KEYS, COST_REQUIRED)) return false;
  if (!isMilliseconds(value.amount) || !matches(value.currency, CURRENCY)) return false;
  if (!optional(value.timeTier, isText) || !optional(value.contextTier, isCount)) return false;
  if (!Array.isArray(value.breakdown)) return false;
  for (const line of value.breakdown as unknown[]) {
    if (!isObject(line) || !keysIn(line, LINE_KEYS, LINE_REQUIRED) || !CLASSES.has(line.tokenClass)) return false;
    if (!isCount(line.tokens) || !isMilliseconds(line.ratePerMillion) || !isMilliseconds(line.amount)) return false;
    if (line.free !== undefined && line.free !== true) return false;
  }
  return isProvenance(value.source);
}

const PROVENANCE_KEYS = new Set(['url', 'retrieved', 'verified', 'kind', 'uncertain', 'note']);
const PROVENANCE_REQUIRED = new Set(['url', 'retrieved', 'kind']);

/** Provenance is checked by core's own schema, once per distinct value (a ledger holds few: one per meter). */
const provenanceSeen = new Map<string, boolean>();
/** The last provenance found valid: consecutive receipts of one route share it. */
let lastProvenance: Json | undefined;
function isProvenance(value: unknown): boolean {
  if (!isObject(value) || !keysIn(value, PROVENANCE_KEYS, PROVENANCE_REQUIRED)) return false;
  const { url, retrieved, verified, kind, uncertain, note } = value;
  const last = lastProvenance;
  if (
    last !== undefined &&
    url === last.url &&
    retrieved === last.retrieved &&
    kind === last.kind &&
    verified === last.verified &&
    uncertain === last.uncertain &&
    note === last.note
  )
    return true;
  if (typeof url !== 'string' || typeof retrieved !== 'string' || typeof kind !== 'string') return false;
  if (!optional(verified, (v) => typeof v === 'string') || !optional(note, (v) => typeof v === 'string')) return false;
  if (!optional(uncertain, (v) => typeof v === 'boolean')) return false;
  // Lengths first: no two different values share a key.
  const texts = [url, retrieved, kind, (verified as string | undefined) ?? '', (note as string | undefined) ?? ''];
  const key = `${texts.map((text) => text.length).join(',')}|${String(verified !== undefined)}${String(note !== undefined)}${String(uncertain)}|${texts.join('')}`;
  let known = provenanceSeen.get(key);
  if (known === undefined) {
    const parsed = provenanceSchema.safeParse(value);
    known = parsed.success && isDeepStrictEqual(parsed.data, value);
    if (provenanceSeen.size >= 256) provenanceSeen.clear();
    provenanceSeen.set(key, known);
  }
  if (known) lastProvenance = value;
  return known;
}

function isTags(value: unknown): boolean {
  if (!isObject(value)) return false;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const tag = value[key];
    if (!TAG_NAME.test(key) || typeof tag !== 'string' || tag.length > 256) return false;
    count++;
  }
  return count <= 32;
}
