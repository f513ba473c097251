import { providerEnvValues } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { togetherPlugin } from './together-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([togetherPlugin]);

describe('Together descriptor: names, environment, official endpoints', () => {
  /** @see issue 12 item 7 */
  it.each(['together', 'togetherai', 'TogetherAI', ' together-ai ', 'together_ai'])('"%s" names Together', (name) => {
    expect(registry.findProvider(name)?.id).toBe('together');
  });

  /** @see issue 12 item 4 */
  it('declares TOGETHER_BASE_URL and TOGETHER_MODEL', () => {
    expect(togetherPlugin.descriptor.env).toEqual({ baseUrl: 'TOGETHER_BASE_URL', model: 'TOGETHER_MODEL' });
    const values = providerEnvValues(togetherPlugin.descriptor, {
      TOGETHER_BASE_URL: 'https://gateway.example/v1',
      TOGETHER_MODEL: 'inkling',
    });
    expect(values).toMatchObject({
      baseUrl: { name: 'TOGETHER_BASE_URL', value: 'https://gateway.example/v1' },
      model: { name: 'TOGETHER_MODEL', value: 'inkling' },
    });
    expect(registry.envVarOwner('TOGETHER_BASE_URL')).toBe('together');
  });

  /** @see issue 12 item 1 */
  it.each(['https://api.together.xyz/v1', 'https://api.together.ai/v1', 'https://API.Together.ai/v1/'])(
    '%s is official: prices kept, TOGETHER_API_KEY bound',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.meter.kind).toBe('token-pricing');
      expect(candidate.auth).toEqual({ source: 'env', envVar: 'TOGETHER_API_KEY' });
    },
  );

  /** @see issue 12 item 1 */
  it.each([
    'https://api.together.ai',
    'https://api.together.xyz/v2',
    'http://api.together.xyz/v1',
    'https://api.together.ai.evil.example/v1',
    'https://together.ai/v1',
  ])('%s is not an official spelling: custom, no ambient key', (baseUrl) => {
    const candidate = resolveOk({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', baseUrl });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.meter.kind).toBe('unknown');
    expect(candidate.auth.source).toBe('missing');
  });
});
