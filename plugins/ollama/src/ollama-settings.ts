import { loopbackBaseUrl } from '@codewhale/plugin-kit';
import { OLLAMA_ERROR_CODES } from './ollama-error-codes.js';

/** Settings of {@link createOllamaPlugin}. */
export interface OllamaSettings {
  /**
   * Default OpenAI-compatible base URL (with `/v1`), e.g. `http://127.0.0.1:11435/v1` for a second server.
   * Must be loopback: other hosts (a LAN box, Ollama Cloud) are configured per route with `base_url`.
   * Default `http://127.0.0.1:11434/v1`.
   */
  readonly baseUrl?: string;
}

/** Ollama's default bind (`127.0.0.1:11434`) plus its OpenAI-compatible path. */
export const OLLAMA_DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';

/** The validated, normalised default base URL of a plugin instance. */
export function ollamaBaseUrl(settings: OllamaSettings): string {
  if (settings.baseUrl === undefined) return OLLAMA_DEFAULT_BASE_URL;
  return loopbackBaseUrl(settings.baseUrl, {
    pluginId: 'ollama',
    example: OLLAMA_DEFAULT_BASE_URL,
    codes: { invalid: OLLAMA_ERROR_CODES.INVALID_BASE_URL, nonLoopback: OLLAMA_ERROR_CODES.NON_LOOPBACK_BASE_URL },
  });
}
