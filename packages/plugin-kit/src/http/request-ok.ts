import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { normalizeProviderError } from '../errors/normalize-provider-error.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { parseRetryAfter } from './parse-retry-after.js';

/** `origin + path` of a live request (never user info, a query or a fragment), and the path alone for labels. */
export function liveRequestTarget(
  baseUrl: string,
  request: Pick<LiveRequest, 'path' | 'from'>,
): { readonly url: string; readonly path: string } {
  const relative = (request.path.split(/[?#]/, 1)[0] ?? '').replace(/^\/+/, '');
  try {
    const base = new URL(baseUrl);
    const basePath = request.from === 'origin' ? '' : base.pathname.replace(/\/+$/, '');
    const path = `${basePath}/${relative}`;
    return { url: `${base.origin}${path}`, path };
  } catch {
    return { url: `/${relative}`, path: `/${relative}` };
  }
}

/**
 * The `ProviderHttpError` a conforming host rejects with for a non-2xx answer: kind `http-status`, the provider's
 * normalised (redacted) message when the body has one, its code and `retryAfterMs`. For hosts that resolve such
 * answers instead, and for fakes that imitate a host.
 */
export function statusErrorFor(
  context: Pick<LiveContext, 'providerId' | 'baseUrl'>,
  request: LiveRequest,
  response: Pick<LiveResponse, 'status' | 'json' | 'text'> & { readonly headers?: Readonly<Record<string, string>> },
): ProviderHttpError {
  const { url } = liveRequestTarget(context.baseUrl, request);
  const normalized = normalizeProviderError(response.status, response.json ?? response.text);
  const providerMessage = normalized.shape === 'empty' ? undefined : normalized.message;
  const providerCode = normalized.code ?? normalized.type;
  const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
  return new ProviderHttpError(
    `[${context.providerId}] ${request.method ?? 'GET'} ${url} returned HTTP ${response.status}${providerMessage ? `: ${providerMessage}` : '.'}`,
    {
      kind: 'http-status',
      url,
      status: response.status,
      ...(providerMessage !== undefined ? { providerMessage } : {}),
      ...(providerCode !== undefined ? { providerCode } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}

/**
 * `context.request`, holding every host to the contract: a non-2xx answer that a lenient host resolved is thrown as
 * the same `ProviderHttpError` a conforming host rejects with (see {@link statusErrorFor}).
 * @example
 * const tags = await requestOk(context, { path: '/api/tags', from: 'origin' }); // 2xx only, else ProviderHttpError
 */
export async function requestOk(context: LiveContext, request: LiveRequest): Promise<LiveResponse> {
  const response = await context.request(request);
  if (response.status < 200 || response.status > 299) throw statusErrorFor(context, request, response);
  return response;
}
