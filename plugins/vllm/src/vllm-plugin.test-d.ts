import { createRegistry, type ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, test } from 'vitest';
import { createVllmPlugin, vllmPlugin } from './vllm-plugin.js';

test('the plugin id is a literal type and dialects are checked', () => {
  expectTypeOf(vllmPlugin).toEqualTypeOf<ProviderPlugin<'vllm'>>();
  expectTypeOf(createRegistry({ plugins: [vllmPlugin] }).providerIds).toEqualTypeOf<readonly 'vllm'[]>();
  createVllmPlugin({ reasoningDialects: { 'my-qwen': 'qwen3' } });
  // @ts-expect-error: not a dialect
  createVllmPlugin({ reasoningDialects: { 'my-qwen': 'qwen4' } });
});
