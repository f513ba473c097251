import type { ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, it } from 'vitest';
import { createHuggingfacePlugin, huggingfacePlugin, type HuggingfaceSettings } from './index.js';

it('keeps the provider id as a literal type', () => {
  expectTypeOf(huggingfacePlugin).toEqualTypeOf<ProviderPlugin<'huggingface'>>();
  expectTypeOf(createHuggingfacePlugin).parameter(0).toEqualTypeOf<HuggingfaceSettings | undefined>();
});
