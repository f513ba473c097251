import {
  authLabel,
  createUsageAccumulator,
  normaliseUsage,
  priceUsage,
  servedModel,
  type CatalogStamp,
  type ReadyRouteCandidate,
  type UsageCost,
  type UsageDialect,
  type UsageReading,
} from '@codewhale/core';
import { endpointFingerprint } from '../cache/endpoint-fingerprint.js';
import { nodeCrypto } from '../lazy-builtins.js';
import { LEDGER_ERROR_CODES, LedgerError } from './ledger-error.js';
import type { Ledger } from './receipt-ledger.js';
import { RECEIPT_TAG_NAME, RECEIPT_TAG_VALUE_MAX, RECEIPT_TAGS_MAX, type RouteReceipt } from './route-receipt.js';
import { createSseDataParser } from './sse-data-parser.js';

type FetchInput = Parameters<typeof fetch>[0];

/** How much of a JSON answer a recording fetch keeps to read its usage; a larger answer passes through, usage unknown. */
export const RECORDED_JSON_MAX_BYTES = 8 * 1024 * 1024;

/** Credential source classes as `authLabel` writes them: never a credential value. */
const CREDENTIAL_CLASS = /^(?:env:[A-Za-z_][A-Za-z0-9_]{0,127}|explicit|config|command|keyring|not-required|missing)$/;
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Options of {@link createRecordingFetch}. */
export interface RecordingFetchOptions {
  /** The route every request goes to; the fetch refuses any other origin. */
  readonly candidate: ReadyRouteCandidate;
  /** Where receipts go (`openLedger()`), or anything with its `append`. */
  readonly ledger: Pick<Ledger, 'append'>;
  /**
   * The credential's source CLASS (`env:NAME`, `config`, `keyring`, `not-required`...; default: the candidate's). A
   * value that does not look like a class is refused, so a key passed here by mistake never reaches a receipt.
   */
  readonly credential?: string;
  /** Host tags for every receipt (session, turn, purpose...), or a function read at each request. */
  readonly tags?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>> | undefined);
  /** Record the SHA-256 of each request body (off by default; the body itself is never recorded). */
  readonly hashRequestBody?: boolean;
  /** The fetch that sends (default: the global `fetch`). */
  readonly fetch?: typeof fetch;
  /** The catalog stamp of the registry that made the candidate (`stampCatalog(...)`), or its label; default the candidate's (`provider@version`). */
  readonly catalog?: CatalogStamp | string;
  /** The endpoint's usage dialect (default: `candidate.usageDialect`, the one its plugin declares). */
  readonly usageDialect?: UsageDialect;
  /** The clock for a receipt's `time` and for the meter's time tiers (default: the system clock). */
  readonly now?: () => Date;
  /** Called when a receipt cannot be appended (the request itself is never failed for it); default: a process warning. */
  readonly onError?: (error: unknown) => void;
}

/**
 * A `fetch` for one route that leaves exactly one receipt per request in the ledger, for JSON and streamed (SSE,
 * NDJSON) answers alike. The answer's bytes pass through unchanged and unbuffered: a stream is counted and parsed as
 * the client reads it, and the receipt is appended when it ends, fails or is cancelled (`aborted`). Requests to any
 * origin other than the route's endpoint are refused with a {@link LedgerError} (`LEDGER_FOREIGN_ORIGIN`) before
 * anything is sent, and redirects are not followed (a 3xx is the answer), so nothing leaves for another host.
 * Receipts never hold prompt or completion text, error bodies or credential values. `bytes.sent` counts the request
 * body (the HTTP client's own headers are not counted); `bytes.received` counts the answer body as the client reads it
 * (after content decoding). An answer whose body the client neither reads to its end nor cancels leaves no receipt.
 */
export function createRecordingFetch(options: RecordingFetchOptions): typeof fetch {
  const { candidate, ledger } = options;
  const send = options.fetch ?? globalThis.fetch;
  const endpointUrl = new URL(candidate.endpoint.baseUrl);
  const origin = endpointUrl.origin;
  const fingerprint = endpointFingerprint(candidate.endpoint.baseUrl).fingerprint;
  const credential = options.credential ?? authLabel(candidate.auth);
  if (!CREDENTIAL_CLASS.test(credential))
    throw new LedgerError(
      LEDGER_ERROR_CODES.INVALID_OPTION,
      'credential must be the credential source class (env:NAME, config, command, keyring, explicit, not-required, missing), never a credential value.',
    );
  if (typeof options.tags === 'object') checkTags(options.tags);
  const catalog = catalogLabel(options.catalog ?? candidate.catalog);
  const dialect = options.usageDialect ?? candidate.usageDialect;
  const usageOptions = { protocol: candidate.endpoint.protocol, ...(dialect !== undefined ? { dialect } : {}) };
  const reasoning: RouteReceipt['reasoning'] = {
    level: candidate.reasoning.applied,
    ...(Object.keys(candidate.reasoning.params).length > 0 ? { params: candidate.reasoning.params } : {}),
  };
  // What every receipt of this route says alike, built once.
  const route = String(candidate);
  const model: RouteReceipt['model'] = {
    wire: candidate.wireModelId,
    ...(candidate.canonicalModel !== undefined ? { canonical: candidate.canonicalModel } : {}),
  };
  const warn =
    options.onError ??
    ((error: unknown) =>
      process.emitWarning(
        `A route receipt could not be recorded: ${error instanceof Error ? error.message : 'unknown error'}`,
        'CodewhaleReceiptWarning',
      ));

  const recordingFetch = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin)
      throw new LedgerError(
        LEDGER_ERROR_CODES.FOREIGN_ORIGIN,
        `[${candidate.provider.id}] This recording fetch sends only to ${origin} (route ${route}), not to ${url.origin}; nothing was sent.`,
      );
    const tags = typeof options.tags === 'function' ? options.tags() : options.tags;
    if (typeof options.tags === 'function' && tags) checkTags(tags);
    const body = await requestBody(input, init, options.hashRequestBody === true);
    const time = options.now?.() ?? new Date();
    const started = performance.now();
    let ttfbMs: number | undefined;

    let recorded = false;
    const record = (fields: {
      outcome: RouteReceipt['outcome'];
      usage: UsageReading;
      served?: string | undefined;
      received: number;
      stream: boolean;
    }): void => {
      if (recorded) return;
      recorded = true;
      try {
        const totalMs = performance.now() - started;
        const receipt: RouteReceipt = {
          v: 1,
          id: nodeCrypto().randomUUID(),
          time: time.toISOString(),
          route,
          provider: candidate.provider.id,
          endpoint: {
            origin,
            fingerprint,
            protocol: candidate.endpoint.protocol,
            official: candidate.endpoint.official,
            path: url.pathname,
          },
          model: fields.served !== undefined ? { ...model, served: fields.served } : model,
          credential,
          reasoning,
          stream: fields.stream,
          outcome: fields.outcome,
          usage: fields.usage,
          cost: costOf(candidate, fields.usage, time),
          timing: { ...(ttfbMs !== undefined ? { ttfbMs: round(ttfbMs) } : {}), totalMs: round(totalMs) },
          bytes: { sent: body.bytes, received: fields.received, origin },
          catalog,
          ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
          ...(body.sha256 !== undefined ? { requestSha256: body.sha256 } : {}),
        };
        ledger.append(receipt);
      } catch (error) {
        warn(error);
      }
    };

    let response: Response;
    try {
      // Redirects are not followed: a 3xx is the answer, so the body never goes to another origin.
      response = await send(body.input, { ...body.init, redirect: 'manual' });
    } catch (error) {
      const aborted = isAbort(error, body.init.signal);
      record({
        outcome: aborted ? { kind: 'aborted' } : { kind: 'network-error', code: networkErrorCode(error) },
        usage: {
          known: false,
          reason: aborted ? 'the request was aborted before an answer' : 'no answer (network error)',
        },
        received: 0,
        stream: false,
      });
      throw error;
    }
    ttfbMs = performance.now() - started;
    const ok = response.status >= 200 && response.status < 300;
    const outcome: RouteReceipt['outcome'] = ok
      ? { kind: 'ok', status: response.status }
      : { kind: 'http-error', status: response.status };
    const contentType = response.headers.get('content-type')?.toLowerCase() ?? '';
    const kind: 'sse' | 'ndjson' | 'json' = contentType.startsWith('text/event-stream')
      ? 'sse'
      : contentType.startsWith('application/x-ndjson') || contentType.startsWith('application/jsonl')
        ? 'ndjson'
        : 'json';
    const stream = kind !== 'json';
    const upstream = response.body;
    if (upstream === null) {
      record({
        outcome,
        usage: { known: false, reason: ok ? 'the answer has no body' : `the request failed (HTTP ${response.status})` },
        received: 0,
        stream,
      });
      return response;
    }

    // Only successful answers are read: an error body is passed on untouched and nothing of it is kept.
    const reader = ok ? createUsageReader(kind, usageOptions) : undefined;
    let received = 0;
    const finish = (ending: 'done' | 'aborted' | { error: unknown }): void => {
      if (recorded) return;
      const read = reader?.finish(ending === 'done');
      record({
        outcome:
          ending === 'done'
            ? outcome
            : ending === 'aborted' || isAbort(ending.error, body.init.signal)
              ? { kind: 'aborted' }
              : { kind: 'network-error', code: networkErrorCode(ending.error) },
        usage: read?.usage ?? { known: false, reason: `the request failed (HTTP ${response.status})` },
        served: read?.served,
        received,
        stream,
      });
    };
    const source = upstream.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          let chunk: Awaited<ReturnType<typeof source.read>>;
          try {
            chunk = await source.read();
          } catch (error) {
            finish({ error });
            controller.error(error);
            return;
          }
          if (chunk.done) {
            finish('done');
            controller.close();
            return;
          }
          received += chunk.value.byteLength;
          reader?.push(chunk.value);
          controller.enqueue(chunk.value);
        },
        cancel(reason) {
          finish('aborted');
          return source.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    const wrapped = new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // Keep what clients read from the original answer.
    Object.defineProperty(wrapped, 'url', { value: response.url });
    Object.defineProperty(wrapped, 'redirected', { value: response.redirected });
    return wrapped;
  };
  return recordingFetch as typeof fetch;
}

/** Reads usage and the served model from the bytes of a successful answer as they pass. */
function createUsageReader(
  kind: 'sse' | 'ndjson' | 'json',
  usageOptions: { protocol: string; dialect?: UsageDialect },
): {
  push(chunk: Uint8Array): void;
  finish(complete: boolean): { usage: UsageReading; served: string | undefined };
} {
  let served: string | undefined;
  if (kind === 'json') {
    const kept: Uint8Array[] = [];
    let keptBytes = 0;
    let overflow = false;
    return {
      push(chunk) {
        if (overflow) return;
        if (keptBytes + chunk.byteLength > RECORDED_JSON_MAX_BYTES) {
          overflow = true;
          kept.length = 0;
          return;
        }
        // The client may reuse its buffer: keep a copy.
        kept.push(chunk.slice());
        keptBytes += chunk.byteLength;
      },
      finish(complete) {
        if (!complete) return { usage: { known: false, reason: 'the answer did not arrive whole' }, served };
        if (overflow)
          return {
            usage: {
              known: false,
              reason: `the answer is larger than ${RECORDED_JSON_MAX_BYTES} bytes; its usage was not read`,
            },
            served,
          };
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(kept, keptBytes).toString('utf8'));
        } catch {
          return { usage: { known: false, reason: 'the answer is not JSON' }, served };
        }
        return { usage: normaliseUsage(body, usageOptions), served: servedModel(body) };
      },
    };
  }
  return createStreamUsageReader(kind, usageOptions);
}

/** Bytes of a stream parsed event by event before the reader only keeps a tail (the served model is in the first event). */
const STREAM_HEAD_MAX_BYTES = 64 * 1024;
const HEAD_SLICE_BYTES = 4096;
/** Bytes at the end of a stream kept at least (more when its lines are longer), to read the last usage event from. */
const STREAM_TAIL_MIN_BYTES = 64 * 1024;
/** How much of the tail's end the reader looks at first for the usage line (then 4 times more each round). */
const TAIL_FIRST_LOOK_BYTES = 4 * 1024;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const USAGE_KEY = Buffer.from('"usage"');
const DATA_FIELD = Buffer.from('data:');

/**
 * The usage of a stream (SSE or NDJSON) without parsing all of it. Every event of the head is parsed (the served model,
 * Anthropic's `message_start`) until the served model is known; after that the reader only keeps the chunks of the last
 * 64 KiB, or twice its longest line, up to {@link RECORDED_JSON_MAX_BYTES} (the chunk the head ended in included), and at the end hands the accumulator the last line that holds a `"usage"` key
 * with a value other than null (SSE: every dialect puts its final usage in the last event that carries one; a later
 * usage block replaces an earlier one), or the last line (NDJSON: Ollama's `done` line). JSON strings cannot hold a raw
 * line break or an unescaped quote, so a `"usage":` found in the bytes is a key, and its line is one event's data.
 */
function createStreamUsageReader(
  kind: 'sse' | 'ndjson',
  usageOptions: { protocol: string; dialect?: UsageDialect },
): {
  push(chunk: Uint8Array): void;
  finish(complete: boolean): { usage: UsageReading; served: string | undefined };
} {
  const accumulator = createUsageAccumulator(usageOptions);
  let served: string | undefined;
  let headBytes = 0;
  let inHead = true;
  const tail: Uint8Array[] = [];
  let tailBytes = 0;
  const decoder = new TextDecoder();

  const onEvent = (data: string): void => {
    // Once the served model is known the head is over: the rest of this chunk is read again from the tail.
    if (served !== undefined) return;
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return; // `[DONE]` and other non-JSON data
    }
    served ??= servedModel(event);
    accumulator.push(event);
  };
  const sse = kind === 'sse' ? createSseDataParser(onEvent) : undefined;
  let ndjsonRest = '';
  const headText = (text: string): void => {
    if (sse) {
      sse.feed(text);
      return;
    }
    const lines = (ndjsonRest + text).split('\n');
    ndjsonRest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onEvent(line);
  };
  // How long lines get: the tail must hold the last usage line whole, however long (Responses' response.completed
  // repeats the whole answer), but keeping every chunk of a long stream alive costs its garbage collection.
  let openLine = 0;
  let longestLine = 0;
  const keep = (chunk: Uint8Array): void => {
    tail.push(chunk); // the chunk the client reads too (no copy: a fetch body hands out a fresh array per chunk)
    tailBytes += chunk.byteLength;
    // Line feeds only (a search that finds one stops early): lines of a stream that ends them with a lone CR look
    // long, which only keeps more of its tail.
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lastBreak = bytes.lastIndexOf(LINE_FEED);
    if (lastBreak === -1) openLine += chunk.byteLength;
    else {
      longestLine = Math.max(longestLine, openLine + bytes.indexOf(LINE_FEED));
      openLine = chunk.byteLength - lastBreak - 1;
    }
    longestLine = Math.max(longestLine, openLine);
    const window = Math.min(RECORDED_JSON_MAX_BYTES, Math.max(STREAM_TAIL_MIN_BYTES, 2 * longestLine));
    while (tail.length > 1 && tailBytes - (tail[0] as Uint8Array).byteLength >= window)
      tailBytes -= (tail.shift() as Uint8Array).byteLength;
  };

  /** The last `want` bytes of the tail as one buffer (a view when the last chunk holds them), and if that is all of it. */
  const tailEnd = (want: number): { buffer: Buffer; whole: boolean } => {
    if (want >= tailBytes) {
      const only = tail.length === 1 ? (tail[0] as Uint8Array) : undefined;
      return {
        buffer: only ? Buffer.from(only.buffer, only.byteOffset, only.byteLength) : Buffer.concat(tail, tailBytes),
        whole: true,
      };
    }
    const last = tail[tail.length - 1] as Uint8Array;
    if (last.byteLength >= want)
      return { buffer: Buffer.from(last.buffer, last.byteOffset + last.byteLength - want, want), whole: false };
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for (let index = tail.length - 1; bytes < want; index--) {
      const chunk = tail[index] as Uint8Array;
      const take = Math.min(chunk.byteLength, want - bytes);
      parts.push(take === chunk.byteLength ? chunk : chunk.subarray(chunk.byteLength - take));
      bytes += take;
    }
    return { buffer: Buffer.concat(parts.reverse(), bytes), whole: false };
  };

  /** The last whole line of the tail that `wanted` accepts, as text. */
  const lastLine = (buffer: Buffer, wanted: (line: Buffer) => boolean): string | undefined => {
    let end = buffer.length;
    // Searching backwards for a byte that is not there reads the whole buffer: look for CR only when there is one.
    const carriageReturns = buffer.includes(CARRIAGE_RETURN);
    // Up to 64 lines back: the usage event is at (or very near) the end of every known stream.
    for (let step = 0; step < 64 && end > 0; step++) {
      const feed = buffer.lastIndexOf(LINE_FEED, end - 1);
      const start = (carriageReturns ? Math.max(feed, buffer.lastIndexOf(CARRIAGE_RETURN, end - 1)) : feed) + 1;
      // The bytes start mid-line: a line without a break before it started earlier (a larger look finds it, the head
      // parsed it, or it was dropped).
      if (start === 0) return undefined;
      const line = buffer.subarray(start, end);
      if (line.length > 0 && wanted(line)) return line.toString('utf8');
      end = start - 1;
    }
    return undefined;
  };

  return {
    push(chunk) {
      if (!inHead) return keep(chunk);
      // In slices: the head usually ends within the first event, and the rest of a large chunk need not be decoded.
      for (let at = 0; at < chunk.byteLength && served === undefined; at += HEAD_SLICE_BYTES)
        headText(decoder.decode(chunk.subarray(at, at + HEAD_SLICE_BYTES), { stream: true }));
      headBytes += chunk.byteLength;
      if (served !== undefined || headBytes >= STREAM_HEAD_MAX_BYTES) {
        inHead = false;
        // The tail starts with this chunk again (an event may straddle it): pushing one event twice changes nothing.
        keep(chunk);
      }
    },
    finish(complete) {
      if (inHead) {
        const text = decoder.decode();
        if (sse) {
          sse.feed(text);
          sse.end();
        } else headText(`${text}\n`);
      } else {
        const wanted = sse
          ? (candidate: Buffer): boolean => {
              if (!candidate.subarray(0, DATA_FIELD.length).equals(DATA_FIELD)) return false;
              for (let at = candidate.indexOf(USAGE_KEY); at !== -1; at = candidate.indexOf(USAGE_KEY, at + 1))
                if (usageValueFollows(candidate, at + USAGE_KEY.length)) return true;
              return false;
            }
          : (candidate: Buffer): boolean => candidate.some((byte) => byte !== 0x20 && byte !== 0x09);
        // From the end: the last 4 KiB first (usage events are a few hundred bytes), then 4 times more each round, up
        // to the whole tail. Only those bytes are copied (none when the last chunk holds them), not whole chunks.
        let line: string | undefined;
        for (let want = TAIL_FIRST_LOOK_BYTES; ; want *= 4) {
          const end = tailEnd(want);
          line = lastLine(end.buffer, wanted);
          if (line !== undefined || end.whole) break;
        }
        if (line !== undefined) {
          const data = sse ? line.slice(line.charCodeAt(5) === 0x20 ? 6 : 5) : line;
          let event: unknown;
          try {
            event = JSON.parse(data);
          } catch {
            event = undefined;
          }
          if (event !== undefined) accumulator.push(event);
        }
      }
      const usage = accumulator.result();
      return {
        usage:
          usage.known || complete
            ? usage
            : { known: false, reason: `the stream ended early, before its usage (${usage.reason})` },
        served,
      };
    },
  };
}

/** True when the bytes after a `"usage"` key are `:` and a value other than `null`. */
function usageValueFollows(line: Uint8Array, at: number): boolean {
  let index = at;
  while (line[index] === 0x20 || line[index] === 0x09) index++;
  if (line[index] !== 0x3a /* : */) return false;
  index++;
  while (line[index] === 0x20 || line[index] === 0x09) index++;
  return !(line[index] === 0x6e && line[index + 1] === 0x75 && line[index + 2] === 0x6c && line[index + 3] === 0x6c);
}

/** The cost of a request: the meter's price of a known usage, else unknown with the reason (never 0). */
function costOf(candidate: ReadyRouteCandidate, usage: UsageReading, time: Date): UsageCost {
  if (!usage.known) return { known: false, reason: `usage unknown: ${usage.reason}`.slice(0, 500) };
  const cost = priceUsage(candidate.meter, usage.usage, time);
  if (!cost.known || cost.source.note === undefined) return cost;
  // The meter's note is catalog prose, the same on every request: the source's url and date identify it.
  const { note: _note, ...source } = cost.source;
  return { ...cost, source };
}

/** The request body's size and optional SHA-256, and what to send (the body untouched). */
async function requestBody(
  input: FetchInput,
  init: RequestInit | undefined,
  hash: boolean,
): Promise<{ input: FetchInput; init: RequestInit; bytes: number; sha256?: string }> {
  const given = init?.body;
  if (!(input instanceof Request) && (given === undefined || given === null))
    return { input, init: { ...init }, bytes: 0, ...(hash ? { sha256: sha256([]) } : {}) };
  if (
    !(input instanceof Request) &&
    (typeof given === 'string' || ArrayBuffer.isView(given) || given instanceof ArrayBuffer)
  ) {
    // A string is only measured (not copied) unless it is hashed.
    if (typeof given === 'string' && !hash)
      return { input, init: { ...init }, bytes: Buffer.byteLength(given, 'utf8') };
    const bytes =
      typeof given === 'string'
        ? Buffer.from(given, 'utf8')
        : ArrayBuffer.isView(given)
          ? new Uint8Array(given.buffer, given.byteOffset, given.byteLength)
          : new Uint8Array(given);
    return { input, init: { ...init }, bytes: bytes.byteLength, ...(hash ? { sha256: sha256([bytes]) } : {}) };
  }
  // Streams, forms, blobs, URLSearchParams, or a Request: let fetch's own Request serialise the body once, measure it,
  // and send exactly those bytes with exactly those headers.
  const request = new Request(input, init);
  const bytes = new Uint8Array(await request.arrayBuffer());
  const headers = new Headers(request.headers);
  return {
    input: request.url,
    init: {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : bytes,
      signal: request.signal,
      ...(init?.keepalive !== undefined ? { keepalive: init.keepalive } : {}),
    },
    bytes: bytes.byteLength,
    ...(hash ? { sha256: sha256([bytes]) } : {}),
  };
}

function sha256(parts: readonly Uint8Array[]): string {
  const digest = nodeCrypto().createHash('sha256');
  for (const part of parts) digest.update(part);
  return digest.digest('hex');
}

function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** A short code for a network failure (`ECONNREFUSED`, `UND_ERR_SOCKET`...), never its message. */
function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && ERROR_CODE.test(code)) return code;
    current = current.cause;
  }
  if (error instanceof Error && error.message === 'terminated') return 'terminated';
  return 'unknown';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function checkTags(tags: Readonly<Record<string, string>>): void {
  const entries = Object.entries(tags);
  if (entries.length > RECEIPT_TAGS_MAX)
    throw new LedgerError(LEDGER_ERROR_CODES.INVALID_OPTION, `At most ${RECEIPT_TAGS_MAX} tags per receipt.`);
  for (const [name, value] of entries) {
    if (!RECEIPT_TAG_NAME.test(name))
      throw new LedgerError(
        LEDGER_ERROR_CODES.INVALID_OPTION,
        'A tag name is letters, digits and `_.:-`, at most 64 characters, starting with a letter or digit.',
      );
    if (typeof value !== 'string' || value.length > RECEIPT_TAG_VALUE_MAX)
      throw new LedgerError(
        LEDGER_ERROR_CODES.INVALID_OPTION,
        `The value of tag "${name}" must be a string of at most ${RECEIPT_TAG_VALUE_MAX} characters.`,
      );
  }
}

/** A catalog stamp as a short label: `id@version` of each plugin (and the number of extra model profiles). */
function catalogLabel(stamp: CatalogStamp | string | undefined): string {
  if (stamp === undefined) return 'unknown';
  const label =
    typeof stamp === 'string'
      ? stamp.trim()
      : [
          ...stamp.plugins.map((plugin) => `${plugin.id}@${plugin.version}`),
          ...(stamp.models > 0 ? [`+${stamp.models} models`] : []),
        ].join(',');
  if (label.length === 0) return 'unknown';
  return label.length <= 400 ? label : `sha256:${sha256([Buffer.from(label)]).slice(0, 16)}`;
}
