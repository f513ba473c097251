import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { statusErrorFor, type ProviderHttpError } from '@codewhale/plugin-kit';

/** A recorded answer: a status with a JSON (or text) body, or an error to throw (e.g. a `ProviderHttpError`). */
export type FakeAnswer =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | Error;

/** Route key of a request: `METHOD from:path`, e.g. `GET origin:/api/tags` or `GET base:/models`. */
export function fakeRouteKey(request: LiveRequest): string {
  return `${request.method ?? 'GET'} ${request.from ?? 'base'}:${request.path}`;
}

/**
 * The error a real host (plugin-kit's `createLiveContext`) throws for a non-2xx answer: a `ProviderHttpError` of kind
 * `http-status` with the provider's normalised message (none for an empty body), built by plugin-kit's `statusErrorFor`.
 */
export function httpStatusError(
  baseUrl: string,
  status: number,
  answer: { readonly json?: unknown; readonly text?: string; readonly headers?: Readonly<Record<string, string>> },
  request: LiveRequest,
  providerId = 'fake',
): ProviderHttpError {
  return statusErrorFor({ providerId, baseUrl }, request, {
    status,
    json: answer.json,
    text: answer.text ?? '',
    ...(answer.headers ? { headers: answer.headers } : {}),
  });
}

/** Options of {@link createFakeLiveContext}. */
export interface FakeLiveContextOptions {
  readonly providerId?: string;
  readonly baseUrl?: string;
  readonly signal?: AbortSignal;
  /**
   * How non-2xx answers are delivered. `throw` (default) matches the host contract: `createError(status, answer)`
   * builds the error to throw (plugins usually pass plugin-kit's `ProviderHttpError`). `resolve` returns them as responses.
   */
  readonly statusErrors?: 'throw' | 'resolve';
  /** Builds the error thrown for a non-2xx answer (default: what a real host throws, see {@link httpStatusError}). */
  readonly createError?: (
    status: number,
    answer: { readonly json?: unknown; readonly text?: string },
    request: LiveRequest,
  ) => Error;
  /** The answer to requests no route matches (default: 404 with `{ detail: 'Not Found' }`). */
  readonly fallback?: FakeAnswer | ((request: LiveRequest) => FakeAnswer);
}

/**
 * A `LiveContext` for tests: answers from a route table keyed by {@link fakeRouteKey}, records every request, never
 * touches the network. Unrouted requests get `options.fallback`, else 404.
 * @example
 * const context = createFakeLiveContext({ 'GET origin:/health': { status: 200, text: '' } }, { baseUrl: 'http://127.0.0.1:8000/v1' });
 */
export function createFakeLiveContext(
  routes: Readonly<Record<string, FakeAnswer | ((request: LiveRequest) => FakeAnswer)>>,
  options: FakeLiveContextOptions = {},
): LiveContext & { readonly requests: readonly LiveRequest[] } {
  const requests: LiveRequest[] = [];
  const throwStatus = (options.statusErrors ?? 'throw') === 'throw';
  const baseUrl = options.baseUrl ?? 'http://127.0.0.1:8000/v1';
  const providerId = options.providerId ?? 'fake';
  const createError =
    options.createError ??
    ((status: number, answer: Parameters<typeof httpStatusError>[2], request: LiveRequest) =>
      httpStatusError(baseUrl, status, answer, request, providerId));
  return {
    providerId,
    baseUrl,
    signal: options.signal ?? new AbortController().signal,
    requests,
    async request(request: LiveRequest): Promise<LiveResponse> {
      requests.push(request);
      const key = fakeRouteKey(request);
      const route = Object.hasOwn(routes, key) ? routes[key] : options.fallback;
      const answer: FakeAnswer = (typeof route === 'function' ? route(request) : route) ?? {
        status: 404,
        json: { detail: 'Not Found' },
      };
      if (answer instanceof Error) throw answer;
      const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      if (throwStatus && (answer.status < 200 || answer.status > 299))
        throw createError(answer.status, answer, request);
      return {
        status: answer.status,
        headers: answer.headers ?? { 'content-type': 'application/json' },
        json: answer.json,
        text,
      };
    },
  };
}
