import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';
import { findOllamaKnownModel } from './ollama-known-models.js';

// OpenAI-compatible API: reasoning_effort ∈ {none, low, medium, high, max}; none → think:false
// (docs/api/openai-compatibility.mdx; openai/openai.go thinkFromReasoningEffort, ollama commit fb30760).
// gpt-oss: levels only, booleans ignored, trace cannot be turned off (docs/capabilities/thinking.mdx).

/** Map a reasoning level to Ollama's `reasoning_effort`, by the well-known model the wire id names. */
export function mapOllamaReasoning(level: ReasoningLevel, wireModelId: string): ReasoningMapping {
  const known = findOllamaKnownModel(wireModelId);
  if (known?.reasoning === 'non-thinking') {
    if (level === 'off') return { level, params: {} };
    return {
      level: 'off',
      clampedFrom: level,
      params: {},
      note: `${known.canonical} has no thinking mode (its model card says non-thinking only), so no reasoning control is sent`,
    };
  }
  if (known?.reasoning === 'gpt-oss') {
    if (level === 'off') {
      return {
        level: 'low',
        clampedFrom: 'off',
        params: { reasoning_effort: 'low' },
        note: 'gpt-oss cannot turn its reasoning trace off; the lowest level, low, is sent',
      };
    }
    if (level === 'max')
      return {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
        note: 'gpt-oss has low, medium and high reasoning levels',
      };
    return { level, params: { reasoning_effort: level } };
  }
  if (level === 'off') return { level, params: { reasoning_effort: 'none' } };
  return {
    level,
    params: { reasoning_effort: level },
    note: 'a model without the thinking capability may reject reasoning_effort; discovery lists capabilities',
  };
}

/** Ollama's reasoning dialect (OpenAI-compatible `reasoning_effort`). */
export const ollamaReasoning: ReasoningPart = {
  map: (level, context) => mapOllamaReasoning(level, context.wireModelId),
};
