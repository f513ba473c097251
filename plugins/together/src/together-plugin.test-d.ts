import type { ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, it } from 'vitest';
import { createTogetherPlugin, togetherPlugin, type TogetherSettings } from './index.js';

it('keeps the provider id as a literal type', () => {
  expectTypeOf(togetherPlugin).toEqualTypeOf<ProviderPlugin<'together'>>();
  expectTypeOf(createTogetherPlugin).parameter(0).toEqualTypeOf<TogetherSettings | undefined>();
});
