import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';

const DEPENDS = 'whether reasoning_effort is honoured depends on the model and the upstream provider serving it';

/**
 * The router's top-level `reasoning_effort` takes none|minimal|low|medium|high|xhigh (models.dev, citing HF's
 * chat-completion task docs). Every level maps onto that scale without loss: off → none, max → xhigh (the router's
 * top effort). Whether an upstream honours it is not known here, which every mapping's note says.
 */
export const huggingfaceReasoning: ReasoningPart = {
  map(level: ReasoningLevel): ReasoningMapping {
    if (level === 'off') return { level, params: { reasoning_effort: 'none' }, note: DEPENDS };
    if (level === 'max')
      return {
        level,
        params: { reasoning_effort: 'xhigh' },
        note: `max is sent as xhigh, the router's top effort; ${DEPENDS}`,
      };
    return { level, params: { reasoning_effort: level }, note: DEPENDS };
  },
};
