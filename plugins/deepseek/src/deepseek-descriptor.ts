import type { ProviderDescriptor } from '@codewhale/core';

/** Settings of {@link createDeepseekPlugin}; every field is optional. */
export interface DeepseekSettings {
  /**
   * Environment variables to read the key from before `DEEPSEEK_API_KEY` (in this order). The key still attaches only
   * to DeepSeek's official endpoints; a custom base URL gets only a key configured for it.
   */
  readonly apiKeyEnv?: string | readonly string[];
  /**
   * Endpoint used when neither the config (`[providers.deepseek] endpoint`) nor an offering names one:
   * `chat` (OpenAI Chat Completions format, the default), `responses` (OpenAI Responses format) or `anthropic`
   * (Anthropic Messages format).
   */
  readonly defaultEndpoint?: DeepseekEndpointKey;
}

/** Endpoint keys of the DeepSeek descriptor. */
export type DeepseekEndpointKey = 'chat' | 'responses' | 'anthropic';

const DEEPSEEK_API_KEY = 'DEEPSEEK_API_KEY';

function envVarsFrom(settings: DeepseekSettings): string[] {
  const extra =
    settings.apiKeyEnv === undefined
      ? []
      : typeof settings.apiKeyEnv === 'string'
        ? [settings.apiKeyEnv]
        : [...settings.apiKeyEnv];
  return [...new Set([...extra, DEEPSEEK_API_KEY])];
}

/**
 * DeepSeek's own facts: a direct provider with OpenAI-format endpoints (Chat Completions and Responses) and an
 * Anthropic-format one.
 * Sources: PROVIDERS.md section 1 (api-docs.deepseek.com pricing and list-models pages; CodeWhale docs/PROVIDERS.md).
 */
export function createDeepseekDescriptor(
  settings: DeepseekSettings = {},
): ProviderDescriptor & { readonly id: 'deepseek' } {
  return {
    id: 'deepseek',
    displayName: 'DeepSeek',
    // Legacy names CodeWhale accepts for DeepSeek; they select no other host: DeepSeek has one official API host
    // worldwide (github.com/Hmbown/CodeWhale docs/PROVIDERS.md, "Provider Selection"). Case, `_` and `-` are folded.
    aliases: ['deepseek-cn', 'deepseek-china'],
    class: 'direct',
    auth: {
      scheme: 'bearer',
      envVars: envVarsFrom(settings),
      optional: false,
      keyUrl: 'https://platform.deepseek.com/api_keys',
    },
    endpoints: {
      // https://api.deepseek.com/v1 is still accepted "for backward compatibility" (list-models docs).
      // https://api.deepseek.com/beta is the documented beta base URL of the same API (strict tool mode, Chat Prefix
      // Completion, FIM): same models, same key, same prices (api-docs.deepseek.com guides; PROVIDERS.md section 1).
      chat: {
        baseUrl: 'https://api.deepseek.com',
        protocol: 'chat-completions',
        alternateBaseUrls: ['https://api.deepseek.com/v1', 'https://api.deepseek.com/beta'],
        // prompt_cache_hit_tokens / prompt_cache_miss_tokens; streams put usage on the finish chunk.
        usageDialect: 'deepseek',
      },
      // POST https://api.deepseek.com/responses (OpenAI Responses format, answers `object: "response"`): real
      // recordings of 2026-08-05 (pydantic/pydantic-ai tests/models/cassettes/test_deepseek_responses); the Sep-2026
      // pricing page marks "Responses API" for both models (PROVIDERS.md section 1). Same host, key (Bearer) and
      // prices as chat; declared after chat so the API root stays the chat endpoint unless `endpoint = "responses"`
      // or the host's protocols ask for it.
      responses: {
        baseUrl: 'https://api.deepseek.com',
        protocol: 'responses',
        note: 'OpenAI Responses format (POST /responses) at the API root; reasoning as reasoning.effort (none, high, max).',
      },
      // POST /anthropic/v1/messages; the key goes in x-api-key (https://api-docs.deepseek.com/guides/anthropic_api).
      anthropic: {
        baseUrl: 'https://api.deepseek.com/anthropic',
        protocol: 'anthropic-messages',
        authScheme: 'x-api-key',
        headers: { 'anthropic-version': '2023-06-01' },
        note: 'Anthropic Messages format. No model listing here: /models lives only at the API root (or /v1).',
      },
    },
    defaultEndpoint: settings.defaultEndpoint ?? 'chat',
    // Only at /models or /v1/models, never under /beta or /anthropic; discovery asks the origin for it.
    liveListing: { supported: true, path: '/models', authRequired: true },
    env: { baseUrl: 'DEEPSEEK_BASE_URL', model: 'DEEPSEEK_MODEL' },
    modelIds: {
      style: 'strict',
      caseSensitive: true,
      note: 'Lower-case ids from an allowlist (deepseek-v4-pro, deepseek-flash since 2026-09-10); unknown ids answer 400 "Model Not Exist". Retired ids are mapped with a dated warning; unknown deepseek-* ids are deferred to DeepSeek.',
    },
    docsUrl: 'https://api-docs.deepseek.com',
  };
}
