import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import type { HttpClient, HttpCredential } from './http-client-types.js';
import { LISTING_MAX_BYTES, type HttpTimeouts } from './http-limits.js';
import { parseRequestUrl } from './prepare-http-request.js';
import { sanitizeUrl, urlOrigin } from './sanitize-url.js';

/** Options of {@link createLiveContext}. */
export interface LiveContextOptions {
  /** The client that sends the requests (one per host is enough). */
  readonly client: HttpClient;
  /** The plugin's provider id (message prefix). */
  readonly providerId: string;
  /** Base URL of the endpoint, e.g. `http://127.0.0.1:8000/v1`. No user info, query or fragment. */
  readonly baseUrl: string;
  /** Attached to every request; requests can only go to the base URL's origin. */
  readonly credential?: HttpCredential;
  /** Aborts every request of this context (default: never aborted). */
  readonly signal?: AbortSignal;
  /** Cap when a request names none (default `LISTING_MAX_BYTES`). */
  readonly defaultMaxBytes?: number;
  /** The most a request may ask for with `maxBytes` (default `LISTING_MAX_BYTES`); larger asks are lowered to it. */
  readonly maxBytesLimit?: number;
  /** Per-phase limits for this context's requests (default: the client's). */
  readonly timeouts?: Partial<HttpTimeouts>;
}

/**
 * Implement core's `LiveContext` on top of an {@link HttpClient}: `path` is resolved against the base URL (or its
 * origin with `from: 'origin'`), never leaves that origin, gets the credential, the context's signal and a size cap
 * (the request's `maxBytes`, else `defaultMaxBytes`, never above `maxBytesLimit`). Redirects are refused. Only 2xx
 * answers resolve; any other status rejects with a `ProviderHttpError` of kind `http-status` (see {@link probeEndpoint}).
 * `json` is the parsed body, or `undefined` when it is not JSON.
 */
export function createLiveContext(options: LiveContextOptions): LiveContext {
  const prefix = `[${options.providerId}] `;
  const base = parseRequestUrl(options.baseUrl, prefix);
  if (base.search !== '' || base.hash !== '') {
    throw new InvalidHttpRequestError(
      'invalid-url',
      `${prefix}The base URL ${sanitizeUrl(base)} has a query or fragment; configure it without one.`,
      sanitizeUrl(base),
    );
  }
  const origin = urlOrigin(base);
  const baseUrl = `${origin}${base.pathname.replace(/\/+$/, '')}`;
  const limit = options.maxBytesLimit ?? LISTING_MAX_BYTES;
  const fallbackBytes = Math.min(options.defaultMaxBytes ?? LISTING_MAX_BYTES, limit);
  const signal = options.signal ?? new AbortController().signal;

  const request = async (live: LiveRequest): Promise<LiveResponse> => {
    if (typeof live.path !== 'string')
      throw new InvalidHttpRequestError('path', `${prefix}LiveRequest.path must be a string.`);
    const relative = live.path.replace(/^\/+/, '');
    // Concatenation after a fixed `origin/` can only ever name a path on that origin; the check below says so again.
    const target = `${live.from === 'origin' ? origin : baseUrl}/${relative}`;
    const parsed = parseRequestUrl(target, prefix);
    if (urlOrigin(parsed) !== origin)
      throw new InvalidHttpRequestError(
        'path',
        `${prefix}LiveRequest.path must stay on ${origin}.`,
        sanitizeUrl(parsed),
      );
    const response = await options.client.request({
      url: target,
      method: live.method ?? 'GET',
      ...(live.json !== undefined ? { json: live.json } : {}),
      maxBytes: Math.min(live.maxBytes ?? fallbackBytes, limit),
      ...(options.credential ? { credential: options.credential } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      signal,
      redirect: 'error',
      expect: 'text',
      providerId: options.providerId,
    });
    return { status: response.status, headers: response.headers, json: response.json, text: response.text };
  };

  return { providerId: options.providerId, baseUrl, signal, request };
}
