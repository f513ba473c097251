import { describe, expectTypeOf, it } from 'vitest';
import { plugin } from '../__fixtures__/synthetic-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { providerEnvNames, providerEnvValues, type ProviderEnvValue } from './provider-env.js';

describe('provider environment helpers', () => {
  it('take a registered descriptor and process.env as they are', () => {
    const registry = createRegistry({ plugins: [plugin('acme')] });
    const read = providerEnvValues(registry.provider('acme').descriptor, process.env);
    expectTypeOf(read.baseUrl).toEqualTypeOf<ProviderEnvValue | undefined>();
    expectTypeOf(read.ignored).toEqualTypeOf<readonly { readonly name: string; readonly reason: string }[]>();
    expectTypeOf(providerEnvNames(registry.provider('acme').descriptor).baseUrl).toEqualTypeOf<readonly string[]>();
    // @ts-expect-error the environment holds strings
    providerEnvValues(registry.provider('acme').descriptor, { ACME_BASE_URL: 1 });
  });
});
