import type { HttpTimeouts } from './http-limits.js';

/** Methods the client sends: reads and JSON posts only. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST';

/** The one way to attach a key: a header name and its value (e.g. `authorization` + `Bearer sk-...`). */
export interface HttpCredential {
  /** Header name, e.g. `authorization` or `x-api-key`. */
  readonly header: string;
  /** The full header value, e.g. `Bearer sk-...`. Never appears in an error, a message or a response field. */
  readonly value: string;
}

/** What to do with a 3xx answer. */
export type HttpRedirectPolicy = 'error' | 'follow-same-origin';

/** One request to {@link HttpClient.request}. */
export interface HttpRequestInput {
  /** Absolute `http:` or `https:` URL. User info is refused; the query is sent but never reported. */
  readonly url: string;
  /** Default `GET`. */
  readonly method?: HttpMethod;
  /** Extra request headers. Credential-carrying names (`authorization`, `x-api-key`, `cookie`, ...) are refused here. */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON request body (sent as `application/json`). */
  readonly json?: unknown;
  /** Attached only to requests whose origin equals this URL's origin. */
  readonly credential?: HttpCredential;
  /** Response body size cap in bytes (default: the client's, normally `LISTING_MAX_BYTES`). */
  readonly maxBytes?: number;
  /** Per-phase limits; missing ones come from the client. */
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Cancels the request (the error then has kind `aborted`). */
  readonly signal?: AbortSignal;
  /** Default `error`: any redirect is refused. `follow-same-origin` follows up to 3 hops that keep the origin. */
  readonly redirect?: HttpRedirectPolicy;
  /** Default `json`: a non-empty body that is not JSON fails with kind `invalid-body`. `text`: `json` is set only when the body parses. */
  readonly expect?: 'json' | 'text';
  /** Provider id, used as the `[id]` prefix of error messages. */
  readonly providerId?: string;
}

/** A 2xx answer. Bodies are untrusted input. */
export interface HttpResponse {
  readonly status: number;
  /** Response headers with lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text (within the size cap). */
  readonly text: string;
  /** The body parsed as JSON; `undefined` when empty (or, with `expect: 'text'`, not JSON). */
  readonly json: unknown;
  /** `origin + path` of the URL that answered (after followed redirects). */
  readonly url: string;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Default per-phase limits (default `DEFAULT_HTTP_TIMEOUTS`). */
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Default body size cap in bytes (default `LISTING_MAX_BYTES`, 8 MiB). */
  readonly maxBytes?: number;
  /** `user-agent` header (default `codewhale-plugin-kit`). */
  readonly userAgent?: string;
}

/** A bounded HTTP client: time limits per phase, a size cap enforced while streaming, no credential-carrying redirects. */
export interface HttpClient {
  /** Send one request. Resolves with a 2xx answer; everything else rejects with a `ProviderHttpError` (or `InvalidHttpRequestError` before sending). */
  readonly request: (input: HttpRequestInput) => Promise<HttpResponse>;
  /** Close idle connections and refuse new requests. */
  readonly close: () => Promise<void>;
}
