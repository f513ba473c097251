import { createRegistry, type ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, test } from 'vitest';
import { createSglangPlugin, sglangPlugin } from './sglang-plugin.js';

test('the plugin id is a literal type and dialects are checked', () => {
  expectTypeOf(sglangPlugin).toEqualTypeOf<ProviderPlugin<'sglang'>>();
  expectTypeOf(createRegistry({ plugins: [sglangPlugin] }).providerIds).toEqualTypeOf<readonly 'sglang'[]>();
  createSglangPlugin({ reasoningDialects: { 'my-qwen': 'qwen3' } });
  // @ts-expect-error: a vLLM-only dialect name
  createSglangPlugin({ reasoningDialects: { 'my-qwen': 'reasoning-effort' } });
});
