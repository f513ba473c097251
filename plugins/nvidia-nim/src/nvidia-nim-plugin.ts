import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createNvidiaNimDescriptor, type NvidiaNimSettings } from './nvidia-nim-descriptor.js';
import { nvidiaNimDiscovery } from './nvidia-nim-discovery.js';
import { nvidiaNimHealth } from './nvidia-nim-health.js';
import { nvidiaNimModelIdPolicy } from './nvidia-nim-model-id-policy.js';
import { nvidiaNimModels, nvidiaNimOfferings } from './nvidia-nim-offerings.js';
import { nvidiaNimReasoning } from './nvidia-nim-reasoning.js';
import { nvidiaNimUsageMeter } from './nvidia-nim-usage-meter.js';
import { VERSION } from './version.js';

/** Create the NVIDIA NIM provider plugin (hosted API, plus health probes for self-hosted containers). */
export function createNvidiaNimPlugin(settings: NvidiaNimSettings = {}): ProviderPlugin<'nvidia-nim'> {
  return definePlugin({
    spec: 'v1',
    id: 'nvidia-nim',
    version: VERSION,
    descriptor: createNvidiaNimDescriptor(settings),
    offerings: nvidiaNimOfferings,
    models: nvidiaNimModels,
    modelIdPolicy: nvidiaNimModelIdPolicy,
    usageMeter: nvidiaNimUsageMeter,
    reasoning: nvidiaNimReasoning,
    discovery: nvidiaNimDiscovery,
    health: nvidiaNimHealth,
  });
}

/** The NVIDIA NIM plugin with default settings. */
export const nvidiaNimPlugin = createNvidiaNimPlugin();
