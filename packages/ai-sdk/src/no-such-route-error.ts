import { NoSuchModelError } from '@ai-sdk/provider';
import type { RouteError } from '@codewhale/core';
import { ADAPTER_ERROR_CODES } from './adapter-error.js';

const name = 'AI_NoSuchRouteError';
const marker = Symbol.for('codewhale.error.ai-sdk.no-such-route');

/**
 * A route ref that did not resolve, as the AI SDK's `NoSuchModelError` (`modelType: 'languageModel'`) so
 * `createProviderRegistry` and `customProvider` pass it on, with the resolver's `RouteError` (`kind`, `message`,
 * `details`) as `routeError` and the message saying why and what to try. Never contains a credential.
 */
export class NoSuchRouteError extends NoSuchModelError {
  readonly [marker] = true;
  /** Stable code: `ADAPTER_NO_SUCH_ROUTE`. */
  readonly code = ADAPTER_ERROR_CODES.NO_SUCH_ROUTE;
  /** The route ref as given. */
  readonly routeRef: string;
  /** Why the resolver refused it: `kind` to switch on, `message`, structured `details` (e.g. `matches`). */
  readonly routeError: RouteError;

  constructor(options: { readonly routeRef: string; readonly routeError: RouteError; readonly provider: string }) {
    super({
      errorName: name,
      modelId: options.routeRef,
      modelType: 'languageModel',
      message: `${options.provider}: route "${options.routeRef}" did not resolve (${options.routeError.kind}): ${options.routeError.message}`,
    });
    this.routeRef = options.routeRef;
    this.routeError = options.routeError;
  }

  /** True for a `NoSuchRouteError` from any copy of this package. */
  static override isInstance(value: unknown): value is NoSuchRouteError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
