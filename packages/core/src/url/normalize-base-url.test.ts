import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeBaseUrl } from './normalize-base-url.js';

const hostOf = (url: string): string => normalizeBaseUrl(url)?.hostname ?? '(invalid)';

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.0/8 and ::1, as URLs spell them', () => {
    for (const url of [
      'http://localhost:11434/v1',
      'http://LOCALHOST/',
      'http://127.0.0.1:8000/v1',
      'http://127.255.10.3/',
      'http://[::1]:8080/v1',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://127.1/',
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(true);
    }
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
  });

  /** @see issue 13 item 14 */
  it('refuses *.localhost and localhost. (Node looks them up through DNS), and every other host', () => {
    for (const url of [
      'http://foo.localhost:8000/v1',
      'http://api.deepseek.com.localhost/',
      'http://localhost./v1',
      'http://localhost.example.test/',
      'http://127.0.0.1.nip.io/',
      'http://128.0.0.1/',
      'http://0.0.0.0:11434/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.0.0.5/',
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(false);
    }
    expect(isLoopbackHost('foo.localhost')).toBe(false);
    expect(isLoopbackHost('localhost.')).toBe(false);
    expect(isLoopbackHost('')).toBe(false);
  });
});

describe('normalizeBaseUrl', () => {
  it('keeps a trailing dot in the host name (it names another host for the resolver), and in the key', () => {
    expect(normalizeBaseUrl('http://localhost./v1')).toMatchObject({
      hostname: 'localhost.',
      key: 'http://localhost./v1',
    });
    expect(normalizeBaseUrl('HTTPS://API.Example.TEST:443/v1/')).toMatchObject({
      hostname: 'api.example.test',
      key: 'https://api.example.test/v1',
      hadUserInfo: false,
      hadQuery: false,
    });
    expect(normalizeBaseUrl('http://u:p@[::1]:80/v1?x=1')).toMatchObject({
      hostname: '::1',
      key: 'http://[::1]/v1',
      hadUserInfo: true,
      hadQuery: true,
    });
    expect(normalizeBaseUrl('ftp://example.test/')).toBeUndefined();
    expect(normalizeBaseUrl('not a url')).toBeUndefined();
  });
});
