import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { parseSglangModels } from './sglang-discovery.js';
import { failureState, isAuthStatus, outcomeEvidence, probeRequest, type ProbeOutcome } from './sglang-live-request.js';

// Only these two requests are ever made. Never /server_info or /get_server_info: they return ServerArgs, api_key
// and admin_api_key included, in clear text (python/sglang/srt/entrypoints/http_server.py).
const HEALTH_REQUEST: LiveRequest = { path: '/health', from: 'origin' };
const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };

/** The state a failed or non-2xx outcome means, or undefined when it succeeded. */
function failedState(outcome: ProbeOutcome): HealthResult['state'] | undefined {
  if (isAuthStatus(outcome.status)) return 'unauthorized';
  if (!outcome.ok) return outcome.status !== undefined && outcome.status >= 500 ? 'down' : failureState(outcome.error);
  if (outcome.status >= 200 && outcome.status < 300) return undefined;
  return outcome.status >= 500 ? 'down' : 'unknown';
}

/**
 * Probe SGLang without inference: `GET /health` (200 or 503; always open), then `GET /v1/models` (protected by
 * `--api-key`, so it tells `unauthorized` apart). `up` needs a healthy server and at least one served model; a
 * listing alone proves reachability, not readiness. No version: SGLang reports it only in `/server_info`, which is
 * never requested.
 */
export async function probeSglang(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const health = await probeRequest(context, HEALTH_REQUEST);
  evidence.push(outcomeEvidence(context, HEALTH_REQUEST, health));
  const healthState = failedState(health);
  if (healthState === 'down' || healthState === 'unauthorized') return { state: healthState, evidence };
  const serverHealthy = healthState === undefined;

  const listing = await probeRequest(context, MODELS_REQUEST);
  const listingState = failedState(listing);
  if (listingState !== undefined || !listing.ok) {
    evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing));
    return { state: listingState ?? 'unknown', evidence };
  }
  let models: string[];
  try {
    models = parseSglangModels(listing.response.json, { providerId: context.providerId, baseUrl: context.baseUrl }).map((record) => record.id);
  } catch {
    evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing, 'body not a model list'));
    return { state: 'unknown', evidence };
  }
  evidence.push(outcomeEvidence(context, MODELS_REQUEST, listing, `${models.length} model${models.length === 1 ? '' : 's'}`));
  if (!serverHealthy) {
    evidence.push('the server health was not confirmed by /health, so the listing proves reachability only');
    return { state: 'unknown', evidence, models };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, models };
}

/** SGLang health: server health and served models, no paid inference, never `/server_info`. */
export const sglangHealth: HealthPart = { probe: probeSglang };
