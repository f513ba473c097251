import { createRegistry, type ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, test } from 'vitest';
import { createOpenAICompatiblePlugin } from './openai-compatible-plugin.js';

test('the id you pass becomes the literal plugin id', () => {
  const lmstudio = createOpenAICompatiblePlugin({ id: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' });
  expectTypeOf(lmstudio).toEqualTypeOf<ProviderPlugin<'lmstudio'>>();
  expectTypeOf(createRegistry({ plugins: [lmstudio] }).providerIds).toEqualTypeOf<readonly 'lmstudio'[]>();
  // @ts-expect-error: baseUrl is required
  createOpenAICompatiblePlugin({ id: 'x' });
});
