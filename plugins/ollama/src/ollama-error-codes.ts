import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link OllamaConfigError}: hosts switch on these. */
export const OLLAMA_ERROR_CODES = {
  /** `settings.baseUrl` is not an absolute http(s) URL, or carries user info, a query or a fragment. */
  INVALID_BASE_URL: 'OLLAMA_INVALID_BASE_URL',
  /** `settings.baseUrl` is not a loopback address (other hosts are configured per route with `base_url`). */
  NON_LOOPBACK_BASE_URL: 'OLLAMA_NON_LOOPBACK_BASE_URL',
} as const;

/** A stable error code of the Ollama plugin. */
export type OllamaErrorCode = (typeof OLLAMA_ERROR_CODES)[keyof typeof OLLAMA_ERROR_CODES];

const marker = Symbol.for('codewhale.error.provider-ollama.config');

/** A plugin setting the Ollama plugin cannot honour (thrown by `createOllamaPlugin`). */
export class OllamaConfigError extends CodewhaleError {
  readonly [marker] = true;
  /** The setting at fault, e.g. `baseUrl`. */
  readonly option: string;

  constructor(code: OllamaErrorCode, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'OllamaConfigError';
    this.option = option;
  }

  /** True for an `OllamaConfigError` from any copy of this package. */
  static override isInstance(value: unknown): value is OllamaConfigError {
    return CodewhaleError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[marker] === true;
  }
}
