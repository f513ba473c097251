// Internal helpers for the live parts (discovery, health, meter read): secret-free URLs, evidence and errors.
import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { normalizeProviderError, ProviderHttpError } from '@codewhale/plugin-kit';

/** The path as shown in evidence and errors: relative to the origin (`/v1/models`, `/api/tags`). */
function displayPath(context: Pick<LiveContext, 'baseUrl'>, request: Pick<LiveRequest, 'path' | 'from'>): string {
  if (request.from === 'origin') return request.path;
  let basePath = '';
  try {
    basePath = new URL(context.baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    // An unparsable base URL: show the path alone.
  }
  return `${basePath}${request.path}`;
}

/** `origin + path` of a request: never user info, never a query. */
function requestUrl(context: Pick<LiveContext, 'baseUrl'>, request: Pick<LiveRequest, 'path' | 'from'>): string {
  try {
    return `${new URL(context.baseUrl).origin}${displayPath(context, request)}`;
  } catch {
    return displayPath(context, request);
  }
}

/** True for a 2xx status. */
export function isSuccess(response: LiveResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** A typed error for a non-2xx response, with the provider's own message normalised (and redacted). */
function statusError(context: LiveContext, request: LiveRequest, response: LiveResponse): ProviderHttpError {
  const normalized = normalizeProviderError(response.status, response.json ?? response.text);
  return new ProviderHttpError(`[${context.providerId}] ${request.method ?? 'GET'} ${displayPath(context, request)} returned HTTP ${response.status}: ${normalized.message}`, {
    kind: 'http-status',
    url: requestUrl(context, request),
    status: response.status,
    providerMessage: normalized.message,
    ...(normalized.code ?? normalized.type ? { providerCode: normalized.code ?? normalized.type } : {}),
  });
}

/** Make a request and return the response, throwing a typed error for a non-2xx status. */
export async function requestOk(context: LiveContext, request: LiveRequest): Promise<LiveResponse> {
  const response = await context.request(request);
  if (!isSuccess(response)) throw statusError(context, request, response);
  return response;
}

/** One secret-free evidence line for a failed request (never the error message, which could quote a body). */
function failureEvidence(context: LiveContext, request: LiveRequest, error: unknown): string {
  const what = `${request.method ?? 'GET'} ${displayPath(context, request)}`;
  if (ProviderHttpError.isInstance(error)) return `${what} -> ${error.kind}${error.status === undefined ? '' : ` (HTTP ${error.status})`}`;
  return `${what} -> failed`;
}

/** The state a request failure means: network and timeout errors are `down`, anything else `unknown`. */
export function failureState(error: unknown): 'down' | 'unknown' {
  return ProviderHttpError.isInstance(error) && (error.kind === 'network' || error.kind === 'timeout') ? 'down' : 'unknown';
}

/** The outcome of one probe request: a response (any status), or the error it threw. */
export type ProbeOutcome =
  | { readonly ok: true; readonly response: LiveResponse; readonly status: number }
  | { readonly ok: false; readonly error: unknown; readonly status: number | undefined };

/** Make a request for a probe: never throws; hosts may report an HTTP status as a response or as a thrown error. */
export async function probeRequest(context: LiveContext, request: LiveRequest): Promise<ProbeOutcome> {
  try {
    const response = await context.request(request);
    return { ok: true, response, status: response.status };
  } catch (error) {
    return { ok: false, error, status: ProviderHttpError.isInstance(error) ? error.status : undefined };
  }
}

/** An evidence line for a probe outcome, e.g. `GET /api/tags -> 200 (2 models)`. */
export function outcomeEvidence(context: LiveContext, request: LiveRequest, outcome: ProbeOutcome, detail?: string): string {
  if (!outcome.ok) return failureEvidence(context, request, outcome.error);
  return `${request.method ?? 'GET'} ${displayPath(context, request)} -> ${outcome.status}${detail ? ` (${detail})` : ''}`;
}

/** True for statuses that mean the credential was refused. */
export function isAuthStatus(status: number | undefined): boolean {
  return status === 401 || status === 403;
}
