import type { ReasoningLevel } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { mapServedModelReasoning } from './map-served-model-reasoning.js';

const levels: readonly ReasoningLevel[] = ['off', 'low', 'medium', 'high', 'max'];

describe('mapServedModelReasoning', () => {
  it.each([
    ['deepseek-v3', 'thinking'],
    ['qwen3', 'enable_thinking'],
  ] as const)('%s switches chat_template_kwargs.%s on or off, clamping every level but off to high', (dialect, key) => {
    expect(mapServedModelReasoning('off', dialect)).toEqual({
      level: 'off',
      params: { chat_template_kwargs: { [key]: false } },
    });
    expect(mapServedModelReasoning('high', dialect)).toEqual({
      level: 'high',
      params: { chat_template_kwargs: { [key]: true } },
    });
    for (const level of ['low', 'medium', 'max'] as const) {
      expect(mapServedModelReasoning(level, dialect)).toEqual({
        level: 'high',
        clampedFrom: level,
        params: { chat_template_kwargs: { [key]: true } },
        note: 'this model only switches thinking on or off; there are no levels',
      });
    }
  });

  it('gpt-oss sends reasoning_effort low|medium|high: off becomes low, max becomes high', () => {
    expect(levels.map((level) => mapServedModelReasoning(level, 'gpt-oss'))).toEqual([
      {
        level: 'low',
        clampedFrom: 'off',
        params: { reasoning_effort: 'low' },
        note: 'gpt-oss cannot turn its reasoning off; the lowest effort, low, is sent',
      },
      { level: 'low', params: { reasoning_effort: 'low' } },
      { level: 'medium', params: { reasoning_effort: 'medium' } },
      { level: 'high', params: { reasoning_effort: 'high' } },
      {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
        note: 'gpt-oss has low, medium and high reasoning effort',
      },
    ]);
  });

  it('non-thinking sends nothing and says so for any level but off', () => {
    expect(mapServedModelReasoning('off', 'non-thinking')).toEqual({ level: 'off', params: {} });
    expect(mapServedModelReasoning('max', 'non-thinking')).toEqual({
      level: 'off',
      clampedFrom: 'max',
      params: {},
      note: 'this model has no thinking mode (its model card says non-thinking only), so nothing is sent',
    });
  });
});
