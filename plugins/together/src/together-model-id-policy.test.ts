import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { togetherModelIdPolicy } from './together-model-id-policy.js';

const official: ModelIdContext = {
  providerId: 'together',
  endpoint: { key: 'chat', baseUrl: 'https://api.together.xyz/v1', official: true },
};
const custom: ModelIdContext = {
  providerId: 'together',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:9000/v1', official: false },
};

describe('togetherModelIdPolicy', () => {
  it('has no look-up key: catalog matching is exact', () => {
    expect(togetherModelIdPolicy.lookupKey).toBeUndefined();
  });

  it.each([
    ['namespaced ids of other organisations', 'deepseek/deepseek-v4-pro'],
    ['an OpenRouter-style id', 'qwen/qwen3-coder'],
    ['an openai/ id', 'openai/gpt-5'],
    ['an anthropic/ id', 'anthropic/claude-sonnet-4'],
    ['a suffixed variant', 'meta-llama/Llama-3.3-70B-Instruct-Turbo-Free'],
    ['a -tput variant', 'deepseek-ai/DeepSeek-V3.1-tput'],
    ['a bare id', 'deepseek-v4-flash'],
    ['a CodeWhale-only id', 'deepseek-ai/DeepSeek-V4-Flash'],
    ['a retired/renamed upstream id', 'deepseek-ai/DeepSeek-V3-1'],
    ['an id with a colon', 'deepseek-ai/DeepSeek-V4-Pro:together'],
    ['unicode letters', 'qwen/qwén-coder'],
    ['CJK', '通义/千问'],
    ['exactly 512 characters', `a/${'b'.repeat(510)}`],
  ])('passes %s through unchanged', (_name, id) => {
    for (const context of [official, custom]) {
      const verdict = togetherModelIdPolicy.classify(id, context);
      expect(verdict.kind).toBe('pass-through');
      expect('wireId' in verdict).toBe(false);
    }
  });

  it('notes the listed casing for a differently-cased catalog id, and still sends it unchanged', () => {
    const verdict = togetherModelIdPolicy.classify('deepseek-ai/deepseek-v4-pro', official);
    expect(verdict).toEqual({
      kind: 'pass-through',
      reason:
        'Together lists it as "deepseek-ai/DeepSeek-V4-Pro"; its id matching appears case-insensitive (inferred, not documented), so "deepseek-ai/deepseek-v4-pro" is sent unchanged',
    });
  });

  it.each([
    ['a space inside', 'deepseek-ai/DeepSeek V4-Pro', 'it contains whitespace (U+0020)'],
    ['a tab', 'deepseek-ai/DeepSeek-V4-Pro\t', 'it contains whitespace (U+0009)'],
    ['a newline', 'a/b\nc', 'it contains whitespace (U+000A)'],
    ['a no-break space', 'a/b\u00a0c', 'it contains whitespace (U+00A0)'],
    ['a control character', 'a/b\u0007c', 'it contains an invisible or control character (U+0007)'],
    [
      'a zero-width space',
      'deepseek-ai/DeepSeek-V4-Pro\u200b',
      'it contains an invisible or control character (U+200B)',
    ],
    ['a right-to-left override', 'a/\u202eorp', 'it contains an invisible or control character (U+202E)'],
    ['a lone surrogate', 'a/\ud800b', 'it contains an invisible or control character (U+D800)'],
    ['more than 512 characters', `a/${'b'.repeat(511)}`, 'the id is 513 characters long; wire ids have at most 512'],
    ['nothing', '', 'the id is empty'],
  ])('rejects %s as invalid', (_name, id, reason) => {
    expect(togetherModelIdPolicy.classify(id, official)).toEqual({ kind: 'invalid', reason });
  });
});
