import { CodewhaleError } from '@codewhale/core';

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
export type OpenAICompatibleErrorCode = (typeof OPENAI_COMPATIBLE_ERROR_CODES)[keyof typeof OPENAI_COMPATIBLE_ERROR_CODES];

const marker = Symbol.for('codewhale.error.provider-openai-compatible.config');

/** A setting `createOpenAICompatiblePlugin` cannot honour. */
export class OpenAICompatibleConfigError extends CodewhaleError {
  readonly [marker] = true;
  /** The setting at fault, e.g. `baseUrl`. */
  readonly option: string;

  constructor(code: OpenAICompatibleErrorCode, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'OpenAICompatibleConfigError';
    this.option = option;
  }

  /** True for an `OpenAICompatibleConfigError` from any copy of this package. */
  static override isInstance(value: unknown): value is OpenAICompatibleConfigError {
    return CodewhaleError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[marker] === true;
  }
}
