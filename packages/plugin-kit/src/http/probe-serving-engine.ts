import type { HealthResult, LiveContext, LiveRequest, ParseModelsContext } from '@codewhale/core';
import { asRecord, nonEmptyString } from '../listing/listing-fields.js';
import { probeEndpointNeverThrow, type ProbeOptions } from './probe-endpoint.js';
import { probeModelListing } from './probe-model-listing.js';

/** What {@link probeServingEngine} asks a self-hosted inference server. */
export interface ServingEngineProbe {
  /** The health check: 2xx = healthy, 5xx = down (e.g. vLLM and SGLang `GET /health`, from the origin). */
  readonly health: LiveRequest;
  /** An optional version request whose JSON body has a string `version` (e.g. vLLM `GET /version`). */
  readonly version?: LiveRequest;
  /** The model listing, the request an API key protects (so it tells `unauthorized` apart). */
  readonly models: LiveRequest;
  /** The plugin's listing parser. */
  readonly parseModels: (body: unknown, context: ParseModelsContext) => readonly { readonly id: string }[];
  /** What the health check vouches for, in the evidence: `engine` (vLLM), `server` (SGLang). */
  readonly subject: string;
}

// 5xx means down. Every request goes through the never-throw probe: cancellation and unexpected errors are reported
// as `unknown`, never thrown.
const PROBE: ProbeOptions = { serverErrors: 'down' };

/**
 * Probe a self-hosted inference server without inference: its health check, its version if it has a request for it,
 * then its model listing. `up` needs a healthy server and at least one served model (`up-no-model` with none); a
 * health check that fails with `down` or `unauthorized` ends the probe; a listing without a confirmed health check is
 * `unknown` (it proves reachability, not readiness). Never throws.
 */
export async function probeServingEngine(context: LiveContext, probe: ServingEngineProbe): Promise<HealthResult> {
  const evidence: string[] = [];
  const health = await probeEndpointNeverThrow(context, probe.health, PROBE);
  evidence.push(health.evidence);
  if (!health.ok && (health.state === 'down' || health.state === 'unauthorized'))
    return { state: health.state, evidence };

  let version: string | undefined;
  if (probe.version) {
    const outcome = await probeEndpointNeverThrow(context, probe.version, PROBE);
    version = outcome.ok ? nonEmptyString(asRecord(outcome.response.json)?.version) : undefined;
    evidence.push(version === undefined ? outcome.evidence : `${outcome.evidence} (version ${version})`);
  }
  const withVersion = version === undefined ? {} : { version };

  const listing = await probeModelListing(context, probe.models, probe.parseModels, { ...PROBE, neverThrow: true });
  evidence.push(listing.evidence);
  if (!listing.ok) return { state: listing.state, evidence, ...withVersion };
  const { models } = listing;
  if (!health.ok) {
    evidence.push(
      `the ${probe.subject} health was not confirmed by ${probe.health.path}, so the listing proves reachability only`,
    );
    return { state: 'unknown', evidence, ...withVersion, models };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, ...withVersion, models };
}
