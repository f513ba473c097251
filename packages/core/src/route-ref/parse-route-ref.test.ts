import { describe, expect, it } from 'vitest';
import { providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { parseRouteRef } from './parse-route-ref.js';

const registry = createRegistry({ plugins: providerLikePlugins });

describe('parseRouteRef', () => {
  it.each([
    ['ollama:qwen3-coder:30b', { provider: 'ollama', model: 'qwen3-coder:30b' }],
    ['hf:deepseek-ai/DeepSeek-V4-Pro:novita', { provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro:novita' }],
    ['NIM:deepseek-ai/deepseek-v4-pro', { provider: 'nvidia-nim', model: 'deepseek-ai/deepseek-v4-pro' }],
    ['qwen3-coder:30b', { model: 'qwen3-coder:30b' }],
    ['deepseek-ai/DeepSeek-V4-Pro:novita', { model: 'deepseek-ai/DeepSeek-V4-Pro:novita' }],
    ['deepseek/deepseek-v4-pro', { model: 'deepseek/deepseek-v4-pro' }],
    ['  together:moonshotai/Kimi-K2.6  ', { provider: 'together', model: 'moonshotai/Kimi-K2.6' }],
    [':leading-colon', { model: ':leading-colon' }],
    ['ollama:', { provider: 'ollama', model: '' }],
    // @see issue 12 item 7: provider names as users type them (case, "-" and "_" folded).
    ['Hugging-Face:deepseek-ai/DeepSeek-V4-Pro', { provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro' }],
    ['nvidia_nim:deepseek-ai/deepseek-v4-pro', { provider: 'nvidia-nim', model: 'deepseek-ai/deepseek-v4-pro' }],
    ['Open_Router:z-ai/glm-5.1', { provider: 'openrouter', model: 'z-ai/glm-5.1' }],
    ['hugging.face:x', { model: 'hugging.face:x' }],
  ])('%j', (ref, expected) => {
    expect(parseRouteRef(ref, registry)).toEqual(expected);
  });
});
