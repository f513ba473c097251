import { CodewhaleError } from '@codewhale/core';

/** What went wrong with a request to a provider. */
export type ProviderHttpErrorKind =
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'invalid-body'
  | 'network'
  | 'redirect-refused'
  | 'aborted';

/** Stable codes of {@link ProviderHttpError}, one per kind. */
export const PROVIDER_HTTP_ERROR_CODES = {
  timeout: 'HTTP_TIMEOUT',
  'too-large': 'HTTP_TOO_LARGE',
  'http-status': 'HTTP_STATUS',
  'invalid-body': 'HTTP_INVALID_BODY',
  network: 'HTTP_NETWORK',
  'redirect-refused': 'HTTP_REDIRECT_REFUSED',
  aborted: 'HTTP_ABORTED',
} as const satisfies Record<ProviderHttpErrorKind, string>;

/** Details of a {@link ProviderHttpError}; every field is secret-free. */
export interface ProviderHttpErrorDetails {
  readonly kind: ProviderHttpErrorKind;
  /** `origin + path` of the request: never user info, never the query string. */
  readonly url: string;
  /** HTTP status (http-status, invalid-body, too-large). */
  readonly status?: number;
  /** The provider's own message, normalised from its error body (http-status). */
  readonly providerMessage?: string;
  /** The provider's error type or code, as reported. */
  readonly providerCode?: string;
  /** How long the provider asked to wait before retrying (ms), when it said so. */
  readonly retryAfterMs?: number;
  /** Which timeout fired (timeout). */
  readonly phase?: 'connect' | 'headers' | 'body';
  /** The limit that applied: milliseconds (timeout) or bytes (too-large). */
  readonly limit?: number;
  /** Where a refused redirect pointed (origin + path only). */
  readonly location?: string;
}

const marker = Symbol.for('codewhale.error.provider-http');

/** The one error type of plugin-kit's HTTP client. Message, fields and `cause` never contain a credential or query. */
export class ProviderHttpError extends CodewhaleError {
  readonly [marker] = true;
  readonly kind: ProviderHttpErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  readonly providerMessage: string | undefined;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly phase: ProviderHttpErrorDetails['phase'];
  readonly limit: number | undefined;
  readonly location: string | undefined;

  constructor(message: string, details: ProviderHttpErrorDetails, options?: { cause?: unknown }) {
    super(PROVIDER_HTTP_ERROR_CODES[details.kind], message, options);
    this.name = 'ProviderHttpError';
    this.kind = details.kind;
    this.url = details.url;
    this.status = details.status;
    this.providerMessage = details.providerMessage;
    this.providerCode = details.providerCode;
    this.retryAfterMs = details.retryAfterMs;
    this.phase = details.phase;
    this.limit = details.limit;
    this.location = details.location;
  }

  /** Worth retrying later: timeouts, network failures, 408, 429 and 5xx. */
  get isRetryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    return (
      this.kind === 'http-status' &&
      this.status !== undefined &&
      (this.status === 408 || this.status === 429 || this.status >= 500)
    );
  }

  /** True for a `ProviderHttpError` from any copy of this package. */
  static override isInstance(value: unknown): value is ProviderHttpError {
    return CodewhaleError.hasMarker(value, marker);
  }
}

const listingMarker = Symbol.for('codewhale.error.listing');

/** A `/models` (or health, or balance) body that does not have the shape the parser needs. */
export class ListingParseError extends CodewhaleError {
  readonly [listingMarker] = true;
  /** The provider whose body it was. */
  readonly providerId: string;
  /** Where in the body the problem is, e.g. `data[3].id`. */
  readonly path: string;

  constructor(providerId: string, path: string, problem: string, options?: { cause?: unknown }) {
    super('INVALID_LISTING', `[${providerId}] Unexpected listing body at ${path || '(root)'}: ${problem}`, options);
    this.name = 'ListingParseError';
    this.providerId = providerId;
    this.path = path;
  }

  /** True for a `ListingParseError` from any copy of this package. */
  static override isInstance(value: unknown): value is ListingParseError {
    return CodewhaleError.hasMarker(value, listingMarker);
  }
}
