import { PluginConfigError } from '@codewhale/plugin-kit';

/** Stable codes of {@link OpenAICompatibleConfigError}: hosts switch on these. */
export const OPENAI_COMPATIBLE_ERROR_CODES = {
  /** `id` is not a kebab-case provider id such as `lmstudio` or `my-llama-cpp`. */
  INVALID_ID: 'OPENAI_COMPATIBLE_INVALID_ID',
  /** `displayName` is empty. */
  INVALID_DISPLAY_NAME: 'OPENAI_COMPATIBLE_INVALID_DISPLAY_NAME',
  /** `baseUrl` is not an absolute http(s) URL. */
  INVALID_BASE_URL: 'OPENAI_COMPATIBLE_INVALID_BASE_URL',
  /** `baseUrl` carries user info (`user:password@`): keys never go in URLs. */
  BASE_URL_USER_INFO: 'OPENAI_COMPATIBLE_BASE_URL_USER_INFO',
  /** `baseUrl` carries a query string or fragment: keys never go in URLs. */
  BASE_URL_QUERY: 'OPENAI_COMPATIBLE_BASE_URL_QUERY',
  /** `baseUrl` is plain `http://` to a non-loopback host and `allowInsecureHttp` was not set. */
  INSECURE_BASE_URL: 'OPENAI_COMPATIBLE_INSECURE_BASE_URL',
  /** `apiKeyEnv` is not an environment variable name. */
  INVALID_API_KEY_ENV: 'OPENAI_COMPATIBLE_INVALID_API_KEY_ENV',
  /** `baseUrlEnv` or `modelEnv` is neither an environment variable name nor `false`. */
  INVALID_ENV_NAME: 'OPENAI_COMPATIBLE_INVALID_ENV_NAME',
  /** `protocol` is not a wire protocol name. */
  INVALID_PROTOCOL: 'OPENAI_COMPATIBLE_INVALID_PROTOCOL',
  /** `meter` does not fit the usage-meter schema, or its prices are not marked as your own (`source.kind: 'user'`). */
  INVALID_METER: 'OPENAI_COMPATIBLE_INVALID_METER',
} as const;

/** A stable error code of the OpenAI-compatible plugin factory. */
export type OpenAICompatibleErrorCode =
  (typeof OPENAI_COMPATIBLE_ERROR_CODES)[keyof typeof OPENAI_COMPATIBLE_ERROR_CODES];

/**
 * A setting `createOpenAICompatiblePlugin` cannot honour: plugin-kit's `PluginConfigError` with `pluginId`
 * `openai-compatible:<id>` (or `openai-compatible` for a bad id) and a code from {@link OPENAI_COMPATIBLE_ERROR_CODES}.
 */
export type OpenAICompatibleConfigError = PluginConfigError<OpenAICompatibleErrorCode>;
/** The class of {@link OpenAICompatibleConfigError} (plugin-kit's `PluginConfigError`): `OpenAICompatibleConfigError.isInstance(error)`. */
export const OpenAICompatibleConfigError = PluginConfigError;
