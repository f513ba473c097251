import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import type { HttpClientOptions, HttpCredential, HttpMethod, HttpRequestInput } from './http-client-types.js';
import { DEFAULT_HTTP_TIMEOUTS, LISTING_MAX_BYTES, type HttpTimeouts } from './http-limits.js';
import { sanitizeUrl, urlOrigin } from './sanitize-url.js';

/** A validated request: everything the client needs, nothing it has to check again. */
export interface PreparedHttpRequest {
  readonly url: URL;
  readonly origin: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly credential: HttpCredential | undefined;
  readonly maxBytes: number;
  readonly timeouts: HttpTimeouts;
  readonly redirect: 'error' | 'follow-same-origin';
  readonly expect: 'json' | 'text';
  readonly signal: AbortSignal | undefined;
  /** `[id] ` or empty: the prefix of every message about this request. */
  readonly prefix: string;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Names the transport owns, and names that carry credentials (those only come through `credential`).
const TRANSPORT_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
]);

function fail(
  reason: ConstructorParameters<typeof InvalidHttpRequestError>[0],
  prefix: string,
  problem: string,
  url?: string,
): never {
  throw new InvalidHttpRequestError(reason, `${prefix}${problem}`, url);
}

function positiveLimit(value: unknown, name: string, prefix: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    fail('option', prefix, `${name} must be a positive integer.`);
  return value;
}

/** Parse an absolute http(s) URL that carries no user info; throws {@link InvalidHttpRequestError} otherwise. */
export function parseRequestUrl(input: unknown, prefix = ''): URL {
  let url: URL;
  try {
    if (typeof input !== 'string') throw new TypeError('not a string');
    url = new URL(input);
  } catch {
    // The text itself is never quoted: it may hold a key.
    return fail('invalid-url', prefix, 'The request URL is not an absolute http(s) URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail('invalid-url', prefix, `Unsupported URL scheme ${url.protocol} (use http: or https:).`, sanitizeUrl(url));
  if (url.username !== '' || url.password !== '') {
    fail(
      'userinfo',
      prefix,
      `Refusing ${sanitizeUrl(url)}: the URL carries user info. Pass keys as a credential header, never in the URL.`,
      sanitizeUrl(url),
    );
  }
  return url;
}

/** Check a header value for characters that would split or end the header. */
function checkHeaderValue(value: unknown, reason: 'header' | 'credential', name: string, prefix: string): string {
  if (typeof value !== 'string' || /[\r\n\0]/.test(value))
    fail(reason, prefix, `The value of header ${name} must be a string without CR, LF or NUL.`);
  return value;
}

/** Validate a request and fill in the client's defaults. Throws {@link InvalidHttpRequestError}; never sends anything. */
export function prepareHttpRequest(input: HttpRequestInput, defaults: HttpClientOptions): PreparedHttpRequest {
  const prefix = input.providerId ? `[${input.providerId}] ` : '';
  const url = parseRequestUrl(input.url, prefix);
  const method = input.method ?? 'GET';
  if (!METHODS.has(method))
    fail(
      'method',
      prefix,
      `Unsupported method ${JSON.stringify(String(method)).slice(0, 20)} (use GET, HEAD or POST).`,
      sanitizeUrl(url),
    );

  let credential: HttpCredential | undefined;
  if (input.credential !== undefined) {
    const header = typeof input.credential.header === 'string' ? input.credential.header.toLowerCase() : '';
    if (!TOKEN.test(header) || TRANSPORT_HEADERS.has(header))
      fail('credential', prefix, 'credential.header must be a valid header name such as authorization or x-api-key.');
    const value = checkHeaderValue(input.credential.value, 'credential', header, prefix);
    if (value.trim() === '') fail('credential', prefix, `credential.value for ${header} is empty.`);
    credential = { header, value };
  }

  const headers: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(input.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (!TOKEN.test(name)) fail('header', prefix, 'A header name is not a valid HTTP token.');
    if (TRANSPORT_HEADERS.has(name))
      fail('header', prefix, `Header ${name} is set by the client; remove it from headers.`);
    if (CREDENTIAL_HEADERS.has(name) || name === credential?.header) {
      fail(
        'header',
        prefix,
        `Header ${name} carries credentials: pass it as credential, which is only sent to the request's own origin.`,
      );
    }
    headers[name] = checkHeaderValue(rawValue, 'header', name, prefix);
  }

  let body: string | undefined;
  if (input.json !== undefined) {
    if (method !== 'POST') fail('body', prefix, `A JSON body needs method POST, not ${method}.`);
    try {
      body = JSON.stringify(input.json);
    } catch {
      fail('body', prefix, 'The JSON body cannot be serialised (a cycle or a BigInt?).');
    }
    if (body === undefined) fail('body', prefix, 'The JSON body cannot be serialised.');
  }

  const base = { ...DEFAULT_HTTP_TIMEOUTS, ...defaults.timeouts };
  const merged = { ...base, ...input.timeouts };
  const timeouts: HttpTimeouts = {
    connectMs: positiveLimit(merged.connectMs, 'timeouts.connectMs', prefix),
    headersMs: positiveLimit(merged.headersMs, 'timeouts.headersMs', prefix),
    bodyMs: positiveLimit(merged.bodyMs, 'timeouts.bodyMs', prefix),
  };
  const maxBytes = positiveLimit(input.maxBytes ?? defaults.maxBytes ?? LISTING_MAX_BYTES, 'maxBytes', prefix);
  const redirect = input.redirect ?? 'error';
  if (redirect !== 'error' && redirect !== 'follow-same-origin')
    fail('option', prefix, 'redirect must be "error" or "follow-same-origin".');
  const expect = input.expect ?? 'json';
  if (expect !== 'json' && expect !== 'text') fail('option', prefix, 'expect must be "json" or "text".');

  return {
    url,
    origin: urlOrigin(url),
    method,
    headers,
    body,
    credential,
    maxBytes,
    timeouts,
    redirect,
    expect,
    signal: input.signal,
    prefix,
  };
}
