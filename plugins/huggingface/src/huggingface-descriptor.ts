import type { ProviderDescriptor } from '@codewhale/core';

/** Options of {@link createHuggingfacePlugin}. */
export interface HuggingfaceSettings {
  /**
   * An environment variable read for the token before `HF_TOKEN`, `HUGGINGFACE_API_KEY` and `HUGGINGFACE_HUB_TOKEN`.
   * Like those, it is attached only to the official router endpoint.
   */
  readonly apiKeyEnv?: string;
}

// HF_TOKEN is the only variable HF's docs use; CodeWhale reads HUGGINGFACE_API_KEY and OpenClaw HUGGINGFACE_HUB_TOKEN.
const DEFAULT_ENV_VARS = ['HF_TOKEN', 'HUGGINGFACE_API_KEY', 'HUGGINGFACE_HUB_TOKEN'];

/** Hugging Face Inference Providers' self-description: the OpenAI-compatible router, Bearer token, public /models. */
export function createHuggingfaceDescriptor(
  settings: HuggingfaceSettings = {},
): ProviderDescriptor & { readonly id: 'huggingface' } {
  const extra = settings.apiKeyEnv && !DEFAULT_ENV_VARS.includes(settings.apiKeyEnv) ? [settings.apiKeyEnv] : [];
  return {
    id: 'huggingface',
    displayName: 'Hugging Face Inference Providers',
    aliases: ['hf'],
    class: 'aggregator',
    auth: {
      scheme: 'bearer',
      envVars: [...extra, ...DEFAULT_ENV_VARS],
      optional: false,
      keyUrl: 'https://huggingface.co/settings/tokens',
    },
    endpoints: {
      chat: { baseUrl: 'https://router.huggingface.co/v1', protocol: 'chat-completions' },
    },
    defaultEndpoint: 'chat',
    // GET /v1/models answers without a token.
    liveListing: { supported: true, path: '/models', authRequired: false },
    // HUGGINGFACE_* first, then the HF_* spellings CodeWhale also reads (github.com/Hmbown/CodeWhale docs/PROVIDERS.md).
    // Deliberately not read: HF_ENDPOINT is the Hub (https://huggingface.co), and HF_INFERENCE_ENDPOINT is the legacy
    // serverless Inference API (https://api-inference.huggingface.co); neither is this router's OpenAI-compatible base
    // URL (huggingface.co/docs/huggingface_hub/package_reference/environment_variables; huggingface_hub constants.py).
    env: { baseUrl: ['HUGGINGFACE_BASE_URL', 'HF_BASE_URL'], model: ['HUGGINGFACE_MODEL', 'HF_MODEL'] },
    modelIds: {
      style: 'aggregator',
      caseSensitive: true,
      note: 'Hub repo ids (e.g. deepseek-ai/DeepSeek-V4-Pro), optionally with one :<provider> or :fastest/:cheapest/:preferred suffix, sent byte-for-byte; the suffix is ignored only when matching the catalog.',
    },
    docsUrl: 'https://huggingface.co/docs/inference-providers/index',
  };
}
