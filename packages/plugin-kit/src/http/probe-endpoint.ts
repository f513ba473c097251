import type { HealthState, LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { ProviderHttpError } from '../errors/provider-http-error.js';

/** What one health-probe request showed: the answer or the failure, with a secret-free evidence line. */
export type ProbeOutcome =
  | { readonly ok: true; readonly response: LiveResponse; readonly evidence: string }
  | { readonly ok: false; readonly error: ProviderHttpError; readonly state: HealthState; readonly evidence: string };

const MAX_DETAIL = 120;

function basePathOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** The health state a failed request points to: 401/403 → `unauthorized`, network failures and timeouts → `down`, else `unknown`. */
export function healthStateForError(error: ProviderHttpError): HealthState {
  if (error.kind === 'network' || error.kind === 'timeout') return 'down';
  if (error.kind === 'http-status' && (error.status === 401 || error.status === 403)) return 'unauthorized';
  return 'unknown';
}

/** A short, secret-free account of a failed request for evidence lines, e.g. `401 (Invalid API key)` or `timeout after 3000 ms (connect)`. */
export function describeHttpFailure(error: ProviderHttpError): string {
  switch (error.kind) {
    case 'http-status':
      return `${error.status ?? '?'}${error.providerMessage ? ` (${clip(error.providerMessage)})` : ''}`;
    case 'timeout':
      return `timeout after ${error.limit ?? '?'} ms (${error.phase ?? 'unknown phase'})`;
    case 'network': {
      const code = (error.cause as { code?: unknown } | undefined)?.code;
      return typeof code === 'string' ? `connection failed [${code}]` : 'connection failed';
    }
    case 'too-large':
      return error.limit !== undefined ? `body over the ${error.limit}-byte limit` : 'response too large';
    case 'invalid-body':
      return `${error.status ?? '?'} with a body that is not JSON`;
    case 'redirect-refused':
      return `redirect${error.location ? ` to ${error.location}` : ''} refused`;
    case 'aborted':
      return 'aborted';
  }
}

/**
 * Send one probe request through a `LiveContext` and never throw for what the endpoint did: a 2xx gives
 * `{ ok: true, response }`, any `ProviderHttpError` gives `{ ok: false, error, state }`; both carry an evidence line
 * such as `GET /v1/models -> 200` (path only, never the query). Cancellation (`aborted`) and caller mistakes are rethrown.
 * @example
 * const health = await probeEndpoint(context, { path: '/health', from: 'origin', maxBytes: SMALL_BODY_MAX_BYTES });
 * if (!health.ok) return { state: health.state, evidence: [health.evidence] };
 */
export async function probeEndpoint(context: LiveContext, request: LiveRequest): Promise<ProbeOutcome> {
  const relative = (request.path.split(/[?#]/, 1)[0] ?? '').replace(/^\/+/, '');
  const basePath = request.from === 'origin' ? '' : basePathOf(context.baseUrl);
  const path = `${basePath}/${relative}`;
  const label = `${request.method ?? 'GET'} ${path}`;
  try {
    const response = await context.request(request);
    return { ok: true, response, evidence: `${label} -> ${response.status}` };
  } catch (error) {
    if (!ProviderHttpError.isInstance(error) || error.kind === 'aborted') throw error;
    return { ok: false, error, state: healthStateForError(error), evidence: `${label} -> ${describeHttpFailure(error)}` };
  }
}
