import { REASONING_LEVELS, type ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { ollamaReasoning } from './ollama-reasoning.js';

const on = (wireModelId: string): ReasoningContext => ({
  wireModelId,
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:11434/v1', official: true, protocol: 'chat-completions' },
});

describe('ollama reasoning dialect', () => {
  it('maps every level to reasoning_effort (off → none) for ordinary models', () => {
    const mapped = REASONING_LEVELS.map((level) => ollamaReasoning.map(level, on('qwen3:32b')));
    expect(mapped.map((mapping) => [mapping.level, mapping.clampedFrom, mapping.params])).toEqual([
      ['off', undefined, { reasoning_effort: 'none' }],
      ['low', undefined, { reasoning_effort: 'low' }],
      ['medium', undefined, { reasoning_effort: 'medium' }],
      ['high', undefined, { reasoning_effort: 'high' }],
      ['max', undefined, { reasoning_effort: 'max' }],
    ]);
  });

  it('clamps gpt-oss: off → low (its trace cannot be turned off), max → high', () => {
    for (const id of ['gpt-oss:120b', 'GPT-OSS:20B', 'gpt-oss:120b-cloud']) {
      expect(ollamaReasoning.map('off', on(id))).toEqual({
        level: 'low',
        clampedFrom: 'off',
        params: { reasoning_effort: 'low' },
        note: 'gpt-oss cannot turn its reasoning trace off; the lowest level, low, is sent',
      });
      expect(ollamaReasoning.map('max', on(id))).toMatchObject({
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
      });
      expect(ollamaReasoning.map('medium', on(id))).toEqual({
        level: 'medium',
        params: { reasoning_effort: 'medium' },
      });
    }
  });

  it('sends nothing to known non-thinking models and says so', () => {
    expect(ollamaReasoning.map('off', on('qwen3-coder:480b'))).toEqual({ level: 'off', params: {} });
    expect(ollamaReasoning.map('high', on('qwen3-coder-next'))).toEqual({
      level: 'off',
      clampedFrom: 'high',
      params: {},
      note: 'qwen3-coder-next has no thinking mode (its model card says non-thinking only), so no reasoning control is sent',
    });
  });
});
