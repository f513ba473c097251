/** Every stable error code thrown by `@codewhale/core`. Hosts switch on these; they never change meaning. */
export const CORE_ERROR_CODES = {
  /** Catalog data or plugins failed validation; `issues` lists every problem. */
  CATALOG_INVALID: 'CATALOG_INVALID',
  /** A look-up named a provider id the registry does not hold. */
  UNKNOWN_PROVIDER: 'UNKNOWN_PROVIDER',
  /** Route resolution failed for a user input; the error's `kind` says why. */
  ROUTE_UNRESOLVED: 'ROUTE_UNRESOLVED',
} as const;

/** A stable error code of `@codewhale/core` (UPPER_SNAKE). */
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[keyof typeof CORE_ERROR_CODES];

const marker = Symbol.for('codewhale.error');

/**
 * Base class of every error thrown by CodeWhale packages. Carries a stable `code`, keeps `cause`,
 * and is recognised by {@link CodewhaleError.isInstance} even across duplicate installs.
 */
export class CodewhaleError extends Error {
  /** Marker that survives duplicate copies of this package (checked by `isInstance`). */
  readonly [marker] = true;
  /** Stable UPPER_SNAKE code. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'CodewhaleError';
  }

  /** True for any CodeWhale error, whichever copy of the package created it. */
  static isInstance(value: unknown): value is CodewhaleError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /**
   * True when `value` is a CodeWhale error carrying the subclass marker `subclassMarker` (a `Symbol.for` key, so it
   * survives duplicate installs). The one check behind every subclass's `isInstance`.
   * @example
   * const marker = Symbol.for('codewhale.error.acme.config');
   * class AcmeError extends CodewhaleError {
   *   readonly [marker] = true;
   *   static override isInstance(value: unknown): value is AcmeError { return CodewhaleError.hasMarker(value, marker); }
   * }
   */
  static hasMarker(value: unknown, subclassMarker: symbol): boolean {
    return CodewhaleError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[subclassMarker] === true;
  }
}
