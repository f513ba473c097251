import { PluginConfigError } from '@codewhale/plugin-kit';

/** Stable codes of {@link OllamaConfigError}: hosts switch on these. */
export const OLLAMA_ERROR_CODES = {
  /** `settings.baseUrl` is not an absolute http(s) URL, or carries user info, a query or a fragment. */
  INVALID_BASE_URL: 'OLLAMA_INVALID_BASE_URL',
  /** `settings.baseUrl` is not a loopback address (other hosts are configured per route with `base_url`). */
  NON_LOOPBACK_BASE_URL: 'OLLAMA_NON_LOOPBACK_BASE_URL',
} as const;

/** A stable error code of the Ollama plugin. */
export type OllamaErrorCode = (typeof OLLAMA_ERROR_CODES)[keyof typeof OLLAMA_ERROR_CODES];

/**
 * A plugin setting the Ollama plugin cannot honour (thrown by `createOllamaPlugin`): plugin-kit's `PluginConfigError`
 * with `pluginId` `ollama` and a code from {@link OLLAMA_ERROR_CODES}.
 */
export type OllamaConfigError = PluginConfigError<OllamaErrorCode>;
/** The class of {@link OllamaConfigError} (plugin-kit's `PluginConfigError`): `OllamaConfigError.isInstance(error)`. */
export const OllamaConfigError = PluginConfigError;
