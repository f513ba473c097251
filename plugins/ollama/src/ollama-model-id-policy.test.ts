import type { ModelIdContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { ollamaLookupKey, ollamaModelIdPolicy } from './ollama-model-id-policy.js';

const context: ModelIdContext = {
  providerId: 'ollama',
  endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:11434/v1', official: true },
};
const classify = (id: string) => ollamaModelIdPolicy.classify(id, context);

describe('ollama model-id policy', () => {
  it.each([
    'qwen3-coder:30b',
    'Qwen3-Coder:30B',
    'llama3.2',
    'gpt-oss:120b-cloud',
    'deepseek-v4-pro:0813-cloud',
    'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
    'registry.ollama.ai/library/llama3.2:latest',
    'localhost:5000/team/model:v1.2',
    'myname/mymodel',
    'deepseek-ai/DeepSeek-V4-Pro',
    'a'.repeat(512),
  ])('passes %s through unchanged', (id) => {
    expect(classify(id).kind).toBe('pass-through');
  });

  it.each([
    ['qwen3 coder:30b', 'it contains whitespace', undefined],
    ['qwen3-coder:30b\u00a0', 'it contains whitespace', undefined],
    ['llama3.2\u0000', 'it contains control characters', undefined],
    ['llama3.2:', 'the tag after ":" is empty', 'llama3.2'],
    [':latest', 'the model name before ":" is empty', undefined],
    ['a/b/c/d', 'it has 4 path segments; the form is [host/][namespace/]model[:tag]', undefined],
    ['team//model', 'it has an empty path segment', undefined],
    ['model/', 'it has an empty path segment', undefined],
    ['modèle', 'it contains "è"; names use only letters, digits and . _ - / :', undefined],
    ['model@sha256', 'it contains "@"; names use only letters, digits and . _ - / :', undefined],
    ['🐳:latest', 'it contains "🐳"; names use only letters, digits and . _ - / :', undefined],
    ['a'.repeat(513), 'it is 513 characters long; names are at most 512', undefined],
  ])('calls %j invalid', (id, reason, suggestion) => {
    expect(classify(id)).toEqual({ kind: 'invalid', reason, ...(suggestion ? { suggestion } : {}) });
  });

  it('never calls an id foreign, whatever family it looks like', () => {
    for (const id of ['deepseek-chat', 'openai/gpt-oss-120b', 'moonshotai/Kimi-K2.6', 'claude-sonnet'])
      expect(classify(id).kind).toBe('pass-through');
  });

  it('matches case-insensitively with :latest implied, only for look-ups', () => {
    expect(ollamaLookupKey('Llama3.2')).toBe('llama3.2:latest');
    expect(ollamaLookupKey('llama3.2:LATEST')).toBe('llama3.2:latest');
    expect(ollamaLookupKey('Qwen3-Coder:30B')).toBe('qwen3-coder:30b');
    expect(ollamaLookupKey('localhost:5000/team/model')).toBe('localhost:5000/team/model:latest');
    expect(ollamaLookupKey('localhost:5000/team/model:v1')).toBe('localhost:5000/team/model:v1');
  });
});
