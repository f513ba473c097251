import type { ProviderDescriptor } from '@codewhale/core';
import { VLLM_DEFAULT_BASE_URL, vllmBaseUrl, type VllmSettings } from './vllm-settings.js';

/**
 * vLLM's descriptor: a self-hosted OpenAI-compatible server on loopback. `--api-key` (or `VLLM_API_KEY`) protects only
 * `/v1`, `/v2` and `/inference`; `/health` and `/version` stay open
 * (docs.vllm.ai/en/v0.28.0/serving/online_serving/openai_compatible_server/).
 */
export function createVllmDescriptor(settings: VllmSettings = {}): ProviderDescriptor & { readonly id: 'vllm' } {
  const baseUrl = vllmBaseUrl(settings);
  return {
    id: 'vllm',
    displayName: 'vLLM',
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['VLLM_API_KEY'], optional: true },
    endpoints: {
      chat: {
        baseUrl,
        protocol: 'chat-completions',
        // The docs and `vllm chat --url` spell the default http://localhost:8000/v1.
        ...(baseUrl === VLLM_DEFAULT_BASE_URL ? { alternateBaseUrls: ['http://localhost:8000/v1'] } : {}),
        note: 'OpenAI-compatible API. Health (/health, /version) is read at the origin of this URL.',
      },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    env: { baseUrl: 'VLLM_BASE_URL', model: 'VLLM_MODEL' },
    modelIds: {
      style: 'opaque',
      caseSensitive: true,
      note: 'The served model name (--served-model-name, default: the model path or Hugging Face repo id) is sent byte-for-byte.',
    },
    docsUrl: 'https://docs.vllm.ai/en/v0.28.0/serving/online_serving/openai_compatible_server/',
  };
}
