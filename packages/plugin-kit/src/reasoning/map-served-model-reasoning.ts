import type { ReasoningLevel, ReasoningMapping } from '@codewhale/core';

/**
 * Reasoning dialects that self-hosted OpenAI-compatible servers (vLLM, SGLang) read the same way: `deepseek-v3`
 * (`chat_template_kwargs.thinking` on/off), `qwen3` (`chat_template_kwargs.enable_thinking` on/off), `gpt-oss`
 * (top-level `reasoning_effort` low|medium|high, cannot be turned off) and `non-thinking` (nothing to send).
 */
export type ServedModelReasoningDialect = 'deepseek-v3' | 'qwen3' | 'gpt-oss' | 'non-thinking';

// Sources: docs.vllm.ai/en/stable/features/reasoning_outputs and docs.sglang.io/docs/advanced_features/separate_reasoning
// (DeepSeek V3.1/V3.2 read chat_template_kwargs.thinking, Qwen3 reads enable_thinking; output needs --reasoning-parser).
const ON_OFF_NOTE = 'this model only switches thinking on or off; there are no levels';

function onOff(level: ReasoningLevel, key: 'thinking' | 'enable_thinking'): ReasoningMapping {
  if (level === 'off') return { level, params: { chat_template_kwargs: { [key]: false } } };
  const params = { chat_template_kwargs: { [key]: true } };
  return level === 'high' ? { level, params } : { level: 'high', clampedFrom: level, params, note: ON_OFF_NOTE };
}

/**
 * Map a reasoning level for a {@link ServedModelReasoningDialect}: on/off templates take any level but `off` as
 * `high` (with a note), gpt-oss clamps `off` to `low` and `max` to `high`, a non-thinking model gets nothing.
 * @example
 * mapServedModelReasoning('medium', 'qwen3'); // { level: 'high', clampedFrom: 'medium', params: { chat_template_kwargs: { enable_thinking: true } }, note }
 */
export function mapServedModelReasoning(level: ReasoningLevel, dialect: ServedModelReasoningDialect): ReasoningMapping {
  switch (dialect) {
    case 'deepseek-v3':
      return onOff(level, 'thinking');
    case 'qwen3':
      return onOff(level, 'enable_thinking');
    case 'gpt-oss':
      if (level === 'off')
        return {
          level: 'low',
          clampedFrom: 'off',
          params: { reasoning_effort: 'low' },
          note: 'gpt-oss cannot turn its reasoning off; the lowest effort, low, is sent',
        };
      if (level === 'max')
        return {
          level: 'high',
          clampedFrom: 'max',
          params: { reasoning_effort: 'high' },
          note: 'gpt-oss has low, medium and high reasoning effort',
        };
      return { level, params: { reasoning_effort: level } };
    case 'non-thinking':
      if (level === 'off') return { level, params: {} };
      return {
        level: 'off',
        clampedFrom: level,
        params: {},
        note: 'this model has no thinking mode (its model card says non-thinking only), so nothing is sent',
      };
  }
}
