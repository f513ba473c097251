import { createRegistry, type ProviderPlugin } from '@codewhale/core';
import { describe, expectTypeOf, it } from 'vitest';
import { createDeepseekPlugin, deepseekPlugin, type DeepseekModelId, type DeepseekSettings } from './index.js';

describe('types', () => {
  it('keeps the provider id literal', () => {
    expectTypeOf(deepseekPlugin).toEqualTypeOf<ProviderPlugin<'deepseek'>>();
    expectTypeOf(createRegistry({ plugins: [deepseekPlugin] }).providerIds).toEqualTypeOf<readonly 'deepseek'[]>();
  });

  it('settings are optional and typed', () => {
    expectTypeOf(createDeepseekPlugin).parameter(0).toEqualTypeOf<DeepseekSettings | undefined>();
    // @ts-expect-error: only the two endpoint keys exist
    createDeepseekPlugin({ defaultEndpoint: 'beta' });
  });

  it('model ids are an open union', () => {
    expectTypeOf<'deepseek-flash'>().toExtend<DeepseekModelId>();
    expectTypeOf<'deepseek-v9'>().toExtend<DeepseekModelId>();
  });
});
