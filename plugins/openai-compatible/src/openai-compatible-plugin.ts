import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createOpenAICompatibleDescriptor } from './openai-compatible-descriptor.js';
import { openAICompatibleDiscovery } from './openai-compatible-discovery.js';
import { openAICompatibleHealth } from './openai-compatible-health.js';
import { openAICompatibleModelIdPolicy } from './openai-compatible-model-id-policy.js';
import { openAICompatibleReasoning } from './openai-compatible-reasoning.js';
import { resolveOpenAICompatibleSettings, type OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { createOpenAICompatibleUsageMeter } from './openai-compatible-usage-meter.js';
import { VERSION } from './version.js';

/**
 * Create a plugin for any OpenAI-compatible endpoint you name (LM Studio, llama.cpp, a company gateway): class
 * `custom`, no offerings, ids sent byte-for-byte, meter `unknown` unless you configure one, `/models` discovery and
 * health. Throws `OpenAICompatibleConfigError` for settings it cannot honour.
 *
 * @example
 * const lmstudio = createOpenAICompatiblePlugin({ id: 'lmstudio', displayName: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' });
 */
export function createOpenAICompatiblePlugin<const Id extends string>(
  settings: OpenAICompatibleSettings<Id>,
): ProviderPlugin<Id> {
  const resolved = resolveOpenAICompatibleSettings(settings);
  return definePlugin<Id>({
    spec: 'v1',
    id: resolved.id,
    version: VERSION,
    descriptor: createOpenAICompatibleDescriptor(resolved),
    offerings: [],
    models: [],
    modelIdPolicy: openAICompatibleModelIdPolicy,
    usageMeter: createOpenAICompatibleUsageMeter(resolved),
    reasoning: openAICompatibleReasoning,
    discovery: openAICompatibleDiscovery,
    health: openAICompatibleHealth,
  });
}
