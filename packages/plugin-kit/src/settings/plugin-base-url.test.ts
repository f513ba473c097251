import { describe, expect, it } from 'vitest';
import { PluginConfigError } from '../errors/plugin-config-error.js';
import { loopbackBaseUrl, pluginBaseUrl } from './plugin-base-url.js';

const loopbackRule = {
  pluginId: 'acme',
  example: 'http://127.0.0.1:9000/v1',
  codes: { invalid: 'ACME_INVALID_BASE_URL', nonLoopback: 'ACME_NON_LOOPBACK_BASE_URL' },
} as const;

function thrown(run: () => unknown): PluginConfigError {
  try {
    run();
  } catch (error) {
    if (PluginConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a PluginConfigError');
}

describe('loopbackBaseUrl', () => {
  it.each([
    ['http://127.0.0.1:9000/v1/', 'http://127.0.0.1:9000/v1'],
    ['HTTP://LOCALHOST:9000/v1', 'http://localhost:9000/v1'],
    ['http://[::1]:9000/v1', 'http://[::1]:9000/v1'],
    ['http://127.1.2.3/v1', 'http://127.1.2.3/v1'],
  ])('accepts %s as %s', (input, key) => {
    expect(loopbackBaseUrl(input, loopbackRule)).toBe(key);
  });

  it.each([
    'http://192.168.1.5:9000/v1',
    'https://api.example.com/v1',
    'http://localhost.:9000/v1',
    'http://app.localhost/v1',
    'http://0.0.0.0:9000/v1',
  ])('refuses the non-loopback host of %s with the plugin code', (input) => {
    const error = thrown(() => loopbackBaseUrl(input, loopbackRule));
    expect(error).toMatchObject({ code: 'ACME_NON_LOOPBACK_BASE_URL', pluginId: 'acme', option: 'baseUrl' });
    expect(error.message).toMatch(
      /^\[acme\] settings\.baseUrl must be a loopback address \(got host .+\)\. Configure other hosts per route: \[providers\.acme\] base_url = "\.\.\."\.$/,
    );
  });

  it.each([
    'not a url',
    'ftp://127.0.0.1/',
    'http://user:secret@127.0.0.1:9000/v1',
    'http://127.0.0.1:9000/v1?key=secret',
    'http://127.0.0.1:9000/v1#x',
    42,
  ])('refuses %s as invalid, never echoing it', (input) => {
    const error = thrown(() => loopbackBaseUrl(input, loopbackRule));
    expect(error.code).toBe('ACME_INVALID_BASE_URL');
    expect(error.message).toBe(
      '[acme] settings.baseUrl must be an absolute http(s) URL without user info, query or fragment, e.g. http://127.0.0.1:9000/v1.',
    );
  });
});

describe('pluginBaseUrl', () => {
  const rule = {
    pluginId: 'gw:office',
    option: 'endpoint',
    example: 'https://gw.example.com/v1',
    codes: { invalid: 'GW_INVALID', userInfo: 'GW_USER_INFO', query: 'GW_QUERY' },
  } as const;

  it('accepts any http(s) host and returns the parsed URL', () => {
    expect(pluginBaseUrl('https://GW.example.com/v1/', rule)).toMatchObject({
      key: 'https://gw.example.com/v1',
      hostname: 'gw.example.com',
      protocol: 'https:',
    });
  });

  it('uses the separate codes for user info and a query when the plugin has them, never echoing the secret', () => {
    const userInfo = thrown(() => pluginBaseUrl('https://me:secret@gw.example.com/v1', rule));
    expect(userInfo).toMatchObject({ code: 'GW_USER_INFO', option: 'endpoint', pluginId: 'gw:office' });
    expect(userInfo.message).toMatch(/^\[gw:office\] settings\.endpoint contains user info/);
    const query = thrown(() => pluginBaseUrl('https://gw.example.com/v1?api_key=secret', rule));
    expect(query.code).toBe('GW_QUERY');
    expect(`${userInfo.message} ${query.message}`).not.toContain('secret');
    expect(thrown(() => pluginBaseUrl('gw.example.com', rule)).message).toBe(
      '[gw:office] settings.endpoint must be an absolute http(s) URL, e.g. https://gw.example.com/v1.',
    );
  });
});
