import { REASONING_LEVELS } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { mapOpenAICompatibleReasoning } from './openai-compatible-reasoning.js';

describe('openai-compatible reasoning', () => {
  it('maps every level', () => {
    expect(REASONING_LEVELS.map((level) => mapOpenAICompatibleReasoning(level))).toEqual([
      {
        level: 'off',
        clampedFrom: 'off',
        params: {},
        note: 'there is no portable way to turn reasoning off on an OpenAI-compatible server (many reject reasoning_effort "none"); nothing is sent, so the server default applies',
      },
      { level: 'low', params: { reasoning_effort: 'low' } },
      { level: 'medium', params: { reasoning_effort: 'medium' } },
      { level: 'high', params: { reasoning_effort: 'high' } },
      {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
        note: 'the portable reasoning_effort values stop at high',
      },
    ]);
  });
});
