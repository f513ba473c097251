import type { HealthState, LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { liveRequestTarget, requestOk } from './request-ok.js';

/** What one health-probe request showed: the answer or the failure, with a secret-free evidence line. */
export type ProbeOutcome =
  | { readonly ok: true; readonly response: LiveResponse; readonly evidence: string }
  | { readonly ok: false; readonly error: ProviderHttpError; readonly state: HealthState; readonly evidence: string };

/** A probe request that failed with something other than a `ProviderHttpError` ({@link probeEndpointNeverThrow} only): state `unknown`, evidence `GET /health -> failed`. */
export interface UnexpectedProbeFailure {
  readonly ok: false;
  /** What was thrown (never quoted in the evidence). */
  readonly error: unknown;
  readonly state: 'unknown';
  readonly evidence: string;
}

/** Options of {@link probeEndpoint}; {@link healthStateForError} and {@link describeHttpFailure} read the same ones. */
export interface ProbeOptions {
  /** The state a 5xx answer means: `unknown` (default), or `down` for runtimes whose health routes answer 5xx when the engine is dead. */
  readonly serverErrors?: 'unknown' | 'down';
  /** Quote the provider's message (redacted, clipped) in evidence lines: `401 (Invalid API key)`. Default `true`; `false` keeps the status alone. */
  readonly quoteProviderMessage?: boolean;
}

const MAX_DETAIL = 120;

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/**
 * The health state a failed request points to: 401/403 → `unauthorized`, network failures and timeouts → `down`,
 * 5xx → `down` with `serverErrors: 'down'`, else `unknown`.
 */
export function healthStateForError(error: ProviderHttpError, options: ProbeOptions = {}): HealthState {
  if (error.kind === 'network' || error.kind === 'timeout') return 'down';
  if (error.kind === 'http-status' && (error.status === 401 || error.status === 403)) return 'unauthorized';
  if (
    error.kind === 'http-status' &&
    options.serverErrors === 'down' &&
    error.status !== undefined &&
    error.status >= 500
  )
    return 'down';
  return 'unknown';
}

/** A short, secret-free account of a failed request for evidence lines, e.g. `401 (Invalid API key)` or `timeout after 3000 ms (connect)`. */
export function describeHttpFailure(error: ProviderHttpError, options: ProbeOptions = {}): string {
  switch (error.kind) {
    case 'http-status': {
      const quote = options.quoteProviderMessage !== false && error.providerMessage;
      return `${error.status ?? '?'}${quote ? ` (${clip(error.providerMessage ?? '')})` : ''}`;
    }
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
 * `{ ok: true, response }`, any `ProviderHttpError` (or a non-2xx answer a lenient host resolved) gives
 * `{ ok: false, error, state }`; both carry an evidence line such as `GET /v1/models -> 200` (path only, never the
 * query). Cancellation (`aborted`) and caller mistakes are rethrown (see {@link probeEndpointNeverThrow}).
 * @example
 * const health = await probeEndpoint(context, { path: '/health', from: 'origin', maxBytes: SMALL_BODY_MAX_BYTES });
 * if (!health.ok) return { state: health.state, evidence: [health.evidence] };
 */
export async function probeEndpoint(
  context: LiveContext,
  request: LiveRequest,
  options: ProbeOptions = {},
): Promise<ProbeOutcome> {
  const outcome = await probeEndpointNeverThrow(context, request, options);
  if (outcome.ok) return outcome;
  const { error } = outcome;
  if (!ProviderHttpError.isInstance(error) || error.kind === 'aborted') throw error;
  return { ok: false, error, state: outcome.state, evidence: outcome.evidence };
}

/**
 * {@link probeEndpoint} for probes that must always produce a result: cancellation is reported as an `unknown`
 * outcome (`GET /health -> aborted`), and so is anything thrown that is not a `ProviderHttpError`
 * (`GET /health -> failed`, see {@link UnexpectedProbeFailure}).
 */
export async function probeEndpointNeverThrow(
  context: LiveContext,
  request: LiveRequest,
  options: ProbeOptions = {},
): Promise<ProbeOutcome | UnexpectedProbeFailure> {
  const label = `${request.method ?? 'GET'} ${liveRequestTarget(context.baseUrl, request).path}`;
  try {
    const response = await requestOk(context, request);
    return { ok: true, response, evidence: `${label} -> ${response.status}` };
  } catch (error) {
    if (!ProviderHttpError.isInstance(error))
      return { ok: false, error, state: 'unknown', evidence: `${label} -> failed` };
    return {
      ok: false,
      error,
      state: healthStateForError(error, options),
      evidence: `${label} -> ${describeHttpFailure(error, options)}`,
    };
  }
}
