import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { vllmModelIdPolicy } from './vllm-model-id-policy.js';

const context: ModelIdContext = {
  providerId: 'vllm',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:8000/v1', official: true },
};
const classify = (id: string) => vllmModelIdPolicy.classify(id, context);

describe('vllm model-id policy', () => {
  it.each([
    'My-Org/Served-Name',
    'deepseek-ai/DeepSeek-V4-Pro',
    'deepseek-ai/deepseek-v4-pro',
    'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
    'gpt-oss:120b',
    'org/model:variant',
    '/models/llama-3.3-70b',
    'a/b/c/d/e',
    'modèle-été',
    '模型',
    '🐳',
    'x'.repeat(512),
  ])('passes %s through (served names are opaque)', (id) => {
    expect(classify(id)).toEqual({
      kind: 'pass-through',
      reason: 'a served model name is opaque; the vLLM server decides',
    });
  });

  it.each([
    ['my model', 'it contains whitespace'],
    ['model\ttab', 'it contains whitespace'],
    ['model\u2003em-space', 'it contains whitespace'],
    ['model\u0007bell', 'it contains control characters'],
    ['model\u0085', 'it contains control characters'],
    ['x'.repeat(513), 'it is 513 characters long; ids are at most 512'],
  ])('calls %j invalid', (id, reason) => {
    expect(classify(id)).toEqual({ kind: 'invalid', reason });
  });

  it('has no look-up key: names are case-sensitive', () => {
    expect(vllmModelIdPolicy.lookupKey).toBeUndefined();
  });
});
