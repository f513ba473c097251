import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { nvidiaNimModelIdPolicy } from './nvidia-nim-model-id-policy.js';

const hosted: ModelIdContext = {
  providerId: 'nvidia-nim',
  endpoint: { key: 'chat', baseUrl: 'https://integrate.api.nvidia.com/v1', official: true },
};
const selfHosted: ModelIdContext = {
  providerId: 'nvidia-nim',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:8000/v1', official: false },
};

describe('nvidiaNimModelIdPolicy', () => {
  it('has no look-up key: catalog matching is exact', () => {
    expect(nvidiaNimModelIdPolicy.lookupKey).toBeUndefined();
  });

  it.each([
    ['an OpenRouter-style id', 'deepseek/deepseek-v4-pro'],
    ['qwen/ ids', 'qwen/qwen3-coder'],
    ['openai/ ids', 'openai/gpt-5'],
    ['anthropic/ ids', 'anthropic/claude-sonnet-4'],
    ['a listed-but-stale id', 'deepseek-ai/deepseek-v3.1-terminus'],
    ['a suffixed id', 'deepseek-ai/deepseek-v4-flash-0731'],
    ['a self-hosted served name', 'my-finetune'],
    ['a path-like served name', '/models/llama'],
    ['an id with a colon', 'meta/llama:latest'],
    ['unicode letters', 'qwen/qwén-coder'],
  ])('passes %s through unchanged', (_name, id) => {
    for (const context of [hosted, selfHosted]) {
      const verdict = nvidiaNimModelIdPolicy.classify(id, context);
      expect(verdict.kind).toBe('pass-through');
    }
  });

  it('a mixed-case spelling of a catalog id passes through, naming the hosted spelling', () => {
    expect(nvidiaNimModelIdPolicy.classify('deepseek-ai/DeepSeek-V4-Pro', hosted)).toEqual({
      kind: 'pass-through',
      reason:
        'the hosted API spells it "deepseek-ai/deepseek-v4-pro" (ids there are lower-case); "deepseek-ai/DeepSeek-V4-Pro" is sent unchanged',
    });
  });

  it('z-ai/glm-4.7 (with a hyphen) is not the catalog id z-ai/glm4.7 and passes through', () => {
    expect(nvidiaNimModelIdPolicy.classify('z-ai/glm-4.7', hosted).kind).toBe('pass-through');
  });

  it.each([
    ['a space inside', 'meta/llama 3.3', 'it contains whitespace (U+0020)'],
    ['a line break', 'meta/llama\r\n', 'it contains whitespace (U+000D)'],
    ['a control character', 'meta/\u0000llama', 'it contains an invisible or control character (U+0000)'],
    ['a byte-order mark', '\ufeffmeta/llama', 'it contains an invisible or control character (U+FEFF)'],
    ['more than 512 characters', 'm'.repeat(600), 'the id is 600 characters long; wire ids have at most 512'],
  ])('rejects %s as invalid', (_name, id, reason) => {
    expect(nvidiaNimModelIdPolicy.classify(id, hosted)).toEqual({ kind: 'invalid', reason });
  });
});
