import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { openAICompatibleModelIdPolicy } from './openai-compatible-model-id-policy.js';

const context: ModelIdContext = {
  providerId: 'lmstudio',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:1234/v1', official: true },
};
const classify = (id: string) => openAICompatibleModelIdPolicy.classify(id, context);

describe('openai-compatible model-id policy', () => {
  it.each([
    'qwen2.5-coder-7b-instruct',
    'Org/Model:Q4_K_M',
    'deepseek-ai/DeepSeek-V4-Pro',
    'gpt-oss:20b',
    'models/gemini-pro',
    'ünïcødé',
    'x'.repeat(512),
  ])('passes %s through', (id) => {
    expect(classify(id)).toEqual({
      kind: 'pass-through',
      reason: 'an OpenAI-compatible endpoint you configured decides which ids it serves',
    });
  });

  it.each([
    ['two words', 'it contains whitespace'],
    ['tab\there', 'it contains whitespace'],
    ['nul\u0000', 'it contains control characters'],
    ['x'.repeat(513), 'it is 513 characters long; ids are at most 512'],
  ])('calls %j invalid', (id, reason) => {
    expect(classify(id)).toEqual({ kind: 'invalid', reason });
  });
});
