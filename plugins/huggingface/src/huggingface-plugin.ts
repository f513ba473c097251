import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createHuggingfaceDescriptor, type HuggingfaceSettings } from './huggingface-descriptor.js';
import { huggingfaceDiscovery } from './huggingface-discovery.js';
import { huggingfaceModelIdPolicy } from './huggingface-model-id-policy.js';
import { huggingfaceModels, huggingfaceOfferings } from './huggingface-offerings.js';
import { huggingfaceReasoning } from './huggingface-reasoning.js';
import { huggingfaceUsageMeter } from './huggingface-usage-meter.js';
import { VERSION } from './version.js';

/** Create the Hugging Face Inference Providers (router) plugin. */
export function createHuggingfacePlugin(settings: HuggingfaceSettings = {}): ProviderPlugin<'huggingface'> {
  return definePlugin({
    spec: 'v1',
    id: 'huggingface',
    version: VERSION,
    descriptor: createHuggingfaceDescriptor(settings),
    offerings: huggingfaceOfferings,
    models: huggingfaceModels,
    modelIdPolicy: huggingfaceModelIdPolicy,
    usageMeter: huggingfaceUsageMeter,
    reasoning: huggingfaceReasoning,
    discovery: huggingfaceDiscovery,
  });
}

/** The Hugging Face plugin with default settings. */
export const huggingfacePlugin = createHuggingfacePlugin();
