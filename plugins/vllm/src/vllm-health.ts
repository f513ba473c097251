import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import {
  asRecord,
  nonEmptyString,
  probeEndpointNeverThrow,
  probeModelListing,
  type ProbeOptions,
} from '@codewhale/plugin-kit';
import { parseVllmModels } from './vllm-discovery.js';

const HEALTH_REQUEST: LiveRequest = { path: '/health', from: 'origin' };
const VERSION_REQUEST: LiveRequest = { path: '/version', from: 'origin' };
const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };
// /health answers 503 when the engine is dead, so 5xx means down. Every request goes through the never-throw probe:
// cancellation and unexpected errors are reported as `unknown`, never thrown.
const PROBE: ProbeOptions = { serverErrors: 'down' };

/**
 * Probe vLLM without inference: `GET /health` (200 = engine alive, 503 = engine dead), `GET /version`, then
 * `GET /v1/models` (the only one `--api-key` protects, so it tells `unauthorized` apart). `up` needs a healthy
 * engine and at least one served model; a listing alone proves reachability, not readiness.
 */
export async function probeVllm(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const health = await probeEndpointNeverThrow(context, HEALTH_REQUEST, PROBE);
  evidence.push(health.evidence);
  if (!health.ok && (health.state === 'down' || health.state === 'unauthorized'))
    return { state: health.state, evidence };
  const engineAlive = health.ok;

  const versionOutcome = await probeEndpointNeverThrow(context, VERSION_REQUEST, PROBE);
  const version = versionOutcome.ok ? nonEmptyString(asRecord(versionOutcome.response.json)?.version) : undefined;
  evidence.push(version === undefined ? versionOutcome.evidence : `${versionOutcome.evidence} (version ${version})`);
  const withVersion = version === undefined ? {} : { version };

  const listing = await probeModelListing(context, MODELS_REQUEST, parseVllmModels, { ...PROBE, neverThrow: true });
  evidence.push(listing.evidence);
  if (!listing.ok) return { state: listing.state, evidence, ...withVersion };
  const { models } = listing;
  if (!engineAlive) {
    evidence.push('the engine health was not confirmed by /health, so the listing proves reachability only');
    return { state: 'unknown', evidence, ...withVersion, models };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, ...withVersion, models };
}

/** vLLM health: engine health, version and served models, no paid inference. */
export const vllmHealth: HealthPart = { probe: probeVllm };
