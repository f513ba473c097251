import { loopbackBaseUrl, MODEL_REASONING_DIALECTS, reasoningDialectsSetting } from '@codewhale/plugin-kit';
import { SGLANG_ERROR_CODES } from './sglang-error-codes.js';

/** Reasoning controls a served model takes on SGLang (see `sglang-reasoning.ts`). */
export const SGLANG_REASONING_DIALECTS = [...MODEL_REASONING_DIALECTS, 'thinking-and-effort'] as const;

/**
 * How a served model takes reasoning controls: `deepseek-v4` (`chat_template_kwargs.thinking` + `reasoning_effort`
 * high|max), `deepseek-v3` (V3.1/V3.2: `thinking` on/off), `qwen3` (`enable_thinking` on/off), `gpt-oss`
 * (`reasoning_effort`, cannot be turned off), `non-thinking` (nothing to send), `thinking-and-effort`
 * (`thinking` + `reasoning_effort`, CodeWhale's SGLang default, used for unknown models).
 */
export type SglangReasoningDialect = (typeof SGLANG_REASONING_DIALECTS)[number];

/** Settings of {@link createSglangPlugin}. */
export interface SglangSettings {
  /**
   * Default base URL (with `/v1`), e.g. `http://127.0.0.1:30001/v1`. Must be loopback: other hosts are configured per
   * route with `base_url`. Default `http://127.0.0.1:30000/v1`.
   */
  readonly baseUrl?: string;
  /**
   * The reasoning dialect of served model names you chose yourself (`--served-model-name`), e.g.
   * `{ 'my-qwen': 'qwen3' }`. Well-known Hugging Face names need no entry. Matched byte-for-byte.
   */
  readonly reasoningDialects?: Readonly<Record<string, SglangReasoningDialect>>;
}

/** SGLang's default bind (`127.0.0.1:30000`, ServerArgs) plus its OpenAI-compatible path. */
export const SGLANG_DEFAULT_BASE_URL = 'http://127.0.0.1:30000/v1';

/** The validated, normalised default base URL of a plugin instance. */
export function sglangBaseUrl(settings: SglangSettings): string {
  if (settings.baseUrl === undefined) return SGLANG_DEFAULT_BASE_URL;
  return loopbackBaseUrl(settings.baseUrl, {
    pluginId: 'sglang',
    example: SGLANG_DEFAULT_BASE_URL,
    codes: { invalid: SGLANG_ERROR_CODES.INVALID_BASE_URL, nonLoopback: SGLANG_ERROR_CODES.NON_LOOPBACK_BASE_URL },
  });
}

/** The validated reasoning dialects of a plugin instance (a copy, keyed by served name). */
export function sglangReasoningDialects(settings: SglangSettings): ReadonlyMap<string, SglangReasoningDialect> {
  return reasoningDialectsSetting(settings.reasoningDialects, {
    pluginId: 'sglang',
    dialects: SGLANG_REASONING_DIALECTS,
    code: SGLANG_ERROR_CODES.INVALID_REASONING_DIALECT,
  });
}
