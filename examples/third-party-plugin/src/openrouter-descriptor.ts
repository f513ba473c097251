import type { ProviderDescriptor } from '@codewhale/core';

/** Options of {@link createOpenrouterPlugin}. */
export interface OpenrouterSettings {
  /**
   * An environment variable read for the key before `OPENROUTER_API_KEY` (e.g. `MY_TEAM_OPENROUTER_KEY`).
   * Like every descriptor variable, the host attaches it only to OpenRouter's official endpoint.
   */
  readonly apiKeyEnv?: string;
  /** Your app's URL, sent as the optional `HTTP-Referer` attribution header. */
  readonly appUrl?: string;
  /** Your app's name, sent as the optional `X-Title` attribution header. */
  readonly appTitle?: string;
}

/** The env var OpenRouter's docs use (https://openrouter.ai/docs). */
const OPENROUTER_API_KEY = 'OPENROUTER_API_KEY';

// Header values must be one printable line: HTTP clients refuse a newline or control character at request time, long
// after the settings were written. Say so when the plugin is created instead.
const NOT_A_HEADER_VALUE = /[\p{Cc}\p{Cf}]/u;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;

function attributionHeaders(settings: OpenrouterSettings): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (settings.appUrl !== undefined) {
    if (!HTTP_URL.test(settings.appUrl) || NOT_A_HEADER_VALUE.test(settings.appUrl)) {
      throw new TypeError(
        `[openrouter] settings.appUrl must be an http(s) URL (it is sent as HTTP-Referer); got ${JSON.stringify(settings.appUrl)}.`,
      );
    }
    headers['HTTP-Referer'] = settings.appUrl;
  }
  if (settings.appTitle !== undefined) {
    if (settings.appTitle.trim() === '' || NOT_A_HEADER_VALUE.test(settings.appTitle)) {
      throw new TypeError(
        '[openrouter] settings.appTitle must be a non-empty single line without control characters (it is sent as X-Title).',
      );
    }
    headers['X-Title'] = settings.appTitle;
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/**
 * OpenRouter's self-description (https://openrouter.ai/docs): one OpenAI Chat Completions endpoint at
 * https://openrouter.ai/api/v1, Bearer `OPENROUTER_API_KEY`, and a `/models` listing that needs no key.
 */
export function createOpenrouterDescriptor(
  settings: OpenrouterSettings = {},
): ProviderDescriptor & { readonly id: 'openrouter' } {
  const envVars =
    settings.apiKeyEnv && settings.apiKeyEnv !== OPENROUTER_API_KEY
      ? [settings.apiKeyEnv, OPENROUTER_API_KEY]
      : [OPENROUTER_API_KEY];
  const headers = attributionHeaders(settings);
  return {
    id: 'openrouter',
    displayName: 'OpenRouter',
    class: 'aggregator',
    // OpenRouter's key page, as widely linked; the facts this plugin was written from name no key page.
    auth: { scheme: 'bearer', envVars, optional: false, keyUrl: 'https://openrouter.ai/settings/keys' },
    endpoints: {
      // OpenRouter also serves POST /responses and Anthropic POST /messages (models.dev, third-party); this plugin
      // declares only Chat Completions, the protocol every host speaks.
      chat: { baseUrl: 'https://openrouter.ai/api/v1', protocol: 'chat-completions', ...(headers ? { headers } : {}) },
    },
    defaultEndpoint: 'chat',
    // "/models needs no auth" (openrouter.ai/docs/models).
    liveListing: { supported: true, path: '/models', authRequired: false },
    modelIds: {
      style: 'aggregator',
      caseSensitive: true,
      note: 'Lowercase vendor/slug ids (deepseek/deepseek-v4-pro), matched exactly; :free variants and ~vendor/model-latest aliases are their own wire ids. Ids the catalog does not know pass through byte-for-byte.',
    },
    docsUrl: 'https://openrouter.ai/docs',
  };
}
