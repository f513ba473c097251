import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createDeepseekDescriptor, type DeepseekSettings } from './deepseek-descriptor.js';
import { deepseekDiscovery } from './deepseek-discovery.js';
import { deepseekModelIdPolicy } from './deepseek-model-id-policy.js';
import { deepseekModels, deepseekOfferings } from './deepseek-offerings.js';
import { deepseekReasoning } from './deepseek-reasoning.js';
import { deepseekUsageMeter } from './deepseek-usage-meter.js';
import { VERSION } from './version.js';

/**
 * Create the DeepSeek plugin (official API: OpenAI format at https://api.deepseek.com, Anthropic format at
 * https://api.deepseek.com/anthropic).
 * @example
 * const registry = createRegistry({ plugins: [createDeepseekPlugin({ defaultEndpoint: 'anthropic' })] });
 */
export function createDeepseekPlugin(settings: DeepseekSettings = {}): ProviderPlugin<'deepseek'> {
  return definePlugin({
    spec: 'v1',
    id: 'deepseek',
    version: VERSION,
    descriptor: createDeepseekDescriptor(settings),
    offerings: deepseekOfferings,
    models: deepseekModels,
    modelIdPolicy: deepseekModelIdPolicy,
    usageMeter: deepseekUsageMeter,
    reasoning: deepseekReasoning,
    discovery: deepseekDiscovery,
  });
}

/** The DeepSeek plugin with default settings. */
export const deepseekPlugin: ProviderPlugin<'deepseek'> = createDeepseekPlugin();
