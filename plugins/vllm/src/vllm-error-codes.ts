import { PluginConfigError } from '@codewhale/plugin-kit';

/** Stable codes of {@link VllmConfigError}: hosts switch on these. */
export const VLLM_ERROR_CODES = {
  /** `settings.baseUrl` is not an absolute http(s) URL, or carries user info, a query or a fragment. */
  INVALID_BASE_URL: 'VLLM_INVALID_BASE_URL',
  /** `settings.baseUrl` is not a loopback address (other hosts are configured per route with `base_url`). */
  NON_LOOPBACK_BASE_URL: 'VLLM_NON_LOOPBACK_BASE_URL',
  /** `settings.reasoningDialects` names a dialect this plugin does not know. */
  INVALID_REASONING_DIALECT: 'VLLM_INVALID_REASONING_DIALECT',
} as const;

/** A stable error code of the vLLM plugin. */
export type VllmErrorCode = (typeof VLLM_ERROR_CODES)[keyof typeof VLLM_ERROR_CODES];

/**
 * A plugin setting the vLLM plugin cannot honour (thrown by `createVllmPlugin`): plugin-kit's `PluginConfigError`
 * with `pluginId` `vllm` and a code from {@link VLLM_ERROR_CODES}.
 */
export type VllmConfigError = PluginConfigError<VllmErrorCode>;
/** The class of {@link VllmConfigError} (plugin-kit's `PluginConfigError`): `VllmConfigError.isInstance(error)`. */
export const VllmConfigError = PluginConfigError;
