import { createRouteResolver } from '@codewhale/core';
import { createRouteProbe, everyDeclaredKeySet } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { deepseekPlugin } from './deepseek-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([deepseekPlugin]);

describe('DeepSeek descriptor: names, environment, official endpoints', () => {
  /** @see issue 12 item 7 */
  it.each(['deepseek', 'DeepSeek', 'deepseek-cn', 'DEEPSEEK_CN', 'deepseekcn', 'deepseek-china'])(
    '"%s" names DeepSeek',
    (name) => {
      expect(registry.findProvider(name)?.id).toBe('deepseek');
    },
  );

  /** @see issue 12 item 4 */
  it('declares DEEPSEEK_BASE_URL and DEEPSEEK_MODEL', () => {
    expect(deepseekPlugin.descriptor.env).toEqual({ baseUrl: 'DEEPSEEK_BASE_URL', model: 'DEEPSEEK_MODEL' });
  });

  /** @see issue 12 item 1 */
  it.each([
    ['https://api.deepseek.com', 'chat'],
    ['https://api.deepseek.com/v1', 'chat'],
    ['https://api.deepseek.com/beta', 'chat'],
    ['https://api.deepseek.com/anthropic', 'anthropic'],
  ])('%s is official (%s endpoint): prices kept, DEEPSEEK_API_KEY bound', (baseUrl, key) => {
    const candidate = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl });
    expect(candidate.endpoint).toMatchObject({ key, official: true });
    expect(candidate.meter.kind).toBe('token-pricing');
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
  });

  /** @see issue 12 item 1 */
  it('the beta endpoint refuses a foreign id instead of routing it as custom', () => {
    const result = createRouteResolver({ registry, credentials: everyDeclaredKeySet }).resolve({
      provider: 'deepseek',
      model: 'anthropic/claude-foo',
      baseUrl: 'https://api.deepseek.com/beta',
    });
    expect(result.ok ? 'ok' : result.error.kind).toBe('foreign-model');
  });
});
