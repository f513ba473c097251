import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { asRecord, nonEmptyString } from '@codewhale/plugin-kit';
import { parseOllamaModels } from './ollama-discovery.js';
import { failureState, isAuthStatus, outcomeEvidence, probeRequest, type ProbeOutcome } from './ollama-live-request.js';

const VERSION_REQUEST: LiveRequest = { path: '/api/version', from: 'origin' };
const TAGS_REQUEST: LiveRequest = { path: '/api/tags', from: 'origin' };

/** The state a failed or non-2xx outcome means, or undefined when it succeeded. */
function failedState(outcome: ProbeOutcome): HealthResult['state'] | undefined {
  if (isAuthStatus(outcome.status)) return 'unauthorized';
  if (!outcome.ok) return outcome.status !== undefined && outcome.status >= 500 ? 'down' : failureState(outcome.error);
  if (outcome.status >= 200 && outcome.status < 300) return undefined;
  return outcome.status >= 500 ? 'down' : 'unknown';
}

/**
 * Probe Ollama without inference: `GET /api/version`, then `GET /api/tags`. Up when both answer and at least one
 * model is pulled; `up-no-model` when none is; `unauthorized` on 401/403; `down` on network errors, timeouts and
 * 5xx. Being listed does not prove a model loads (that needs a generation).
 */
export async function probeOllama(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const versionOutcome = await probeRequest(context, VERSION_REQUEST);
  const versionState = failedState(versionOutcome);
  const version = versionOutcome.ok && versionState === undefined ? nonEmptyString(asRecord(versionOutcome.response.json)?.version) : undefined;
  evidence.push(outcomeEvidence(context, VERSION_REQUEST, versionOutcome, version === undefined ? undefined : `version ${version}`));
  if (versionState !== undefined) return { state: versionState, evidence };
  if (version === undefined) {
    evidence.push('the /api/version body has no version: not recognised as Ollama');
    return { state: 'unknown', evidence };
  }

  const tagsOutcome = await probeRequest(context, TAGS_REQUEST);
  const tagsState = failedState(tagsOutcome);
  if (tagsState !== undefined || !tagsOutcome.ok) {
    evidence.push(outcomeEvidence(context, TAGS_REQUEST, tagsOutcome));
    return { state: tagsState ?? 'unknown', evidence, version };
  }
  let models: string[];
  try {
    models = parseOllamaModels(tagsOutcome.response.json, { providerId: context.providerId, baseUrl: context.baseUrl }).map((record) => record.id);
  } catch {
    evidence.push(outcomeEvidence(context, TAGS_REQUEST, tagsOutcome, 'body not a model list'));
    return { state: 'unknown', evidence, version };
  }
  evidence.push(outcomeEvidence(context, TAGS_REQUEST, tagsOutcome, `${models.length} model${models.length === 1 ? '' : 's'}`));
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence, version, models };
}

/** Ollama health: version and pulled models, no paid inference. */
export const ollamaHealth: HealthPart = { probe: probeOllama };
