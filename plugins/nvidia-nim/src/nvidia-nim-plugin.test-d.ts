import type { ProviderPlugin } from '@codewhale/core';
import { expectTypeOf, it } from 'vitest';
import { createNvidiaNimPlugin, nvidiaNimPlugin, type NvidiaNimSettings } from './index.js';

it('keeps the provider id as a literal type', () => {
  expectTypeOf(nvidiaNimPlugin).toEqualTypeOf<ProviderPlugin<'nvidia-nim'>>();
  expectTypeOf(createNvidiaNimPlugin).parameter(0).toEqualTypeOf<NvidiaNimSettings | undefined>();
});
