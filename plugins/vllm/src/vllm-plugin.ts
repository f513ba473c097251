import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createVllmDescriptor } from './vllm-descriptor.js';
import { vllmDiscovery } from './vllm-discovery.js';
import { vllmHealth } from './vllm-health.js';
import { vllmModelIdPolicy } from './vllm-model-id-policy.js';
import { vllmOfferings } from './vllm-offerings.js';
import { createVllmReasoning } from './vllm-reasoning.js';
import { vllmReasoningDialects, type VllmSettings } from './vllm-settings.js';
import { vllmUsageMeter } from './vllm-usage-meter.js';
import { VERSION } from './version.js';

/**
 * Create the vLLM plugin: a self-hosted server (default `http://127.0.0.1:8000/v1`), served names passed through
 * byte-for-byte, discovery with `max_model_len`, health from `/health` + `/version` + `/v1/models`, a `local` meter.
 * Throws `VllmConfigError` for a non-loopback `baseUrl` or an unknown reasoning dialect.
 */
export function createVllmPlugin(settings: VllmSettings = {}): ProviderPlugin<'vllm'> {
  return definePlugin({
    spec: 'v1',
    id: 'vllm',
    version: VERSION,
    descriptor: createVllmDescriptor(settings),
    offerings: vllmOfferings,
    models: [],
    modelIdPolicy: vllmModelIdPolicy,
    usageMeter: vllmUsageMeter,
    reasoning: createVllmReasoning(vllmReasoningDialects(settings)),
    discovery: vllmDiscovery,
    health: vllmHealth,
  });
}

/** The vLLM plugin with default settings. */
export const vllmPlugin = createVllmPlugin();
