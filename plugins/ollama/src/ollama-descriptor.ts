import type { ProviderDescriptor } from '@codewhale/core';
import { OLLAMA_DEFAULT_BASE_URL, ollamaBaseUrl, type OllamaSettings } from './ollama-settings.js';

/**
 * Ollama's descriptor: a local runtime on loopback, OpenAI-compatible API under `/v1`, no key needed locally.
 * `OLLAMA_API_KEY` is only for Ollama Cloud (`https://ollama.com/v1`, configured with `base_url`).
 * `OLLAMA_HOST` (what Ollama's own clients read) is `host:port`, not a base URL: it is not read here.
 */
export function createOllamaDescriptor(settings: OllamaSettings = {}): ProviderDescriptor & { readonly id: 'ollama' } {
  const baseUrl = ollamaBaseUrl(settings);
  return {
    id: 'ollama',
    displayName: 'Ollama',
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['OLLAMA_API_KEY'], optional: true },
    endpoints: {
      chat: {
        baseUrl,
        protocol: 'chat-completions',
        // The docs spell the default http://localhost:11434/v1 (docs/api/openai-compatibility.mdx).
        ...(baseUrl === OLLAMA_DEFAULT_BASE_URL ? { alternateBaseUrls: ['http://localhost:11434/v1'] } : {}),
        note: 'OpenAI-compatible API. Discovery, health and loaded-model reads use the native /api/* routes at the origin of this URL.',
      },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    env: { baseUrl: 'OLLAMA_BASE_URL' },
    modelIds: {
      style: 'local-tag',
      caseSensitive: false,
      note: '[host/][namespace/]model[:tag]; compared case-insensitively with :latest implied; always sent as typed.',
    },
    docsUrl: 'https://github.com/ollama/ollama/tree/main/docs',
  };
}
