import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { huggingfaceModelIdPolicy, stripHuggingfaceSuffix } from './huggingface-model-id-policy.js';

const official: ModelIdContext = {
  providerId: 'huggingface',
  endpoint: { key: 'chat', baseUrl: 'https://router.huggingface.co/v1', official: true },
};
const lookupKey = huggingfaceModelIdPolicy.lookupKey!;

describe('huggingface look-up key', () => {
  it.each([
    ['deepseek-ai/DeepSeek-V4-Pro:novita', 'deepseek-ai/DeepSeek-V4-Pro'],
    ['deepseek-ai/DeepSeek-V4-Pro:fireworks-ai', 'deepseek-ai/DeepSeek-V4-Pro'],
    ['openai/gpt-oss-120b:cheapest', 'openai/gpt-oss-120b'],
    ['openai/gpt-oss-120b:fastest', 'openai/gpt-oss-120b'],
    ['openai/gpt-oss-120b:preferred', 'openai/gpt-oss-120b'],
    ['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-ai/DeepSeek-V4-Pro'],
    ['a/b:together:fastest', 'a/b:together'],
    ['a/b:Novita', 'a/b:Novita'],
    ['a/b:', 'a/b:'],
  ])('%s → %s (one lower-case suffix only)', (id, key) => {
    expect(lookupKey(id)).toBe(key);
    expect(stripHuggingfaceSuffix(id)).toBe(key);
  });
});

describe('huggingfaceModelIdPolicy.classify', () => {
  it.each([
    ['an OpenRouter-style id', 'deepseek/deepseek-v4-pro'],
    ['qwen/ ids', 'qwen/qwen3-coder'],
    ['anthropic/ ids', 'anthropic/claude-sonnet-4'],
    ['the legacy V3.2 (not in the catalog)', 'deepseek-ai/DeepSeek-V3.2'],
    ['a pinned unknown model', 'deepseek-ai/DeepSeek-V3-0324:novita'],
    ['an upper-case suffix', 'deepseek-ai/DeepSeek-V4-Pro:Novita'],
    ['two suffixes', 'a/b:together:fastest'],
    ['unicode', 'org/modèle-ß'],
  ])('passes %s through unchanged', (_name, id) => {
    expect(huggingfaceModelIdPolicy.classify(id, official).kind).toBe('pass-through');
  });

  it('names the catalog spelling for a differently-cased id, keeping the suffix', () => {
    expect(huggingfaceModelIdPolicy.classify('deepseek-ai/deepseek-v4-pro:novita', official)).toEqual({
      kind: 'pass-through',
      reason:
        'the catalog spells it "deepseek-ai/DeepSeek-V4-Pro:novita"; "deepseek-ai/deepseek-v4-pro:novita" is sent unchanged for the router to decide',
    });
  });

  it('names the catalog spelling for a differently-cased id without a suffix', () => {
    expect(huggingfaceModelIdPolicy.classify('deepseek-ai/deepseek-v4-pro', official)).toEqual({
      kind: 'pass-through',
      reason:
        'the catalog spells it "deepseek-ai/DeepSeek-V4-Pro"; "deepseek-ai/deepseek-v4-pro" is sent unchanged for the router to decide',
    });
  });

  it('says only that the router decides for an unknown id without a suffix', () => {
    expect(huggingfaceModelIdPolicy.classify('meta-llama/Llama-4-Scout', official)).toEqual({
      kind: 'pass-through',
      reason: 'the router serves more models than this catalog lists; the id is sent unchanged and the router decides',
    });
  });

  it('says that an unknown pinned id keeps its suffix', () => {
    expect(huggingfaceModelIdPolicy.classify('meta-llama/Llama-4-Scout:groq', official)).toEqual({
      kind: 'pass-through',
      reason:
        'the router serves more models than this catalog lists; the id is sent unchanged with its :groq suffix and the router decides',
    });
  });

  it.each([
    [
      'an empty suffix',
      'deepseek-ai/DeepSeek-V4-Pro:',
      { reason: 'the routing suffix after ":" is empty', suggestion: 'deepseek-ai/DeepSeek-V4-Pro' },
    ],
    [
      'empty suffixes',
      'deepseek-ai/DeepSeek-V4-Pro::',
      { reason: 'the routing suffix after ":" is empty', suggestion: 'deepseek-ai/DeepSeek-V4-Pro' },
    ],
    [
      'an empty suffix after a provider',
      'deepseek-ai/DeepSeek-V4-Pro:novita:',
      { reason: 'the routing suffix after ":" is empty', suggestion: 'deepseek-ai/DeepSeek-V4-Pro:novita' },
    ],
    ['only a suffix', ':novita', { reason: 'there is no model before the routing suffix' }],
    ['a space inside', 'deepseek-ai/DeepSeek-V4-Pro :novita', { reason: 'it contains whitespace (U+0020)' }],
    ['a zero-width joiner', 'a/b\u200dc', { reason: 'it contains an invisible or control character (U+200D)' }],
    ['an escape character', 'a/b\u001b[31m', { reason: 'it contains an invisible or control character (U+001B)' }],
    [
      'more than 512 characters',
      `a/${'b'.repeat(520)}`,
      { reason: 'the id is 522 characters long; wire ids have at most 512' },
    ],
  ])('rejects %s as invalid', (_name, id, verdict) => {
    expect(huggingfaceModelIdPolicy.classify(id, official)).toEqual({ kind: 'invalid', ...verdict });
  });
});
