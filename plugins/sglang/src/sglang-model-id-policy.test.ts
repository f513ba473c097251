import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { sglangModelIdPolicy } from './sglang-model-id-policy.js';

const context: ModelIdContext = {
  providerId: 'sglang',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:30000/v1', official: true },
};
const classify = (id: string) => sglangModelIdPolicy.classify(id, context);

describe('sglang model-id policy', () => {
  it.each([
    'meta-llama/Llama-3.1-8B-Instruct',
    'default',
    'DeepSeek-V4-Pro',
    'base-model:adapter-name',
    'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
    'モデル',
    'x'.repeat(512),
  ])('passes %s through byte-for-byte', (id) => {
    expect(classify(id).kind).toBe('pass-through');
  });

  it.each([
    ['my model', 'it contains whitespace'],
    ['model\n', 'it contains whitespace'],
    ['model\u001b[0m', 'it contains control characters'],
    ['x'.repeat(600), 'it is 600 characters long; ids are at most 512'],
  ])('calls %j invalid', (id, reason) => {
    expect(classify(id)).toEqual({ kind: 'invalid', reason });
  });
});
