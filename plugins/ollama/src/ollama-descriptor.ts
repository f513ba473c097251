import type { ProviderDescriptor } from '@codewhale/core';
import { OLLAMA_DEFAULT_BASE_URL, ollamaBaseUrl, type OllamaSettings } from './ollama-settings.js';

/**
 * Ollama's descriptor: a local runtime on loopback, OpenAI-compatible API under `/v1`, no key needed locally.
 * `OLLAMA_API_KEY` is declared (so no other plugin may claim it) but, as for every local runtime, never attached on
 * its own: Ollama Cloud (`https://ollama.com/v1`) is reached with `[providers.ollama] base_url` and
 * `api_key_env = "OLLAMA_API_KEY"`, which binds the key to that URL only.
 * `OLLAMA_HOST` (what Ollama's own clients read) is `[scheme://]host[:port]`, read after `OLLAMA_BASE_URL` as a host.
 */
export function createOllamaDescriptor(settings: OllamaSettings = {}): ProviderDescriptor & { readonly id: 'ollama' } {
  const baseUrl = ollamaBaseUrl(settings);
  return {
    id: 'ollama',
    displayName: 'Ollama',
    // Names users type for the local runtime; case, `_` and `-` are folded when matching.
    aliases: ['ollama-local'],
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
    // OLLAMA_HOST is Ollama's own variable (envconfig/config.go Host(): default http://127.0.0.1:11434); its API is
    // under /v1 there. OLLAMA_MODEL is CodeWhale's (github.com/Hmbown/CodeWhale docs/PROVIDERS.md).
    env: { baseUrl: 'OLLAMA_BASE_URL', model: 'OLLAMA_MODEL', host: { name: 'OLLAMA_HOST', path: '/v1' } },
    modelIds: {
      style: 'local-tag',
      caseSensitive: false,
      note: '[host/][namespace/]model[:tag]; compared case-insensitively with :latest implied; always sent as typed.',
    },
    docsUrl: 'https://github.com/ollama/ollama/tree/main/docs',
  };
}
