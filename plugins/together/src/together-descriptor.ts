import type { ProviderDescriptor } from '@codewhale/core';

/** Options of {@link createTogetherPlugin}. */
export interface TogetherSettings {
  /**
   * An environment variable read for the key before `TOGETHER_API_KEY` (e.g. `MY_TEAM_TOGETHER_KEY`).
   * Like every descriptor variable, it is attached only to Together's official endpoints.
   */
  readonly apiKeyEnv?: string;
}

/** The env var Together's own docs use (docs.together.ai/reference/models Python sample). */
const TOGETHER_API_KEY = 'TOGETHER_API_KEY';

/** Together's self-description: two official spellings of one OpenAI-compatible endpoint, Bearer auth, a bare-array /models. */
export function createTogetherDescriptor(
  settings: TogetherSettings = {},
): ProviderDescriptor & { readonly id: 'together' } {
  const envVars =
    settings.apiKeyEnv && settings.apiKeyEnv !== TOGETHER_API_KEY
      ? [settings.apiKeyEnv, TOGETHER_API_KEY]
      : [TOGETHER_API_KEY];
  return {
    id: 'together',
    displayName: 'Together AI',
    // The brand as one word; case, `_` and `-` are folded when matching (`together-ai`, `Together_AI`).
    aliases: ['togetherai'],
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars, optional: false, keyUrl: 'https://api.together.ai/settings/api-keys' },
    endpoints: {
      // api.together.xyz is the long-standing host; current docs use api.together.ai. Both are Together's own.
      chat: {
        baseUrl: 'https://api.together.xyz/v1',
        protocol: 'chat-completions',
        alternateBaseUrls: ['https://api.together.ai/v1'],
        // A top-level usage.cached_tokens; streams carry usage on the last chunk even without include_usage.
        usageDialect: 'together',
      },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models', authRequired: true },
    // The names CodeWhale reads for Together (github.com/Hmbown/CodeWhale docs/PROVIDERS.md), as docs/config-reference.md promises.
    env: { baseUrl: 'TOGETHER_BASE_URL', model: 'TOGETHER_MODEL' },
    modelIds: {
      style: 'aggregator',
      caseSensitive: true,
      note: 'Hugging Face style org/Model ids (e.g. deepseek-ai/DeepSeek-V4-Pro), matched exactly as listed and sent byte-for-byte; ids the catalog does not know pass through.',
    },
    docsUrl: 'https://docs.together.ai/docs/openai-api-compatibility',
  };
}
