import { REASONING_LEVELS, type ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { createSglangReasoning } from './sglang-reasoning.js';

const on = (wireModelId: string): ReasoningContext => ({
  wireModelId,
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:30000/v1', official: true, protocol: 'chat-completions' },
});
const reasoning = createSglangReasoning(
  new Map([
    ['my-qwen', 'qwen3'],
    ['my-v32', 'deepseek-v3'],
  ] as const),
);
const table = (id: string) =>
  REASONING_LEVELS.map((level) => {
    const mapping = reasoning.map(level, on(id));
    return [level, mapping.level, mapping.clampedFrom, mapping.params];
  });

describe('sglang reasoning dialects', () => {
  it('unknown models: DeepSeek-style thinking + reasoning_effort (CodeWhale); off turns both template switches off', () => {
    expect(table('meta-llama/Llama-3.1-8B-Instruct')).toEqual([
      ['off', 'off', undefined, { chat_template_kwargs: { thinking: false, enable_thinking: false } }],
      ['low', 'low', undefined, { chat_template_kwargs: { thinking: true }, reasoning_effort: 'low' }],
      ['medium', 'medium', undefined, { chat_template_kwargs: { thinking: true }, reasoning_effort: 'medium' }],
      ['high', 'high', undefined, { chat_template_kwargs: { thinking: true }, reasoning_effort: 'high' }],
      ['max', 'high', 'max', { chat_template_kwargs: { thinking: true }, reasoning_effort: 'high' }],
    ]);
  });

  it('DeepSeek V4: thinking + reasoning_effort high|max', () => {
    expect(table('deepseek-ai/DeepSeek-V4-Pro')).toEqual([
      ['off', 'off', undefined, { chat_template_kwargs: { thinking: false } }],
      ['low', 'high', 'low', { chat_template_kwargs: { thinking: true }, reasoning_effort: 'high' }],
      ['medium', 'high', 'medium', { chat_template_kwargs: { thinking: true }, reasoning_effort: 'high' }],
      ['high', 'high', undefined, { chat_template_kwargs: { thinking: true }, reasoning_effort: 'high' }],
      ['max', 'max', undefined, { chat_template_kwargs: { thinking: true }, reasoning_effort: 'max' }],
    ]);
  });

  it('Qwen3 uses enable_thinking; DeepSeek V3.x uses thinking (declared in settings)', () => {
    expect(table('my-qwen').map((row) => row[3])).toEqual([
      { chat_template_kwargs: { enable_thinking: false } },
      { chat_template_kwargs: { enable_thinking: true } },
      { chat_template_kwargs: { enable_thinking: true } },
      { chat_template_kwargs: { enable_thinking: true } },
      { chat_template_kwargs: { enable_thinking: true } },
    ]);
    expect(table('my-v32').map((row) => [row[1], row[2]])).toEqual([
      ['off', undefined],
      ['high', 'low'],
      ['high', 'medium'],
      ['high', undefined],
      ['high', 'max'],
    ]);
  });

  it('gpt-oss: off → low, max → high; non-thinking Qwen3-Coder: nothing sent', () => {
    expect(table('openai/gpt-oss-20b')).toEqual([
      ['off', 'low', 'off', { reasoning_effort: 'low' }],
      ['low', 'low', undefined, { reasoning_effort: 'low' }],
      ['medium', 'medium', undefined, { reasoning_effort: 'medium' }],
      ['high', 'high', undefined, { reasoning_effort: 'high' }],
      ['max', 'high', 'max', { reasoning_effort: 'high' }],
    ]);
    expect(table('Qwen/Qwen3-Coder-Next').map((row) => [row[1], row[2], row[3]])).toEqual([
      ['off', undefined, {}],
      ['off', 'low', {}],
      ['off', 'medium', {}],
      ['off', 'high', {}],
      ['off', 'max', {}],
    ]);
  });
});
