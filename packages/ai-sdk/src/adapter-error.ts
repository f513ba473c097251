import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link AdapterError}: hosts switch on these. */
export const ADAPTER_ERROR_CODES = {
  /** The value passed as a route is not a `ReadyRouteCandidate` made by the resolver (a JSON copy, a spread, a look-alike). */
  NOT_A_CANDIDATE: 'ADAPTER_NOT_A_CANDIDATE',
  /** The route's endpoint speaks a wire protocol this adapter does not (see `ADAPTER_PROTOCOLS`). */
  UNSUPPORTED_PROTOCOL: 'ADAPTER_UNSUPPORTED_PROTOCOL',
  /** `options.credential` is not a `{ header, value }` pair that can go in an HTTP header. */
  INVALID_CREDENTIAL: 'ADAPTER_INVALID_CREDENTIAL',
  /** The route needs a key and none was passed (or the resolver found none: auth `missing`). */
  CREDENTIAL_MISSING: 'ADAPTER_CREDENTIAL_MISSING',
  /** A key was passed for a route whose endpoint takes none (auth `not-required`). */
  CREDENTIAL_NOT_EXPECTED: 'ADAPTER_CREDENTIAL_NOT_EXPECTED',
  /** The route's endpoint redirected to another origin (or too many times); the request was not sent there. */
  REDIRECT_REFUSED: 'ADAPTER_REDIRECT_REFUSED',
  /** The AI SDK package of the route's protocol (e.g. `@ai-sdk/anthropic`) could not be imported; the message names it. */
  PROTOCOL_PACKAGE_MISSING: 'ADAPTER_PROTOCOL_PACKAGE_MISSING',
  /** A route ref given to `createCodewhale(...)` did not resolve (`NoSuchRouteError`, with the resolver's `routeError`). */
  NO_SUCH_ROUTE: 'ADAPTER_NO_SUCH_ROUTE',
  /** The failover middleware wraps a model `createCodewhale(...)` did not make, so it knows no route to start from. */
  NOT_A_ROUTE_MODEL: 'ADAPTER_NOT_A_ROUTE_MODEL',
} as const;

/** A stable error code of `@codewhale/ai-sdk`. */
export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[keyof typeof ADAPTER_ERROR_CODES];

const marker = Symbol.for('codewhale.error.ai-sdk.adapter');

/** A route the host adapters cannot send, or a credential they cannot place. The message never contains a key. */
export class AdapterError extends CodewhaleError {
  readonly [marker] = true;
  /** The route as `provider:wire-model`, when the value was a candidate. */
  readonly route: string | undefined;
  /** The endpoint's wire protocol (`ADAPTER_UNSUPPORTED_PROTOCOL`, `ADAPTER_PROTOCOL_PACKAGE_MISSING`). */
  readonly protocol: string | undefined;

  constructor(
    code: AdapterErrorCode,
    message: string,
    details: { readonly route?: string; readonly protocol?: string; readonly cause?: unknown } = {},
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AdapterError';
    this.route = details.route;
    this.protocol = details.protocol;
  }

  /** True for an `AdapterError` from any copy of this package. */
  static override isInstance(value: unknown): value is AdapterError {
    return CodewhaleError.hasMarker(value, marker);
  }
}
