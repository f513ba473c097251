/**
 * How an open-weights model's chat template takes reasoning controls on a self-hosted server (vLLM, SGLang), as
 * model profiles record it (`openWeights.reasoningDialect`): `deepseek-v4` (`chat_template_kwargs.thinking` +
 * `reasoning_effort` high|max), `deepseek-v3` (`thinking` on/off), `qwen3` (`enable_thinking` on/off), `gpt-oss`
 * (top-level `reasoning_effort` low|medium|high, cannot be turned off), `non-thinking` (no thinking mode).
 */
export const MODEL_REASONING_DIALECTS = ['deepseek-v4', 'deepseek-v3', 'qwen3', 'gpt-oss', 'non-thinking'] as const;

/** One reasoning dialect of an open-weights chat template (see {@link MODEL_REASONING_DIALECTS}). */
export type ModelReasoningDialect = (typeof MODEL_REASONING_DIALECTS)[number];

/** True for a dialect name this version of plugin-kit knows (a newer catalog may name one it does not). */
export function isModelReasoningDialect(value: string): value is ModelReasoningDialect {
  return (MODEL_REASONING_DIALECTS as readonly string[]).includes(value);
}
