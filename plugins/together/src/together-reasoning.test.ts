import type { ReasoningContext, ReasoningLevel } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { togetherOfferings } from './together-offerings.js';
import { togetherReasoning } from './together-reasoning.js';

const endpoint = { key: 'chat', baseUrl: 'https://api.together.xyz/v1', official: true, protocol: 'chat-completions' };
const route = (model: string | undefined): ReasoningContext => {
  const offering = model === undefined ? undefined : togetherOfferings.find((entry) => entry.model === model);
  return {
    wireModelId: offering?.wireId ?? 'some-org/some-model',
    offering: offering ? { ...offering, provider: 'together' } : undefined,
    endpoint,
  };
};
const map = (level: ReasoningLevel, model?: string) => togetherReasoning.map(level, route(model));

describe('togetherReasoning', () => {
  it('DeepSeek V4 Pro: off, high and max as asked; low and medium clamped to high', () => {
    expect(map('off', 'deepseek-v4-pro')).toEqual({ level: 'off', params: { reasoning: { enabled: false } } });
    expect(map('low', 'deepseek-v4-pro')).toEqual({
      level: 'high',
      clampedFrom: 'low',
      params: { reasoning_effort: 'high' },
      note: 'DeepSeek V4 Pro on Together takes reasoning_effort high or max only',
    });
    expect(map('medium', 'deepseek-v4-pro')).toEqual({
      level: 'high',
      clampedFrom: 'medium',
      params: { reasoning_effort: 'high' },
      note: 'DeepSeek V4 Pro on Together takes reasoning_effort high or max only',
    });
    expect(map('high', 'deepseek-v4-pro')).toEqual({ level: 'high', params: { reasoning_effort: 'high' } });
    expect(map('max', 'deepseek-v4-pro')).toEqual({ level: 'max', params: { reasoning_effort: 'max' } });
  });

  it.each(['gpt-oss-120b', 'gpt-oss-20b'])('%s: effort only (off clamped to low, max to high)', (model) => {
    expect(map('off', model)).toEqual({
      level: 'low',
      clampedFrom: 'off',
      params: { reasoning_effort: 'low' },
      note: 'gpt-oss always reasons; low is its lightest effort',
    });
    expect(map('low', model)).toEqual({ level: 'low', params: { reasoning_effort: 'low' } });
    expect(map('medium', model)).toEqual({ level: 'medium', params: { reasoning_effort: 'medium' } });
    expect(map('high', model)).toEqual({ level: 'high', params: { reasoning_effort: 'high' } });
    expect(map('max', model)).toEqual({
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: 'gpt-oss efforts are low, medium and high',
    });
  });

  it.each([undefined, 'glm-5.1', 'kimi-k2.6'])('generic controls for %s', (model) => {
    expect(map('off', model)).toEqual({ level: 'off', params: { reasoning: { enabled: false } } });
    expect(map('low', model)).toEqual({ level: 'low', params: { reasoning_effort: 'low' } });
    expect(map('medium', model)).toEqual({ level: 'medium', params: { reasoning_effort: 'medium' } });
    expect(map('high', model)).toEqual({ level: 'high', params: { reasoning_effort: 'high' } });
    expect(map('max', model)).toEqual({
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: "Together's generic reasoning_effort tops out at high",
    });
  });
});
