import { createRegistry, type ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, test } from 'vitest';
import { createOllamaPlugin, ollamaPlugin } from './ollama-plugin.js';

test('the plugin id is a literal type and flows into the registry', () => {
  expectTypeOf(ollamaPlugin).toEqualTypeOf<ProviderPlugin<'ollama'>>();
  expectTypeOf(createOllamaPlugin({ baseUrl: 'http://127.0.0.1:11434/v1' }).id).toEqualTypeOf<'ollama'>();
  expectTypeOf(createRegistry({ plugins: [ollamaPlugin] }).providerIds).toEqualTypeOf<readonly 'ollama'[]>();
  // @ts-expect-error: settings take a base URL string only
  createOllamaPlugin({ baseUrl: 11434 });
});
