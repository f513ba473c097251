import { loopbackBaseUrl, MODEL_REASONING_DIALECTS, reasoningDialectsSetting } from '@codewhale/plugin-kit';
import { VLLM_ERROR_CODES } from './vllm-error-codes.js';

/** Reasoning controls a served model takes on vLLM (see `vllm-reasoning.ts`). */
export const VLLM_REASONING_DIALECTS = [...MODEL_REASONING_DIALECTS, 'reasoning-effort'] as const;

/**
 * How a served model takes reasoning controls: `deepseek-v4` (`chat_template_kwargs.thinking` + `reasoning_effort`
 * high|max), `deepseek-v3` (V3.1/V3.2: `thinking` on/off), `qwen3` (`enable_thinking` on/off), `gpt-oss`
 * (top-level `reasoning_effort`, cannot be turned off), `non-thinking` (nothing to send), `reasoning-effort`
 * (top-level `reasoning_effort`, the default for unknown models).
 */
export type VllmReasoningDialect = (typeof VLLM_REASONING_DIALECTS)[number];

/** Settings of {@link createVllmPlugin}. */
export interface VllmSettings {
  /**
   * Default base URL (with `/v1`), e.g. `http://127.0.0.1:8001/v1`. Must be loopback: other hosts are configured per
   * route with `base_url`. Default `http://127.0.0.1:8000/v1`.
   */
  readonly baseUrl?: string;
  /**
   * The reasoning dialect of served model names you chose yourself (`--served-model-name`), e.g.
   * `{ 'my-qwen': 'qwen3' }`. Well-known Hugging Face names need no entry. Matched byte-for-byte.
   */
  readonly reasoningDialects?: Readonly<Record<string, VllmReasoningDialect>>;
}

/** vLLM's documented default (`http://localhost:8000/v1`), on the IPv4 loopback address. */
export const VLLM_DEFAULT_BASE_URL = 'http://127.0.0.1:8000/v1';

/** The validated, normalised default base URL of a plugin instance. */
export function vllmBaseUrl(settings: VllmSettings): string {
  if (settings.baseUrl === undefined) return VLLM_DEFAULT_BASE_URL;
  return loopbackBaseUrl(settings.baseUrl, {
    pluginId: 'vllm',
    example: VLLM_DEFAULT_BASE_URL,
    codes: { invalid: VLLM_ERROR_CODES.INVALID_BASE_URL, nonLoopback: VLLM_ERROR_CODES.NON_LOOPBACK_BASE_URL },
  });
}

/** The validated reasoning dialects of a plugin instance (a copy, keyed by served name). */
export function vllmReasoningDialects(settings: VllmSettings): ReadonlyMap<string, VllmReasoningDialect> {
  return reasoningDialectsSetting(settings.reasoningDialects, {
    pluginId: 'vllm',
    dialects: VLLM_REASONING_DIALECTS,
    code: VLLM_ERROR_CODES.INVALID_REASONING_DIALECT,
  });
}
