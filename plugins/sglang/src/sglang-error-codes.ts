import { CodewhaleError } from '@codewhale/core';

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

const marker = Symbol.for('codewhale.error.provider-sglang.config');

/** A plugin setting the SGLang plugin cannot honour (thrown by `createSglangPlugin`). */
export class SglangConfigError extends CodewhaleError {
  readonly [marker] = true;
  /** The setting at fault, e.g. `baseUrl`. */
  readonly option: string;

  constructor(code: SglangErrorCode, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'SglangConfigError';
    this.option = option;
  }

  /** True for a `SglangConfigError` from any copy of this package. */
  static override isInstance(value: unknown): value is SglangConfigError {
    return CodewhaleError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[marker] === true;
  }
}
