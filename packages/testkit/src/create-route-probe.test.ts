import { describe, expect, expectTypeOf, it } from 'vitest';
import { acmePlugin } from './__fixtures__/acme-plugin.js';
import { createRouteProbe, everyDeclaredKeySet } from './create-route-probe.js';

describe('createRouteProbe', () => {
  const { registry, resolve } = createRouteProbe([acmePlugin]);

  it('resolves with every declared key set, and the resolver alone decides where a key may go', () => {
    const official = resolve({ provider: 'acme' });
    expect(official.endpoint).toMatchObject({ baseUrl: 'https://api.acme.example/v1', official: true });
    expect(official.auth).toEqual({ source: 'env', envVar: 'ACME_API_KEY' });
    const custom = resolve({ provider: 'acme', baseUrl: 'https://proxy.example/v1' });
    expect(custom.endpoint.official).toBe(false);
    expect(custom.auth).toEqual({ source: 'missing' });
    expectTypeOf(registry.providerIds).toEqualTypeOf<readonly 'acme'[]>();
  });

  it('takes a config, and throws with the route error when a request does not resolve', () => {
    expect(resolve({ provider: 'acme' }, { providers: { acme: { auth_mode: 'none' } } }).auth).toEqual({
      source: 'not-required',
    });
    expect(() => resolve({ provider: 'nope' })).toThrow(/expected a route, got unknown-provider: .*nope/);
  });

  it('reports a class, never a value', () => {
    expect(
      everyDeclaredKeySet.describe({
        providerId: 'acme',
        descriptor: acmePlugin.descriptor,
        baseUrl: 'https://api.acme.example/v1',
        official: true,
        config: undefined,
      }),
    ).toEqual({ source: 'env', envVar: 'ACME_API_KEY' });
  });
});
