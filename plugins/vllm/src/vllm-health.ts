import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { asRecord, nonEmptyString } from '@codewhale/plugin-kit';
import { parseVllmModels } from './vllm-discovery.js';
import { failureState, isAuthStatus, outcomeEvidence, probeRequest, type ProbeOutcome } from './vllm-live-request.js';

const HEALTH_REQUEST: LiveRequest = { path: '/health', from: 'origin' };
const VERSION_REQUEST: LiveRequest = { path: '/version', from: 'origin' };
const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };

/** The state a failed or non-2xx outcome means, or undefined when it succeeded. */
function failedState(outcome: ProbeOutcome): HealthResult['state'] | undefined {
  if (isAuthStatus(outcome.status)) return 'unauthorized';
  if (!outcome.ok) return outcome.status !== undefined && outcome.status >= 500 ? 'down' : failureState(outcome.error);
  if (outcome.status >= 200 && outcome.status < 300) return undefined;
  return outcome.status >= 500 ? 'down' : 'unknown';
}

/**
 * Probe vLLM without inference: `GET /health` (200 = engine alive, 503 = engine dead), `GET /version`, then
 * `GET /v1/models` (the only one `--api-key` protects, so it tells `unauthorized` apart). `up` needs a healthy
 * engine and at least one served model; a listing alone proves reachability, not readiness.
 */
export async function probeVllm(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const health = await probeRequest(context, HEALTH_REQUEST);
  evidence.push(outcomeEvidence(context, HEALTH_REQUEST, health));
  const healthState = failedState(health);
  if (healthState === 'down' || healthState === 'unauthorized') return { state: healthState, evidence };
  const engineAlive = healthState === undefined;

  const versionOutcome = await probeRequest(context, VERSION_REQUEST);
  const version = versionOutcome.ok && failedState(versionOutcome) === undefined ? nonEmptyString(asRecord(versionOutcome.response.json)?.version) : undefined;
  evidence.push(outcomeEvidence(context, VERSION_REQUEST, versionOutcome, version === undefined ? undefined : `version ${version}`));
  const withVersion = version === undefined ? {} : { version };

  const listing = await probeRequest(context, MODELS_REQUEST);
  const listingState = failedState(listing);
  if (listingState !== undefined || !listing.ok) {
    evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing));
    return { state: listingState ?? 'unknown', evidence, ...withVersion };
  }
  let models: string[];
  try {
    models = parseVllmModels(listing.response.json, { providerId: context.providerId, baseUrl: context.baseUrl }).map((record) => record.id);
  } catch {
    evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing, 'body not a model list'));
    return { state: 'unknown', evidence, ...withVersion };
  }
  evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing, `${models.length} model${models.length === 1 ? '' : 's'}`));
  if (!engineAlive) {
    evidence.push('the engine health was not confirmed by /health, so the listing proves reachability only');
    return { state: 'unknown', evidence, ...withVersion, models };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, ...withVersion, models };
}

/** vLLM health: engine health, version and served models, no paid inference. */
export const vllmHealth: HealthPart = { probe: probeVllm };
