import { definePlugin, type ProviderPlugin } from '@codewhale/core';
import { createOllamaDescriptor } from './ollama-descriptor.js';
import { ollamaDiscovery } from './ollama-discovery.js';
import { ollamaHealth } from './ollama-health.js';
import { ollamaModelIdPolicy } from './ollama-model-id-policy.js';
import { ollamaOfferings } from './ollama-offerings.js';
import { ollamaReasoning } from './ollama-reasoning.js';
import type { OllamaSettings } from './ollama-settings.js';
import { ollamaUsageMeter } from './ollama-usage-meter.js';
import { VERSION } from './version.js';

/**
 * Create the Ollama plugin: a local runtime (default `http://127.0.0.1:11434/v1`), model names passed through as
 * typed, discovery from `/api/tags` + `/api/show`, health from `/api/version` + `/api/tags`, a `local` meter.
 * Throws `OllamaConfigError` for a `baseUrl` that is not a loopback http(s) URL.
 */
export function createOllamaPlugin(settings: OllamaSettings = {}): ProviderPlugin<'ollama'> {
  return definePlugin({
    spec: 'v1',
    id: 'ollama',
    version: VERSION,
    descriptor: createOllamaDescriptor(settings),
    offerings: ollamaOfferings,
    models: [],
    modelIdPolicy: ollamaModelIdPolicy,
    usageMeter: ollamaUsageMeter,
    reasoning: ollamaReasoning,
    discovery: ollamaDiscovery,
    health: ollamaHealth,
  });
}

/** The Ollama plugin with default settings. */
export const ollamaPlugin = createOllamaPlugin();
