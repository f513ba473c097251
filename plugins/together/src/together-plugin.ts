import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createTogetherDescriptor, type TogetherSettings } from './together-descriptor.js';
import { togetherDiscovery } from './together-discovery.js';
import { togetherModelIdPolicy } from './together-model-id-policy.js';
import { togetherModels, togetherOfferings } from './together-offerings.js';
import { togetherReasoning } from './together-reasoning.js';
import { togetherUsageMeter } from './together-usage-meter.js';
import { VERSION } from './version.js';

/** Create the Together AI provider plugin. */
export function createTogetherPlugin(settings: TogetherSettings = {}): ProviderPlugin<'together'> {
  return definePlugin({
    spec: 'v1',
    id: 'together',
    version: VERSION,
    descriptor: createTogetherDescriptor(settings),
    offerings: togetherOfferings,
    models: togetherModels,
    modelIdPolicy: togetherModelIdPolicy,
    usageMeter: togetherUsageMeter,
    reasoning: togetherReasoning,
    discovery: togetherDiscovery,
  });
}

/** The Together AI plugin with default settings. */
export const togetherPlugin = createTogetherPlugin();
