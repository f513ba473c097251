import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link HubError}: switch on these, never on the message. */
export const HUB_ERROR_CODES = {
  /** 401: the Hub wants a (valid) token, or the repository is private or does not exist. */
  unauthorized: 'HUB_UNAUTHORIZED',
  /** 403: a gated repository whose conditions the token's account has not accepted (or a token without read access). */
  gated: 'HUB_GATED',
  /** 404: no such repository or revision. */
  notFound: 'HUB_NOT_FOUND',
  /** 429: too many requests. */
  rateLimited: 'HUB_RATE_LIMITED',
  /** Any other non-2xx status. */
  status: 'HUB_HTTP_STATUS',
  /** Connection refused, DNS, TLS, reset, or a timeout. */
  network: 'HUB_NETWORK',
  /** The body passed the size cap. */
  tooLarge: 'HUB_TOO_LARGE',
  /** The body is not JSON (or truncated), or JSON without the shape the parser needs. */
  invalidBody: 'HUB_INVALID_BODY',
  /** A redirect that is not followed: to another origin, or a second rename. */
  redirectRefused: 'HUB_REDIRECT_REFUSED',
  /** A repository id, revision, endpoint, query or paging link that cannot be sent. */
  invalidInput: 'HUB_INVALID_INPUT',
  /** The caller aborted the request. */
  aborted: 'HUB_ABORTED',
} as const;

/** One of {@link HUB_ERROR_CODES}. */
export type HubErrorCode = (typeof HUB_ERROR_CODES)[keyof typeof HUB_ERROR_CODES];

/** Secret-free details of a {@link HubError}. */
export interface HubErrorDetails {
  /** The repository asked about, when there is one. */
  readonly repo?: string;
  /** HTTP status, when the Hub answered. */
  readonly status?: number;
  /** `origin + path` of the request (never the query, never a token). */
  readonly url?: string;
  /** Where in the body the problem is (invalid-body), e.g. `safetensors.parameters.BF16`. */
  readonly path?: string;
  /** The Hub's own message, normalised and redacted. */
  readonly hubMessage?: string;
}

const marker = Symbol.for('codewhale.error.hub');

/** The one error type of `@codewhale/hub`: a stable code, a message that says what to do, no credential anywhere. */
export class HubError extends CodewhaleError {
  readonly [marker] = true;
  override readonly code: HubErrorCode;
  readonly repo: string | undefined;
  readonly status: number | undefined;
  readonly url: string | undefined;
  readonly path: string | undefined;
  readonly hubMessage: string | undefined;

  constructor(code: HubErrorCode, message: string, details: HubErrorDetails = {}, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'HubError';
    this.code = code;
    this.repo = details.repo;
    this.status = details.status;
    this.url = details.url;
    this.path = details.path;
    this.hubMessage = details.hubMessage;
  }

  /** Worth retrying later: network failures, timeouts, 429 and 5xx. */
  get isRetryable(): boolean {
    return (
      this.code === HUB_ERROR_CODES.network ||
      this.code === HUB_ERROR_CODES.rateLimited ||
      (this.code === HUB_ERROR_CODES.status && this.status !== undefined && this.status >= 500)
    );
  }

  /** True for a `HubError` from any copy of this package. */
  static override isInstance(value: unknown): value is HubError {
    return CodewhaleError.hasMarker(value, marker);
  }
}
