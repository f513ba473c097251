import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { openrouterModelIdPolicy } from './openrouter-model-id-policy.js';

const context: ModelIdContext = {
  providerId: 'openrouter',
  endpoint: { key: 'chat', baseUrl: 'https://openrouter.ai/api/v1', official: true },
};
const classify = (id: string) => openrouterModelIdPolicy.classify(id, context);

describe('openrouterModelIdPolicy', () => {
  it.each([
    ['qwen/qwen3-coder:free', '":free" variant'],
    ['openai/gpt-oss-120b:free', '":free" variant'],
    ['~moonshotai/kimi-latest', '~vendor/model-latest alias'],
    ['DeepSeek/DeepSeek-V4-Pro', 'this catalog lists "deepseek/deepseek-v4-pro"'],
    ['deepseek/deepseek-v4-flash-20260423', 'sent unchanged'],
    ['openrouter/auto', 'sent unchanged'],
    ['模型/模型', 'sent unchanged'],
    ['m'.repeat(512), 'sent unchanged'],
  ])('%s passes through (%s)', (id, reason) => {
    const verdict = classify(id);
    expect(verdict.kind).toBe('pass-through');
    expect(verdict.reason).toContain(reason);
  });

  it.each([
    ['', 'empty'],
    ['deepseek/deepseek v4-pro', 'whitespace (U+0020)'],
    ['qwen/qwen3-coder\n', 'whitespace (U+000A)'],
    ['qwen/qwen3\u00a0coder', 'whitespace (U+00A0)'],
    ['qwen/qwen3\u200bcoder', 'invisible or control character (U+200B)'],
    ['qwen/qwen3\u0000coder', 'invisible or control character (U+0000)'],
    ['m'.repeat(513), '513 characters'],
  ])('%j is invalid (%s)', (id, reason) => {
    const verdict = classify(id);
    expect(verdict.kind).toBe('invalid');
    expect(verdict.reason).toContain(reason);
  });

  it('has no lookupKey: catalog matching is exact', () => {
    expect(openrouterModelIdPolicy.lookupKey).toBeUndefined();
  });
});
