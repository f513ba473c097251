import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { probeModelListing } from '@codewhale/plugin-kit';
import { parseOpenAICompatibleModels } from './openai-compatible-discovery.js';

const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };

/**
 * Probe a generic endpoint (llama.cpp, LM Studio, a gateway) with `GET {base}/models`: models listed → `up`, an
 * empty list → `up-no-model`, 401/403 → `unauthorized`, network errors, timeouts and 5xx → `down`. A listing proves
 * reachability, not that a model loads. Never throws: anything unexpected is reported as `unknown`.
 */
export async function probeOpenAICompatible(context: LiveContext): Promise<HealthResult> {
  const listing = await probeModelListing(context, MODELS_REQUEST, parseOpenAICompatibleModels, {
    serverErrors: 'down',
    neverThrow: true,
  });
  if (!listing.ok) return { state: listing.state, evidence: [listing.evidence] };
  return {
    state: listing.models.length > 0 ? 'up' : 'up-no-model',
    evidence: [listing.evidence],
    models: listing.models,
  };
}

/** Health of a generic endpoint: its model listing, no paid inference. */
export const openAICompatibleHealth: HealthPart = { probe: probeOpenAICompatible };
