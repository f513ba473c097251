import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import {
  asRecord,
  nonEmptyString,
  probeEndpointNeverThrow,
  probeModelListing,
  type ProbeOptions,
} from '@codewhale/plugin-kit';
import { parseOllamaModels } from './ollama-discovery.js';

const VERSION_REQUEST: LiveRequest = { path: '/api/version', from: 'origin' };
const TAGS_REQUEST: LiveRequest = { path: '/api/tags', from: 'origin' };

// 5xx means down. Every request goes through the never-throw probe: cancellation and unexpected errors are reported
// as `unknown`, never thrown.
const PROBE: ProbeOptions = { serverErrors: 'down' };

/**
 * Probe Ollama without inference: `GET /api/version`, then `GET /api/tags`. Up when both answer and at least one
 * model is pulled; `up-no-model` when none is; `unauthorized` on 401/403; `down` on network errors, timeouts and
 * 5xx. Being listed does not prove a model loads (that needs a generation).
 */
export async function probeOllama(context: LiveContext): Promise<HealthResult> {
  const evidence: string[] = [];
  const versionOutcome = await probeEndpointNeverThrow(context, VERSION_REQUEST, PROBE);
  const version = versionOutcome.ok ? nonEmptyString(asRecord(versionOutcome.response.json)?.version) : undefined;
  evidence.push(version === undefined ? versionOutcome.evidence : `${versionOutcome.evidence} (version ${version})`);
  if (!versionOutcome.ok) return { state: versionOutcome.state, evidence };
  if (version === undefined) {
    evidence.push('the /api/version body has no version: not recognised as Ollama');
    return { state: 'unknown', evidence };
  }

  const tags = await probeModelListing(context, TAGS_REQUEST, parseOllamaModels, { ...PROBE, neverThrow: true });
  evidence.push(tags.evidence);
  if (!tags.ok) return { state: tags.state, evidence, version };
  return { state: tags.models.length > 0 ? 'up' : 'up-no-model', evidence, version, models: tags.models };
}

/** Ollama health: version and pulled models, no paid inference. */
export const ollamaHealth: HealthPart = { probe: probeOllama };
