import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import {
  ListingParseError,
  ProviderHttpError,
  probeEndpointNeverThrow,
  type ProbeOptions,
  type ProbeOutcome,
  type UnexpectedProbeFailure,
} from '@codewhale/plugin-kit';
import { parseNvidiaNimModels } from './nvidia-nim-discovery.js';

type Outcome = ProbeOutcome | UnexpectedProbeFailure;

// Paths are relative to the base URL (`…/v1`), so a container behind a path prefix is probed where it lives.
const READY_REQUEST: LiveRequest = { path: '/health/ready', method: 'GET' };
const LIVE_REQUEST: LiveRequest = { path: '/health/live', method: 'GET' };
const MODELS_REQUEST: LiveRequest = { path: '/models', method: 'GET' };
// Evidence never quotes a response body, not even the provider's message. A 5xx is not `down` here: 503 on
// /health/ready means the model is still loading.
const PROBE: ProbeOptions = { quoteProviderMessage: false };

/** The HTTP status an outcome carries: the answer's, or that of an HTTP-status (or bad-body) error. */
function statusOf(outcome: Outcome): number | undefined {
  if (outcome.ok) return outcome.response.status;
  const { error } = outcome;
  return ProviderHttpError.isInstance(error) && (error.kind === 'http-status' || error.kind === 'invalid-body')
    ? error.status
    : undefined;
}

const denied = (outcome: Outcome): boolean => statusOf(outcome) === 401 || statusOf(outcome) === 403;
const unreachable = (outcome: Outcome): boolean => !outcome.ok && outcome.state === 'down';

/** The served model ids from `/models`, or undefined (with an evidence line) when there are none to read. */
async function listModels(
  context: LiveContext,
  evidence: string[],
): Promise<{ outcome: Outcome; models: readonly string[] | undefined }> {
  const outcome = await probeEndpointNeverThrow(context, MODELS_REQUEST, PROBE);
  evidence.push(outcome.evidence);
  if (!outcome.ok || outcome.response.status !== 200) return { outcome, models: undefined };
  try {
    const models = parseNvidiaNimModels(outcome.response.json, {
      providerId: context.providerId,
      baseUrl: context.baseUrl,
    }).map((record) => record.id);
    evidence.push(`listing names ${models.length} model${models.length === 1 ? '' : 's'}`);
    return { outcome, models };
  } catch (error) {
    if (!ListingParseError.isInstance(error)) throw error;
    evidence.push(`listing body did not parse at ${error.path || '(root)'}`);
    return { outcome, models: undefined };
  }
}

/**
 * Probe a NIM endpoint without inference: `GET /v1/health/ready` (200 once the model is loaded), then
 * `/v1/health/live` (nginx liveness, no model needed) when not ready, and `/v1/models` for the served ids
 * (NIM API reference, docs.nvidia.com/nim). This is for self-hosted containers; the hosted API has no health routes,
 * so there the probe falls back to the listing and reports `unknown` (a listing proves reachability, not readiness).
 */
export async function probeNvidiaNim(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const ready = await probeEndpointNeverThrow(context, READY_REQUEST, PROBE);
  evidence.push(ready.evidence);
  if (denied(ready)) return { state: 'unauthorized', evidence };
  if (unreachable(ready)) return { state: 'down', evidence };
  const readyStatus = statusOf(ready);
  if (readyStatus === 200) {
    const { models } = await listModels(context, evidence);
    return { state: 'up', evidence, ...(models ? { models } : {}) };
  }
  if (readyStatus === 404 || readyStatus === 405) {
    // No NIM health route here (the hosted API, or not a NIM): only the listing can say anything.
    const { outcome, models } = await listModels(context, evidence);
    if (denied(outcome)) return { state: 'unauthorized', evidence };
    if (unreachable(outcome)) return { state: 'down', evidence };
    if (models) evidence.push('no NIM health route: the server is reachable, readiness is not proven');
    return { state: 'unknown', evidence, ...(models ? { models } : {}) };
  }
  if (readyStatus === undefined) return { state: 'unknown', evidence };
  // Not ready (503 while the model loads, or another error): is the server itself alive?
  const live = await probeEndpointNeverThrow(context, LIVE_REQUEST, PROBE);
  evidence.push(live.evidence);
  if (denied(live)) return { state: 'unauthorized', evidence };
  if (statusOf(live) === 200) return { state: 'up-no-model', evidence };
  if (unreachable(live)) return { state: 'down', evidence };
  return { state: 'unknown', evidence };
}

/** Health probes for self-hosted NIM containers (harmless on the hosted API, where they report `unknown`). */
export const nvidiaNimHealth: HealthPart = { probe: probeNvidiaNim };
