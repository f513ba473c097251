import type { HealthState, LiveContext, LiveRequest, ParseModelsContext } from '@codewhale/core';
import { probeEndpoint, probeEndpointNeverThrow, type ProbeOptions } from './probe-endpoint.js';

/** What a model-listing probe showed: the served model ids, or the state a failure (or an unreadable body) means; with one evidence line. */
export type ModelListingProbe =
  | { readonly ok: true; readonly models: readonly string[]; readonly evidence: string }
  | { readonly ok: false; readonly state: HealthState; readonly evidence: string };

/** Options of {@link probeModelListing}. */
export interface ModelListingProbeOptions extends ProbeOptions {
  /** Report cancellation and unexpected errors as `unknown` instead of rethrowing them (as {@link probeEndpointNeverThrow}). */
  readonly neverThrow?: boolean;
}

/**
 * Probe a model listing without inference: one request through {@link probeEndpoint}, the body through the plugin's
 * own `parseModels`. Evidence reads `GET /v1/models -> 200 (2 models)`; a body the parser refuses gives `unknown`
 * and `GET /v1/models -> 200 (body not a model list)`. A listing proves reachability, not readiness.
 * @example
 * const listing = await probeModelListing(context, { path: '/models' }, parseVllmModels, { serverErrors: 'down' });
 * if (!listing.ok) return { state: listing.state, evidence: [listing.evidence] };
 */
export async function probeModelListing(
  context: LiveContext,
  request: LiveRequest,
  parseModels: (body: unknown, context: ParseModelsContext) => readonly { readonly id: string }[],
  options: ModelListingProbeOptions = {},
): Promise<ModelListingProbe> {
  const outcome = options.neverThrow
    ? await probeEndpointNeverThrow(context, request, options)
    : await probeEndpoint(context, request, options);
  if (!outcome.ok) return { ok: false, state: outcome.state, evidence: outcome.evidence };
  let models: string[];
  try {
    models = parseModels(outcome.response.json, { providerId: context.providerId, baseUrl: context.baseUrl }).map(
      (record) => record.id,
    );
  } catch {
    return { ok: false, state: 'unknown', evidence: `${outcome.evidence} (body not a model list)` };
  }
  return {
    ok: true,
    models,
    evidence: `${outcome.evidence} (${models.length} model${models.length === 1 ? '' : 's'})`,
  };
}
