import type { HealthPart, HealthResult, LiveContext, LiveResponse } from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { parseNvidiaNimModels } from './nvidia-nim-discovery.js';

/** What one GET gave: a status (from a response or an HTTP-status error), or a failure with no status. */
type Outcome = { readonly status: number; readonly response?: LiveResponse } | { readonly status: undefined; readonly failure: string };

async function get(context: LiveContext, path: string): Promise<Outcome> {
  try {
    const response = await context.request({ path, method: 'GET' });
    return { status: response.status, response };
  } catch (error) {
    if (ProviderHttpError.isInstance(error)) {
      if (error.status !== undefined && (error.kind === 'http-status' || error.kind === 'invalid-body')) return { status: error.status };
      return { status: undefined, failure: error.kind };
    }
    return { status: undefined, failure: 'error' };
  }
}

// Paths are relative to the base URL (`…/v1`), so a container behind a path prefix is probed where it lives.
function shown(context: LiveContext, path: string): string {
  try {
    return `${new URL(context.baseUrl).pathname.replace(/\/+$/, '')}${path}`;
  } catch {
    return path;
  }
}

function line(context: LiveContext, path: string, outcome: Outcome): string {
  return `GET ${shown(context, path)} -> ${outcome.status ?? outcome.failure}`;
}

const denied = (outcome: Outcome): boolean => outcome.status === 401 || outcome.status === 403;
const unreachable = (outcome: Outcome): boolean => outcome.status === undefined && (outcome.failure === 'network' || outcome.failure === 'timeout');

/** The served model ids from `/models`, or undefined (with an evidence line) when there are none to read. */
async function listModels(context: LiveContext, evidence: string[]): Promise<{ outcome: Outcome; models: readonly string[] | undefined }> {
  const outcome = await get(context, '/models');
  evidence.push(line(context, '/models', outcome));
  if (outcome.status !== 200 || !outcome.response) return { outcome, models: undefined };
  try {
    const models = parseNvidiaNimModels(outcome.response.json, { providerId: context.providerId, baseUrl: context.baseUrl }).map((record) => record.id);
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
  const ready = await get(context, '/health/ready');
  evidence.push(line(context, '/health/ready', ready));
  if (denied(ready)) return { state: 'unauthorized', evidence };
  if (unreachable(ready)) return { state: 'down', evidence };
  if (ready.status === 200) {
    const { models } = await listModels(context, evidence);
    return { state: 'up', evidence, ...(models ? { models } : {}) };
  }
  if (ready.status === 404 || ready.status === 405) {
    // No NIM health route here (the hosted API, or not a NIM): only the listing can say anything.
    const { outcome, models } = await listModels(context, evidence);
    if (denied(outcome)) return { state: 'unauthorized', evidence };
    if (unreachable(outcome)) return { state: 'down', evidence };
    if (models) evidence.push('no NIM health route: the server is reachable, readiness is not proven');
    return { state: 'unknown', evidence, ...(models ? { models } : {}) };
  }
  if (ready.status === undefined) return { state: 'unknown', evidence };
  // Not ready (503 while the model loads, or another error): is the server itself alive?
  const live = await get(context, '/health/live');
  evidence.push(line(context, '/health/live', live));
  if (denied(live)) return { state: 'unauthorized', evidence };
  if (live.status === 200) return { state: 'up-no-model', evidence };
  if (unreachable(live)) return { state: 'down', evidence };
  return { state: 'unknown', evidence };
}

/** Health probes for self-hosted NIM containers (harmless on the hosted API, where they report `unknown`). */
export const nvidiaNimHealth: HealthPart = { probe: probeNvidiaNim };
