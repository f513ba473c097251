import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';

// A resolver is a snapshot: it answers an equal request with the same (frozen) result, and never lets two requests
// that differ in any field share one.

const registry = createRegistry({ plugins: providerLikePlugins });

describe('the result cache', () => {
  const request: RouteRequest = { provider: 'together', model: 'openai/gpt-oss-120b' };

  it('answers equal requests with the same result, whatever lists and origins they carry', () => {
    const resolver = createRouteResolver({ registry, credentials: envCredentials(['TOGETHER_API_KEY']) });
    const withList = { ...request, requires: ['tools', 'json'] } as const;
    expect(resolver.resolve({ ...withList })).toBe(resolver.resolve({ ...withList }));
    expect(resolver.resolve({ ...withList })).not.toBe(resolver.resolve({ ...request, requires: ['tools'] }));
    const origin = { ...request, baseUrl: 'x', origin: { baseUrl: 'the --base-url flag' } };
    const fromFlag = resolver.resolve(origin);
    expect(resolver.resolve({ ...origin })).toBe(fromFlag);
    const fromEnv = resolver.resolve({ ...origin, origin: { baseUrl: 'TOGETHER_BASE_URL' } });
    expect(fromEnv).not.toBe(fromFlag);
    expect(!fromEnv.ok && fromEnv.error.message).toContain('TOGETHER_BASE_URL');
    // A field set to undefined is a field not set.
    expect(resolver.resolve({ ...request, reasoning: undefined })).toBe(resolver.resolve(request));
  });

  it('keeps the latest 512 results per resolver and recomputes older ones', () => {
    const resolver = createRouteResolver({ registry });
    const first = resolver.resolve(request);
    for (let tokens = 1; tokens < 512; tokens += 1) resolver.resolve({ ...request, contextTokens: tokens });
    expect(resolver.resolve(request)).toBe(first);
    resolver.resolve({ ...request, contextTokens: 512 });
    const again = resolver.resolve(request);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('never answers a request with the result of another, malformed or not', () => {
    const resolver = createRouteResolver({ registry });
    const malformed = [
      null,
      'together',
      { provider: { id: 'together' } },
      { requires: [1] },
    ] as unknown as RouteRequest[];
    for (const request of malformed) {
      expect(resolver.resolve(request)).toEqual(createRouteResolver({ registry }).resolve(request));
    }
    expect(resolver.resolve(null as unknown as RouteRequest).ok).toBe(false);
    expect(resolver.resolve('together' as unknown as RouteRequest).ok).toBe(false);
    expect(resolver.resolve({ provider: { id: 'together' } } as unknown as RouteRequest).ok).toBe(false);
    expect(resolver.resolve({}).ok).toBe(true);
    expect(resolver.resolve({ provider: 'together' }).ok).toBe(true);
  });

  it('endpoint() answers by the same rules: a request base URL, credential messages, bad input as an error', () => {
    const resolver = createRouteResolver({ registry });
    expect(resolver.endpoint({ provider: 'together', baseUrl: 'https://proxy.example.test/v1' })).toMatchObject({
      ok: true,
      endpoint: { baseUrl: 'https://proxy.example.test/v1', official: false },
      decision: { source: 'explicit' },
    });
    const official = resolver.endpoint({ provider: 'together' });
    expect(official.ok && official.messages.map((message) => message.code)).toEqual(['credential-missing']);
    expect(resolver.endpoint({ provider: 42 } as unknown as { provider: string })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });
});

describe('fallback chains', () => {
  it('a chain where no hop resolves has no first route, and keeps every failure', () => {
    const chain = createRouteResolver({ registry }).resolveChain([
      { provider: 'nope' },
      { model: 'auto', prefer: 'vibes' as 'cost' },
    ]);
    expect(chain.first).toBeUndefined();
    expect(chain.hops.map((hop) => !hop.result.ok && hop.result.error.kind)).toEqual([
      'unknown-provider',
      'invalid-request',
    ]);
    expect(chain.hops[1]?.request).toEqual({ model: 'auto', prefer: 'vibes' });
  });
});
