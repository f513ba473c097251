import { CodewhaleError } from '@codewhale/core';
import { ListingParseError, ProviderHttpError, redactSecrets } from '@codewhale/plugin-kit';

/** A secret-free account of why a live operation failed, for progress events, results and the cache. */
export interface LiveFailure {
  /** `network`, `timeout`, `http-status`, `too-large`, `invalid-listing`, `credential-missing`, `credential`, ... */
  readonly kind: string;
  /** Stable error code (e.g. `HTTP_TIMEOUT`, `INVALID_LISTING`). */
  readonly code: string;
  readonly message: string;
  /** HTTP status, when the provider answered. */
  readonly status?: number;
}

/** Turn anything thrown by a live operation into a {@link LiveFailure}, redacting any known secret again. */
export function toLiveFailure(error: unknown, secrets: readonly string[]): LiveFailure {
  const clean = (text: string) => redactSecrets(text, secrets);
  if (ProviderHttpError.isInstance(error)) {
    return {
      kind: error.kind,
      code: error.code,
      message: clean(error.message),
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  if (ListingParseError.isInstance(error))
    return { kind: 'invalid-listing', code: error.code, message: clean(error.message) };
  if (CodewhaleError.isInstance(error))
    return {
      kind: error.code === 'CACHE_SECRET_REFUSED' ? 'secret-refused' : 'error',
      code: error.code,
      message: clean(error.message),
    };
  // Not one of ours (a plugin bug?): say what it was without echoing its message, which could hold anything.
  const name = error instanceof Error ? error.name : typeof error;
  return {
    kind: 'internal',
    code: 'LIVE_INTERNAL_ERROR',
    message: `The provider plugin failed unexpectedly (${name}).`,
  };
}
