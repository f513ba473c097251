import { REASONING_LEVELS, type ReasoningContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { createVllmReasoning } from './vllm-reasoning.js';

const on = (wireModelId: string): ReasoningContext => ({
  wireModelId,
  offering: undefined,
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:8000/v1', official: true, protocol: 'chat-completions' },
});
const table = (reasoning: ReturnType<typeof createVllmReasoning>, id: string) =>
  REASONING_LEVELS.map((level) => {
    const mapping = reasoning.map(level, on(id));
    return [level, mapping.level, mapping.clampedFrom, mapping.params];
  });

describe('vllm reasoning dialects', () => {
  const reasoning = createVllmReasoning(
    new Map([
      ['my-qwen', 'qwen3'],
      ['my-v31', 'deepseek-v3'],
      ['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-v4'],
    ] as const),
  );

  it('DeepSeek V4: chat_template_kwargs thinking + reasoning_effort high|max (low/medium clamp to high)', () => {
    expect(table(reasoning, 'deepseek-ai/DeepSeek-V4-Flash')).toEqual([
      ['off', 'off', undefined, { chat_template_kwargs: { thinking: false } }],
      ['low', 'high', 'low', { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } }],
      ['medium', 'high', 'medium', { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } }],
      ['high', 'high', undefined, { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } }],
      ['max', 'max', undefined, { chat_template_kwargs: { thinking: true, reasoning_effort: 'max' } }],
    ]);
    expect(reasoning.map('max', on('deepseek-ai/DeepSeek-V4-Pro')).note).toBe(
      'Think Max needs the server started with --max-model-len 393216 or more',
    );
  });

  it('Qwen3 (declared in settings): enable_thinking on/off', () => {
    expect(table(reasoning, 'my-qwen')).toEqual([
      ['off', 'off', undefined, { chat_template_kwargs: { enable_thinking: false } }],
      ['low', 'high', 'low', { chat_template_kwargs: { enable_thinking: true } }],
      ['medium', 'high', 'medium', { chat_template_kwargs: { enable_thinking: true } }],
      ['high', 'high', undefined, { chat_template_kwargs: { enable_thinking: true } }],
      ['max', 'high', 'max', { chat_template_kwargs: { enable_thinking: true } }],
    ]);
  });

  it('DeepSeek V3.1/V3.2 (declared in settings): thinking on/off', () => {
    expect(table(reasoning, 'my-v31')).toEqual([
      ['off', 'off', undefined, { chat_template_kwargs: { thinking: false } }],
      ['low', 'high', 'low', { chat_template_kwargs: { thinking: true } }],
      ['medium', 'high', 'medium', { chat_template_kwargs: { thinking: true } }],
      ['high', 'high', undefined, { chat_template_kwargs: { thinking: true } }],
      ['max', 'high', 'max', { chat_template_kwargs: { thinking: true } }],
    ]);
  });

  it('gpt-oss: top-level reasoning_effort; off clamps to low, max to high', () => {
    expect(table(reasoning, 'openai/gpt-oss-120b')).toEqual([
      ['off', 'low', 'off', { reasoning_effort: 'low' }],
      ['low', 'low', undefined, { reasoning_effort: 'low' }],
      ['medium', 'medium', undefined, { reasoning_effort: 'medium' }],
      ['high', 'high', undefined, { reasoning_effort: 'high' }],
      ['max', 'high', 'max', { reasoning_effort: 'high' }],
    ]);
  });

  it('non-thinking Qwen3-Coder: nothing to send; on-levels clamp to off', () => {
    expect(table(reasoning, 'Qwen/Qwen3-Coder-480B-A35B-Instruct')).toEqual([
      ['off', 'off', undefined, {}],
      ['low', 'off', 'low', {}],
      ['medium', 'off', 'medium', {}],
      ['high', 'off', 'high', {}],
      ['max', 'off', 'max', {}],
    ]);
  });

  it('unknown served names: top-level reasoning_effort with a note; off sends nothing and says so', () => {
    expect(table(reasoning, 'My-Org/Served-Name')).toEqual([
      ['off', 'off', 'off', {}],
      ['low', 'low', undefined, { reasoning_effort: 'low' }],
      ['medium', 'medium', undefined, { reasoning_effort: 'medium' }],
      ['high', 'high', undefined, { reasoning_effort: 'high' }],
      ['max', 'high', 'max', { reasoning_effort: 'high' }],
    ]);
    expect(reasoning.map('low', on('My-Org/Served-Name')).note).toBe(
      'top-level reasoning_effort is model-specific and needs the server started with --reasoning-parser',
    );
    expect(reasoning.map('off', on('My-Org/Served-Name')).note).toContain('no model-independent switch');
  });

  it('matches served names byte-for-byte', () => {
    expect(reasoning.map('off', on('deepseek-ai/deepseek-v4-pro')).params).toEqual({});
    expect(reasoning.map('off', on('MY-QWEN')).params).toEqual({});
  });
});
