import type { ProviderDescriptor } from '@codewhale/core';
import { SGLANG_DEFAULT_BASE_URL, sglangBaseUrl, type SglangSettings } from './sglang-settings.js';

/**
 * SGLang's descriptor: a self-hosted OpenAI-compatible server on loopback (ServerArgs default 127.0.0.1:30000).
 * `--api-key` is optional; `/health*` and `/metrics` stay open.
 */
export function createSglangDescriptor(settings: SglangSettings = {}): ProviderDescriptor & { readonly id: 'sglang' } {
  const baseUrl = sglangBaseUrl(settings);
  return {
    id: 'sglang',
    displayName: 'SGLang',
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['SGLANG_API_KEY'], optional: true },
    endpoints: {
      chat: {
        baseUrl,
        protocol: 'chat-completions',
        // CodeWhale's SGLANG_BASE_URL default spells it http://localhost:30000/v1.
        ...(baseUrl === SGLANG_DEFAULT_BASE_URL ? { alternateBaseUrls: ['http://localhost:30000/v1'] } : {}),
        // usage.reasoning_tokens at the top level of the usage block.
        usageDialect: 'sglang',
        note: 'OpenAI-compatible API. Health (/health) is read at the origin of this URL; /server_info is never read (it holds API keys).',
      },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    env: { baseUrl: 'SGLANG_BASE_URL', model: 'SGLANG_MODEL' },
    modelIds: {
      style: 'opaque',
      caseSensitive: true,
      note: 'The served model name (--served-model-name, default: --model-path, often a Hugging Face repo id) is sent byte-for-byte.',
    },
    docsUrl: 'https://docs.sglang.io/',
  };
}
