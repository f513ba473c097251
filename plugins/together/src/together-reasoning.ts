import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';
import { reasoningByControl } from '@codewhale/plugin-kit';

// DeepSeek V4 Pro on Together: reasoning on by default; reasoning_effort high|max only
// (https://docs.together.ai/docs/deepseek-v4-quickstart). Off uses the hybrid switch reasoning.enabled.
function deepseekV4(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off') return { level, params: { reasoning: { enabled: false } } };
  if (level === 'low' || level === 'medium') {
    return {
      level: 'high',
      clampedFrom: level,
      params: { reasoning_effort: 'high' },
      note: 'DeepSeek V4 Pro on Together takes reasoning_effort high or max only',
    };
  }
  return { level, params: { reasoning_effort: level } };
}

// gpt-oss is "adjustable effort" on Together (low|medium|high) and cannot switch reasoning off
// (https://docs.together.ai/docs/inference/chat/reasoning).
function gptOss(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off')
    return {
      level: 'low',
      clampedFrom: 'off',
      params: { reasoning_effort: 'low' },
      note: 'gpt-oss always reasons; low is its lightest effort',
    };
  if (level === 'max')
    return {
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: 'gpt-oss efforts are low, medium and high',
    };
  return { level, params: { reasoning_effort: level } };
}

// Everything else: Together's generic controls, reasoning.enabled (hybrid models) and reasoning_effort low|medium|high
// (PROVIDERS.md section 2, citing docs.together.ai/docs/inference/chat/reasoning). Models without a reasoning mode ignore them.
function generic(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off') return { level, params: { reasoning: { enabled: false } } };
  if (level === 'max')
    return {
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: "Together's generic reasoning_effort tops out at high",
    };
  return { level, params: { reasoning_effort: level } };
}

/**
 * Together's reasoning dialect: the catalog names an offering's model-specific control (`reasoningControl`, with its
 * source; known only for catalog offerings on the official endpoint); other routes get the generic form.
 */
export const togetherReasoning: ReasoningPart = reasoningByControl(
  { 'deepseek-v4': deepseekV4, 'gpt-oss': gptOss },
  generic,
);
