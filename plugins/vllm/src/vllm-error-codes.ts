import { CodewhaleError } from '@codewhale/core';

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

const marker = Symbol.for('codewhale.error.provider-vllm.config');

/** A plugin setting the vLLM plugin cannot honour (thrown by `createVllmPlugin`). */
export class VllmConfigError extends CodewhaleError {
  readonly [marker] = true;
  /** The setting at fault, e.g. `baseUrl`. */
  readonly option: string;

  constructor(code: VllmErrorCode, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'VllmConfigError';
    this.option = option;
  }

  /** True for a `VllmConfigError` from any copy of this package. */
  static override isInstance(value: unknown): value is VllmConfigError {
    return CodewhaleError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[marker] === true;
  }
}
