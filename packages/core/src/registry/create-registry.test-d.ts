import { describe, expectTypeOf, it } from 'vitest';
import { descriptor, passThroughPolicy, plugin } from '../__fixtures__/synthetic-plugins.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import { createRegistry } from './create-registry.js';
import type { RegisteredProvider } from './registry-types.js';

const deepseek = plugin('deepseek');
const ollama = plugin('ollama');

describe('registry types come from the plugins passed in', () => {
  it('types provider ids as a union of the plugin ids', () => {
    const registry = createRegistry({ plugins: [deepseek, ollama] });
    expectTypeOf(registry.providerIds).toEqualTypeOf<readonly ('deepseek' | 'ollama')[]>();
    expectTypeOf(registry.provider('ollama')).toEqualTypeOf<RegisteredProvider<'deepseek' | 'ollama'>>();
    expectTypeOf(registry.defaultProviderId).toEqualTypeOf<'deepseek' | 'ollama' | undefined>();
  });

  it('does not compile a misspelled provider id', () => {
    const registry = createRegistry({ plugins: [deepseek, ollama] });
    // @ts-expect-error "deepseeek" is not a registered provider id
    registry.provider('deepseeek');
    // @ts-expect-error "together" is not registered in this registry
    registry.offeringsOfModel('together', 'deepseek-v4-pro');
    // @ts-expect-error the default provider must be one of the plugins
    createRegistry({ plugins: [deepseek], defaultProvider: 'ollama' });
    // User input goes through findProvider, which takes any string and may return undefined.
    expectTypeOf(registry.findProvider('anything')).toEqualTypeOf<
      RegisteredProvider<'deepseek' | 'ollama'> | undefined
    >();
    // An environment variable's owner is one of the registered ids, or nobody.
    expectTypeOf(registry.envVarOwner('ANY_NAME')).toEqualTypeOf<'deepseek' | 'ollama' | undefined>();
  });

  it('keeps the plugin id literal', () => {
    expectTypeOf(deepseek).toEqualTypeOf<ProviderPlugin<'deepseek'>>();
    expectTypeOf(deepseek.id).toEqualTypeOf<'deepseek'>();
  });
});

describe('definePlugin requires every part', () => {
  const parts = {
    spec: 'v1',
    id: 'acme',
    version: '1.0.0',
    descriptor: descriptor('acme'),
    offerings: [],
    models: [],
    modelIdPolicy: passThroughPolicy,
    usageMeter: { describe: () => ({ kind: 'unknown' as const, reason: 'unpriced' }) },
  } as const;

  it('accepts a complete plugin', () => {
    expectTypeOf(definePlugin(parts)).toEqualTypeOf<ProviderPlugin<'acme'>>();
  });

  it('does not compile when a required part is missing', () => {
    const { usageMeter: _meter, ...withoutMeter } = parts;
    // @ts-expect-error usageMeter is required
    definePlugin(withoutMeter);
    const { modelIdPolicy: _policy, ...withoutPolicy } = parts;
    // @ts-expect-error modelIdPolicy is required
    definePlugin(withoutPolicy);
    const { descriptor: _descriptor, ...withoutDescriptor } = parts;
    // @ts-expect-error descriptor is required
    definePlugin(withoutDescriptor);
  });

  it('does not compile another spec version or a descriptor for another provider', () => {
    // @ts-expect-error this core only knows spec v1
    definePlugin({ ...parts, spec: 'v2' });
    // @ts-expect-error the descriptor id must equal the plugin id
    definePlugin({ ...parts, descriptor: descriptor('other') });
  });

  it('does not compile a meter kind that does not exist', () => {
    // @ts-expect-error "free" is not a meter kind: local runtimes are "local", unpriced routes "unknown"
    definePlugin({ ...parts, usageMeter: { describe: () => ({ kind: 'free' }) } });
  });
});
