import type { ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { huggingfaceReasoning } from './huggingface-reasoning.js';

const context: ReasoningContext = {
  wireModelId: 'deepseek-ai/DeepSeek-V4-Pro:novita',
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'https://router.huggingface.co/v1', official: true, protocol: 'chat-completions' },
};
const DEPENDS = 'whether reasoning_effort is honoured depends on the model and the upstream provider serving it';

describe('huggingfaceReasoning', () => {
  it.each([
    ['off', 'none'],
    ['low', 'low'],
    ['medium', 'medium'],
    ['high', 'high'],
  ] as const)('%s → reasoning_effort %s', (level, effort) => {
    expect(huggingfaceReasoning.map(level, context)).toEqual({
      level,
      params: { reasoning_effort: effort },
      note: DEPENDS,
    });
  });

  it('max → xhigh, the router’s top level (not a clamp)', () => {
    expect(huggingfaceReasoning.map('max', context)).toEqual({
      level: 'max',
      params: { reasoning_effort: 'xhigh' },
      note: `max is sent as xhigh, the router's top effort; ${DEPENDS}`,
    });
  });
});
