import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { probeEndpointNeverThrow, probeModelListing, type ProbeOptions } from '@codewhale/plugin-kit';
import { parseSglangModels } from './sglang-discovery.js';

// Only these two requests are ever made. Never /server_info or /get_server_info: they return ServerArgs, api_key
// and admin_api_key included, in clear text (python/sglang/srt/entrypoints/http_server.py).
const HEALTH_REQUEST: LiveRequest = { path: '/health', from: 'origin' };
const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };

// /health answers 503 when the server is unhealthy, so 5xx means down. Every request goes through the never-throw
// probe: cancellation and unexpected errors are reported as `unknown`, never thrown.
const PROBE: ProbeOptions = { serverErrors: 'down' };

/**
 * Probe SGLang without inference: `GET /health` (200 or 503; always open), then `GET /v1/models` (protected by
 * `--api-key`, so it tells `unauthorized` apart). `up` needs a healthy server and at least one served model; a
 * listing alone proves reachability, not readiness. No version: SGLang reports it only in `/server_info`, which is
 * never requested.
 */
export async function probeSglang(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const health = await probeEndpointNeverThrow(context, HEALTH_REQUEST, PROBE);
  evidence.push(health.evidence);
  if (!health.ok && (health.state === 'down' || health.state === 'unauthorized'))
    return { state: health.state, evidence };
  const serverHealthy = health.ok;

  const listing = await probeModelListing(context, MODELS_REQUEST, parseSglangModels, { ...PROBE, neverThrow: true });
  evidence.push(listing.evidence);
  if (!listing.ok) return { state: listing.state, evidence };
  const { models } = listing;
  if (!serverHealthy) {
    evidence.push('the server health was not confirmed by /health, so the listing proves reachability only');
    return { state: 'unknown', evidence, models };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, models };
}

/** SGLang health: server health and served models, no paid inference, never `/server_info`. */
export const sglangHealth: HealthPart = { probe: probeSglang };
