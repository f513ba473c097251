import { REASONING_LEVELS, type ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { openrouterReasoning } from './openrouter-reasoning.js';

const context: ReasoningContext = {
  wireModelId: 'qwen/qwen3-coder:free',
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'https://openrouter.ai/api/v1', official: true, protocol: 'chat-completions' },
};

describe('openrouterReasoning', () => {
  it('maps every level to OpenRouter reasoning parameters', () => {
    expect(
      Object.fromEntries(REASONING_LEVELS.map((level) => [level, openrouterReasoning.map(level, context)])),
    ).toEqual({
      off: { level: 'off', params: { reasoning: { enabled: false } } },
      low: { level: 'low', params: { reasoning: { effort: 'low' } } },
      medium: { level: 'medium', params: { reasoning: { effort: 'medium' } } },
      high: { level: 'high', params: { reasoning: { effort: 'high' } } },
      max: {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning: { effort: 'high' } },
        note: "OpenRouter's documented reasoning efforts stop at high",
      },
    });
  });
});
