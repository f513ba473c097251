import type { HealthPart, HealthResult, LiveContext } from '@codewhale/core';
import { probeServingEngine } from '@codewhale/plugin-kit';
import { parseVllmModels } from './vllm-discovery.js';

/**
 * Probe vLLM without inference: `GET /health` (200 = engine alive, 503 = engine dead), `GET /version`, then
 * `GET /v1/models` (the only one `--api-key` protects, so it tells `unauthorized` apart). `up` needs a healthy
 * engine and at least one served model; a listing alone proves reachability, not readiness.
 */
export function probeVllm(context: LiveContext): Promise<HealthResult> {
  return probeServingEngine(context, {
    health: { path: '/health', from: 'origin' },
    version: { path: '/version', from: 'origin' },
    models: { path: '/models', from: 'base' },
    parseModels: parseVllmModels,
    subject: 'engine',
  });
}

/** vLLM health: engine health, version and served models, no paid inference. */
export const vllmHealth: HealthPart = { probe: probeVllm };
