import { PluginConfigError } from '@codewhale/plugin-kit';

/** Stable codes of {@link SglangConfigError}: hosts switch on these. */
export const SGLANG_ERROR_CODES = {
  /** `settings.baseUrl` is not an absolute http(s) URL, or carries user info, a query or a fragment. */
  INVALID_BASE_URL: 'SGLANG_INVALID_BASE_URL',
  /** `settings.baseUrl` is not a loopback address (other hosts are configured per route with `base_url`). */
  NON_LOOPBACK_BASE_URL: 'SGLANG_NON_LOOPBACK_BASE_URL',
  /** `settings.reasoningDialects` names a dialect this plugin does not know. */
  INVALID_REASONING_DIALECT: 'SGLANG_INVALID_REASONING_DIALECT',
} as const;

/** A stable error code of the SGLang plugin. */
export type SglangErrorCode = (typeof SGLANG_ERROR_CODES)[keyof typeof SGLANG_ERROR_CODES];

/**
 * A plugin setting the SGLang plugin cannot honour (thrown by `createSglangPlugin`): plugin-kit's `PluginConfigError`
 * with `pluginId` `sglang` and a code from {@link SGLANG_ERROR_CODES}.
 */
export type SglangConfigError = PluginConfigError<SglangErrorCode>;
/** The class of {@link SglangConfigError} (plugin-kit's `PluginConfigError`): `SglangConfigError.isInstance(error)`. */
export const SglangConfigError = PluginConfigError;
