import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';

/**
 * OpenRouter's unified reasoning controls (https://openrouter.ai/docs, as cited by models.dev's OpenRouter provider):
 * `reasoning.enabled`, `reasoning.effort` and `reasoning.max_tokens`. Off is `reasoning: { enabled: false }`; low,
 * medium and high are `reasoning: { effort }`. No effort above high is documented there, so max is clamped to high.
 * (CodeWhale sends `reasoning_effort: "xhigh"` for max; that is one implementation's choice, not documentation.)
 * OpenRouter passes the controls on to the upstream; a route that ignores them still answers unless the request sets
 * `provider.require_parameters`.
 */
export const openrouterReasoning: ReasoningPart = {
  map(level: ReasoningLevel): ReasoningMapping {
    if (level === 'off') return { level, params: { reasoning: { enabled: false } } };
    if (level === 'max') {
      return {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning: { effort: 'high' } },
        note: "OpenRouter's documented reasoning efforts stop at high",
      };
    }
    return { level, params: { reasoning: { effort: level } } };
  },
};
