import { CodewhaleError } from '@codewhale/core';

/** Why a request was refused before anything was sent. */
export type InvalidHttpRequestReason =
  | 'invalid-url'
  | 'userinfo'
  | 'method'
  | 'header'
  | 'credential'
  | 'body'
  | 'option'
  | 'path';

/** Stable code of {@link InvalidHttpRequestError}. */
export const INVALID_HTTP_REQUEST_CODE = 'HTTP_INVALID_REQUEST';

const marker = Symbol.for('codewhale.error.invalid-http-request');

/**
 * A request the HTTP client refuses to send because the caller got it wrong (a URL with user info, a credential
 * in `headers`, a bad option). Nothing was sent; retrying the same request cannot help. Secret-free like
 * {@link ProviderHttpError}: no credential, user info or query in message or fields.
 */
export class InvalidHttpRequestError extends CodewhaleError {
  readonly [marker] = true;
  /** What was wrong. */
  readonly reason: InvalidHttpRequestReason;
  /** `origin + path` of the request when it parsed, else `undefined`. */
  readonly url: string | undefined;

  constructor(reason: InvalidHttpRequestReason, message: string, url?: string) {
    super(INVALID_HTTP_REQUEST_CODE, message);
    this.name = 'InvalidHttpRequestError';
    this.reason = reason;
    this.url = url;
  }

  /** True for an `InvalidHttpRequestError` from any copy of this package. */
  static override isInstance(value: unknown): value is InvalidHttpRequestError {
    return CodewhaleError.hasMarker(value, marker);
  }
}
