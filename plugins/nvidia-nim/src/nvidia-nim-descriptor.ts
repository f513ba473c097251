import type { ProviderDescriptor } from '@codewhale/core';

/** Options of {@link createNvidiaNimPlugin}. */
export interface NvidiaNimSettings {
  /**
   * An environment variable read for the key before `NVIDIA_API_KEY` and `NVIDIA_NIM_API_KEY`. Like those, it is
   * attached only to the hosted API (integrate.api.nvidia.com), never to a self-hosted container's URL.
   */
  readonly apiKeyEnv?: string;
}

// NVIDIA_API_KEY is what build.nvidia.com samples use; CodeWhale also reads NVIDIA_NIM_API_KEY.
const DEFAULT_ENV_VARS = ['NVIDIA_API_KEY', 'NVIDIA_NIM_API_KEY'];

/**
 * NVIDIA NIM's self-description: the hosted OpenAI-compatible API at integrate.api.nvidia.com. Self-hosted NIM
 * containers are reached through a base URL the user configures, which makes the route custom.
 */
export function createNvidiaNimDescriptor(
  settings: NvidiaNimSettings = {},
): ProviderDescriptor & { readonly id: 'nvidia-nim' } {
  const extra = settings.apiKeyEnv && !DEFAULT_ENV_VARS.includes(settings.apiKeyEnv) ? [settings.apiKeyEnv] : [];
  return {
    id: 'nvidia-nim',
    displayName: 'NVIDIA NIM',
    aliases: ['nim', 'nvidia'],
    class: 'aggregator',
    auth: {
      scheme: 'bearer',
      envVars: [...extra, ...DEFAULT_ENV_VARS],
      optional: false,
      keyUrl: 'https://build.nvidia.com/settings/api-keys',
    },
    endpoints: {
      chat: { baseUrl: 'https://integrate.api.nvidia.com/v1', protocol: 'chat-completions' },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    // A self-hosted container's URL given here makes the route custom (no ambient key, no catalog prices).
    env: { baseUrl: 'NVIDIA_NIM_BASE_URL', model: 'NVIDIA_NIM_MODEL' },
    modelIds: {
      style: 'aggregator',
      caseSensitive: true,
      note: 'Hosted ids are lower-case publisher/model (e.g. deepseek-ai/deepseek-v4-pro), matched exactly and sent byte-for-byte; ids the catalog does not know pass through.',
    },
    docsUrl: 'https://docs.api.nvidia.com/nim/reference/llm-apis',
  };
}
