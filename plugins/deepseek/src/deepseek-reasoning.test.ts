import { REASONING_LEVELS, type ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { deepseekReasoning } from './deepseek-reasoning.js';

const chat: ReasoningContext = {
  wireModelId: 'deepseek-v4-pro',
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'https://api.deepseek.com', official: true, protocol: 'chat-completions' },
};
const anthropic: ReasoningContext = {
  wireModelId: 'deepseek-v4-pro',
  offering: undefined,
  endpoint: {
    key: 'anthropic',
    baseUrl: 'https://api.deepseek.com/anthropic',
    official: true,
    protocol: 'anthropic-messages',
  },
};
const note = 'DeepSeek thinking has two efforts, high and max; low and medium run as high';

describe('deepseekReasoning on the OpenAI-format endpoint', () => {
  it('maps every level', () => {
    expect(Object.fromEntries(REASONING_LEVELS.map((level) => [level, deepseekReasoning.map(level, chat)]))).toEqual({
      off: { level: 'off', params: { thinking: { type: 'disabled' } } },
      low: {
        level: 'high',
        clampedFrom: 'low',
        params: { thinking: { type: 'enabled' }, reasoning_effort: 'high' },
        note,
      },
      medium: {
        level: 'high',
        clampedFrom: 'medium',
        params: { thinking: { type: 'enabled' }, reasoning_effort: 'high' },
        note,
      },
      high: { level: 'high', params: { thinking: { type: 'enabled' }, reasoning_effort: 'high' } },
      max: { level: 'max', params: { thinking: { type: 'enabled' }, reasoning_effort: 'max' } },
    });
  });

  it('uses the same form on a custom OpenAI-compatible endpoint', () => {
    const custom = {
      ...chat,
      endpoint: { ...chat.endpoint, baseUrl: 'https://proxy.example.com/v1', official: false },
    };
    expect(deepseekReasoning.map('max', custom).params).toEqual({
      thinking: { type: 'enabled' },
      reasoning_effort: 'max',
    });
  });
});

describe('deepseekReasoning on the Anthropic-format endpoint', () => {
  it('maps every level to thinking.type + output_config.effort', () => {
    expect(
      Object.fromEntries(REASONING_LEVELS.map((level) => [level, deepseekReasoning.map(level, anthropic)])),
    ).toEqual({
      off: { level: 'off', params: { thinking: { type: 'disabled' } } },
      low: {
        level: 'high',
        clampedFrom: 'low',
        params: { thinking: { type: 'enabled' }, output_config: { effort: 'high' } },
        note,
      },
      medium: {
        level: 'high',
        clampedFrom: 'medium',
        params: { thinking: { type: 'enabled' }, output_config: { effort: 'high' } },
        note,
      },
      high: { level: 'high', params: { thinking: { type: 'enabled' }, output_config: { effort: 'high' } } },
      max: { level: 'max', params: { thinking: { type: 'enabled' }, output_config: { effort: 'max' } } },
    });
  });
});

/** @see issue 15 item 1: the Responses-format endpoint takes `reasoning.effort`, not `thinking`/`reasoning_effort`. */
describe('deepseekReasoning on the Responses-format endpoint', () => {
  const responses: ReasoningContext = {
    wireModelId: 'deepseek-v4-pro',
    offering: undefined,
    endpoint: { key: 'responses', baseUrl: 'https://api.deepseek.com', official: true, protocol: 'responses' },
  };

  it('maps every level to reasoning.effort, with none for off', () => {
    expect(
      Object.fromEntries(REASONING_LEVELS.map((level) => [level, deepseekReasoning.map(level, responses)])),
    ).toEqual({
      off: { level: 'off', params: { reasoning: { effort: 'none' } } },
      low: { level: 'high', clampedFrom: 'low', params: { reasoning: { effort: 'high' } }, note },
      medium: { level: 'high', clampedFrom: 'medium', params: { reasoning: { effort: 'high' } }, note },
      high: { level: 'high', params: { reasoning: { effort: 'high' } } },
      max: { level: 'max', params: { reasoning: { effort: 'max' } } },
    });
  });

  it('keeps the Chat Completions form for a protocol it does not know, even one named like an Object member', () => {
    const other = { ...responses, endpoint: { ...responses.endpoint, protocol: 'constructor' } };
    expect(deepseekReasoning.map('high', other).params).toEqual({
      thinking: { type: 'enabled' },
      reasoning_effort: 'high',
    });
  });
});
