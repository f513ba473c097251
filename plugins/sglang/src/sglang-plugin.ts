import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createSglangDescriptor } from './sglang-descriptor.js';
import { sglangDiscovery } from './sglang-discovery.js';
import { sglangHealth } from './sglang-health.js';
import { sglangModelIdPolicy } from './sglang-model-id-policy.js';
import { sglangOfferings } from './sglang-offerings.js';
import { createSglangReasoning } from './sglang-reasoning.js';
import { sglangReasoningDialects, type SglangSettings } from './sglang-settings.js';
import { sglangUsageMeter } from './sglang-usage-meter.js';
import { VERSION } from './version.js';

/**
 * Create the SGLang plugin: a self-hosted server (default `http://127.0.0.1:30000/v1`), served names passed through
 * byte-for-byte, discovery with `max_model_len`, health from `/health` + `/v1/models` (never `/server_info`), a
 * `local` meter.
 * Throws `SglangConfigError` for a non-loopback `baseUrl` or an unknown reasoning dialect.
 */
export function createSglangPlugin(settings: SglangSettings = {}): ProviderPlugin<'sglang'> {
  return definePlugin({
    spec: 'v1',
    id: 'sglang',
    version: VERSION,
    descriptor: createSglangDescriptor(settings),
    offerings: sglangOfferings,
    models: [],
    modelIdPolicy: sglangModelIdPolicy,
    usageMeter: sglangUsageMeter,
    reasoning: createSglangReasoning(sglangReasoningDialects(settings)),
    discovery: sglangDiscovery,
    health: sglangHealth,
  });
}

/** The SGLang plugin with default settings. */
export const sglangPlugin = createSglangPlugin();
