import { createRegistry } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { createVllmPlugin, vllmPlugin } from './vllm-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([vllmPlugin]);

describe('vLLM descriptor: names, environment, own endpoints', () => {
  /** @see issue 12 item 4 */
  it('declares VLLM_BASE_URL and VLLM_MODEL', () => {
    expect(vllmPlugin.descriptor.env).toEqual({ baseUrl: 'VLLM_BASE_URL', model: 'VLLM_MODEL' });
  });

  /** @see issue 12 item 1 */
  it.each(['http://127.0.0.1:8000/v1', 'http://localhost:8000/v1'])(
    '%s is its own loopback endpoint: keyless, no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'vllm', model: 'some-model', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.auth).toEqual({ source: 'not-required' });
      expect(registry.officialEndpointsAt(baseUrl)).toEqual([{ providerId: 'vllm', endpointKey: 'chat' }]);
    },
  );

  /** @see issue 12 item 1 */
  it.each(['http://gpu-box.example:8000/v1', 'https://vllm.example.com/v1', 'http://127.0.0.1:8001/v1'])(
    '%s given explicitly is not its official endpoint: no ambient key',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'vllm', model: 'some-model', baseUrl });
      expect(candidate.endpoint.official).toBe(false);
      expect(candidate.auth.source).not.toBe('env');
    },
  );

  it("a second server on another loopback port is only that instance's endpoint", () => {
    const other = createVllmPlugin({ baseUrl: 'http://127.0.0.1:8001/v1' });
    expect(other.descriptor.endpoints.chat?.alternateBaseUrls).toBeUndefined();
    expect(createRegistry({ plugins: [other] }).officialEndpointsAt('http://127.0.0.1:8000/v1')).toEqual([]);
  });
});
