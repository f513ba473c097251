import { createRegistry } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { createSglangPlugin, sglangPlugin } from './sglang-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([sglangPlugin]);

describe('SGLang descriptor: names, environment, own endpoints', () => {
  /** @see issue 12 item 4 */
  it('declares SGLANG_BASE_URL and SGLANG_MODEL', () => {
    expect(sglangPlugin.descriptor.env).toEqual({ baseUrl: 'SGLANG_BASE_URL', model: 'SGLANG_MODEL' });
  });

  /** @see issue 12 item 1 */
  it.each(['http://127.0.0.1:30000/v1', 'http://localhost:30000/v1'])(
    '%s is its own loopback endpoint: keyless, no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'sglang', model: 'some-model', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.auth).toEqual({ source: 'not-required' });
      expect(registry.officialEndpointsAt(baseUrl)).toEqual([{ providerId: 'sglang', endpointKey: 'chat' }]);
    },
  );

  /** @see issue 12 item 1 */
  it.each(['http://gpu-box.example:30000/v1', 'https://sglang.example.com/v1', 'http://127.0.0.1:30001/v1'])(
    '%s given explicitly is not its official endpoint: no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'sglang', model: 'some-model', baseUrl });
      expect(candidate.endpoint.official).toBe(false);
      expect(candidate.auth.source).not.toBe('env');
    },
  );

  it("a second server on another loopback port is only that instance's endpoint", () => {
    const other = createSglangPlugin({ baseUrl: 'http://127.0.0.1:30001/v1' });
    expect(other.descriptor.endpoints.chat?.alternateBaseUrls).toBeUndefined();
    expect(createRegistry({ plugins: [other] }).officialEndpointsAt('http://127.0.0.1:30000/v1')).toEqual([]);
  });
});
