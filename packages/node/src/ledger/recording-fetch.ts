import { authLabel, type CatalogStamp, type ReadyRouteCandidate, type UsageDialect } from '@codewhale/core';
import { endpointFingerprint } from '../cache/endpoint-fingerprint.js';
import { nodeCrypto } from '../lazy-builtins.js';
import { AnswerTap } from './answer-tap.js';
import { LEDGER_ERROR_CODES, LedgerError } from './ledger-error.js';
import type { Ledger } from './receipt-ledger.js';
import { type RecordedRoute, RecordedRequest } from './recorded-request.js';
import { RECEIPT_TAG_NAME, RECEIPT_TAG_VALUE_MAX, RECEIPT_TAGS_MAX } from './route-receipt.js';

export { RECORDED_JSON_MAX_BYTES } from './answer-capture.js';

type FetchInput = Parameters<typeof fetch>[0];

/** Credential source classes as `authLabel` writes them: never a credential value. */
const CREDENTIAL_CLASS = /^(?:env:[A-Za-z_][A-Za-z0-9_]{0,127}|explicit|config|command|keyring|not-required|missing)$/;

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
  /**
   * The fetch that sends (default: the global `fetch`). With the global fetch (undici), the recording watches the
   * answer where undici gets it from the connection, through a `dispatcher` for that request over the one it would
   * have used (the request's own or the global one, a host's proxy agent included): the client reads the original
   * answer, with no stream put in between. With a host's own fetch, which may not honour undici's `dispatcher`, the
   * answer's body is passed through one more stream instead.
   */
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
 * NDJSON) answers alike. The answer's bytes pass through unchanged and unbuffered, and are only counted and kept as
 * they come (a bounded head and tail of a stream). With the global fetch (undici) they are watched where undici gets
 * them from the connection, and the client reads fetch's own answer: the receipt follows once the answer has come
 * whole, failed or been cancelled (`aborted`), whether or not the client has read all of it. With a host's own
 * `fetch`, and for a compressed answer, the body is passed through one more stream: the receipt follows once the
 * client has read it to its end or cancelled it (an answer it does neither with leaves none). Either way the work
 * (reading the usage, pricing, the append) runs in the next turn of the event loop, in the request's async context (a
 * ledger's `read`, `summarise`, `prune` and `close`, `flushReceipts()` and the process's exit write it at once).
 * Requests to any origin other than the route's endpoint are refused with a {@link LedgerError}
 * (`LEDGER_FOREIGN_ORIGIN`) before anything is sent, and redirects are not followed (a 3xx is the answer), so nothing
 * leaves for another host. Receipts never hold prompt or completion text, error bodies or credential values.
 * `bytes.sent` counts the request body (the HTTP client's own headers are not counted); `bytes.received` counts the
 * answer body (after content decoding).
 */
export function createRecordingFetch(options: RecordingFetchOptions): typeof fetch {
  const { candidate, ledger } = options;
  const send = options.fetch ?? globalThis.fetch;
  // Only the global fetch gets a tap: a host's fetch may ignore the `dispatcher` option (the tap then sees no dispatch
  // and the body is wrapped, which is still right) or set its own one under the caller's (a tap would then replace,
  // say, its proxy agent).
  const tapAnswers = send === globalThis.fetch;
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
  const dialect = options.usageDialect ?? candidate.usageDialect;
  // What every receipt of this route says alike, built once.
  const recorded: RecordedRoute = {
    candidate,
    ledger,
    origin,
    fingerprint,
    credential,
    catalog: catalogLabel(options.catalog ?? candidate.catalog),
    route: String(candidate),
    model: {
      wire: candidate.wireModelId,
      ...(candidate.canonicalModel !== undefined ? { canonical: candidate.canonicalModel } : {}),
    },
    reasoning: {
      level: candidate.reasoning.applied,
      ...(Object.keys(candidate.reasoning.params).length > 0 ? { params: candidate.reasoning.params } : {}),
    },
    usageOptions: { protocol: candidate.endpoint.protocol, ...(dialect !== undefined ? { dialect } : {}) },
    warn:
      options.onError ??
      ((error: unknown) =>
        process.emitWarning(
          `A route receipt could not be recorded: ${error instanceof Error ? error.message : 'unknown error'}`,
          'CodewhaleReceiptWarning',
        )),
  };

  // A URL string that starts with the origin and a slash has that origin: its host ends at that slash.
  const originSlash = /^https?:\/\//.test(origin) ? `${origin}/` : undefined;
  const recordingFetch = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const url =
      originSlash !== undefined && typeof input === 'string' && input.startsWith(originSlash)
        ? undefined // parsed after the request, for the receipt's path
        : input instanceof URL
          ? input
          : new URL(input instanceof Request ? input.url : String(input));
    if (url !== undefined && url.origin !== origin)
      throw new LedgerError(
        LEDGER_ERROR_CODES.FOREIGN_ORIGIN,
        `[${candidate.provider.id}] This recording fetch sends only to ${origin} (route ${recorded.route}), not to ${url.origin}; nothing was sent.`,
      );
    const tags = typeof options.tags === 'function' ? options.tags() : options.tags;
    if (typeof options.tags === 'function' && tags) checkTags(tags);
    const hash = options.hashRequestBody === true;
    const body =
      givenRequestBody(input, init, hash, tapAnswers ? origin : undefined) ??
      (await serialisedRequestBody(input, init, hash));
    const request = new RecordedRequest(recorded, {
      url: url ?? (input as string),
      bytes: body.bytes,
      sha256: body.sha256,
      signal: body.init.signal,
      tags,
      hostTime: options.now?.(),
      started: performance.now(),
    });
    let response: Response;
    try {
      // With `redirect: 'manual'` (see givenRequestBody).
      response = await send(body.input, body.init);
    } catch (error) {
      request.failed(error);
      throw error;
    }
    return request.answer(response, body.tap);
  };
  return recordingFetch as typeof fetch;
}

/**
 * What a recording fetch sends (the body untouched; redirects not followed), the body's size and optional SHA-256, and
 * the tap it sends through, if any.
 */
interface RequestBody {
  readonly input: FetchInput;
  readonly init: RequestInit;
  readonly bytes: number;
  readonly sha256?: string | undefined;
  readonly tap?: AnswerTap | undefined;
}

/**
 * The request body when it is given as is (none, a string or bytes, with a URL): measured where it is, without an
 * await; `undefined` for a body fetch must serialise first (see {@link serialisedRequestBody}). With `tapOrigin`, the
 * request goes through an {@link AnswerTap} for that origin (when there is a dispatcher to put it over).
 */
function givenRequestBody(
  input: FetchInput,
  init: RequestInit | undefined,
  hash: boolean,
  tapOrigin: string | undefined,
): RequestBody | undefined {
  if (typeof input !== 'string' && input instanceof Request) return undefined;
  const given = init?.body;
  const measurable =
    given === undefined ||
    given === null ||
    typeof given === 'string' ||
    ArrayBuffer.isView(given) ||
    given instanceof ArrayBuffer;
  if (!measurable) return undefined;
  const tap = tapOrigin !== undefined ? AnswerTap.open(tapOrigin, init?.dispatcher) : undefined;
  // Redirects are not followed: a 3xx is the answer, so the body never goes to another origin.
  // (A tap has the part of undici's Dispatcher that fetch uses.)
  const sent: RequestInit = tap
    ? { ...init, redirect: 'manual', dispatcher: tap as unknown as RequestInit['dispatcher'] }
    : { ...init, redirect: 'manual' };
  // A string is only measured (not copied) unless it is hashed.
  if (typeof given === 'string' && !hash) return { input, init: sent, bytes: Buffer.byteLength(given, 'utf8'), tap };
  const bytes =
    given === undefined || given === null
      ? new Uint8Array(0)
      : typeof given === 'string'
        ? Buffer.from(given, 'utf8')
        : ArrayBuffer.isView(given)
          ? new Uint8Array(given.buffer, given.byteOffset, given.byteLength)
          : new Uint8Array(given);
  return { input, init: sent, bytes: bytes.byteLength, sha256: hash ? sha256([bytes]) : undefined, tap };
}

/**
 * Streams, forms, blobs, URLSearchParams, or a Request: fetch's own Request serialises the body once, and exactly
 * those bytes are measured and sent with exactly those headers.
 */
async function serialisedRequestBody(
  input: FetchInput,
  init: RequestInit | undefined,
  hash: boolean,
): Promise<RequestBody> {
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
      redirect: 'manual',
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
