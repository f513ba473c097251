import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createOpenrouterDescriptor, type OpenrouterSettings } from './openrouter-descriptor.js';
import { openrouterDiscovery } from './openrouter-discovery.js';
import { openrouterModelIdPolicy } from './openrouter-model-id-policy.js';
import { openrouterModels, openrouterOfferings } from './openrouter-offerings.js';
import { openrouterReasoning } from './openrouter-reasoning.js';
import { openrouterUsageMeter } from './openrouter-usage-meter.js';
import { VERSION } from './version.js';

/** Create the OpenRouter provider plugin. */
export function createOpenrouterPlugin(settings: OpenrouterSettings = {}): ProviderPlugin<'openrouter'> {
  return definePlugin({
    spec: 'v1',
    id: 'openrouter',
    version: VERSION,
    descriptor: createOpenrouterDescriptor(settings),
    offerings: openrouterOfferings,
    models: openrouterModels,
    modelIdPolicy: openrouterModelIdPolicy,
    usageMeter: openrouterUsageMeter,
    reasoning: openrouterReasoning,
    discovery: openrouterDiscovery,
  });
}

/** The OpenRouter plugin with default settings. */
export const openrouterPlugin = createOpenrouterPlugin();
