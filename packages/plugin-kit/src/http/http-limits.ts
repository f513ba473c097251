/** Per-phase time limits of one request, in milliseconds. */
export interface HttpTimeouts {
  /** Establishing the connection (DNS, TCP, TLS), or waiting for a free one. */
  readonly connectMs: number;
  /** From the request being written until the response head (status and headers) has arrived. */
  readonly headersMs: number;
  /** From the response head until the whole body has arrived (a total, not an idle timer). */
  readonly bodyMs: number;
}

/**
 * Default time limits, fit for a terminal: a dead local runtime fails in seconds, a slow listing gets 15 s.
 * connect 3 s, headers 10 s, body 15 s.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = Object.freeze({
  connectMs: 3_000,
  headersMs: 10_000,
  bodyMs: 15_000,
});

/** Size cap for listings (`/models`, `/api/tags`): 8 MiB. Also the client's default cap. */
export const LISTING_MAX_BYTES = 8 * 1024 * 1024;

/** Size cap for small bodies (health, version, balance): 64 KiB. Error bodies are read up to this much too. */
export const SMALL_BODY_MAX_BYTES = 64 * 1024;

/** Redirect hops followed at most with `redirect: 'follow-same-origin'`. */
export const MAX_REDIRECTS = 3;
