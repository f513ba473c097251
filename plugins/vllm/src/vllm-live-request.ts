// Internal helpers for the health probe: requests that never throw, and secret-free evidence lines.
import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { ProviderHttpError } from '@codewhale/plugin-kit';

/** The path as shown in evidence: relative to the origin (`/v1/models`, `/health`). */
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

/** An evidence line, e.g. `GET /health -> 200` or `GET /v1/models -> network`: never an error message or a body. */
export function outcomeEvidence(context: LiveContext, request: LiveRequest, outcome: ProbeOutcome, detail?: string): string {
  const what = `${request.method ?? 'GET'} ${displayPath(context, request)}`;
  if (!outcome.ok) {
    const error = outcome.error;
    if (ProviderHttpError.isInstance(error)) return `${what} -> ${error.kind}${error.status === undefined ? '' : ` (HTTP ${error.status})`}`;
    return `${what} -> failed`;
  }
  return `${what} -> ${outcome.status}${detail ? ` (${detail})` : ''}`;
}

/** The state a thrown error means: network and timeout errors are `down`, anything else `unknown`. */
export function failureState(error: unknown): 'down' | 'unknown' {
  return ProviderHttpError.isInstance(error) && (error.kind === 'network' || error.kind === 'timeout') ? 'down' : 'unknown';
}

/** True for statuses that mean the credential was refused. */
export function isAuthStatus(status: number | undefined): boolean {
  return status === 401 || status === 403;
}
