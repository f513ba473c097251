import { describe, expect, it } from 'vitest';
import { sanitizeUrl, urlOrigin } from './sanitize-url.js';

describe('sanitizeUrl', () => {
  it.each([
    ['https://api.deepseek.com/models', 'https://api.deepseek.com/models'],
    ['https://user:pass@api.example.com:8443/v1/models?key=sk-x#frag', 'https://api.example.com:8443/v1/models'],
    ['HTTP://LocalHost:80/v1', 'http://localhost/v1'],
    ['http://[::1]:11434/api/tags?x=1', 'http://[::1]:11434/api/tags'],
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000/'],
    ['not a url', '(invalid URL)'],
    ['/relative/path?key=1', '(invalid URL)'],
  ])('%s -> %s', (input, expected) => {
    expect(sanitizeUrl(input)).toBe(expected);
  });

  it('accepts URL objects, and urlOrigin keeps scheme, host and port only', () => {
    const url = new URL('http://u:p@localhost:8080/x?y=1');
    expect(sanitizeUrl(url)).toBe('http://localhost:8080/x');
    expect(urlOrigin(url)).toBe('http://localhost:8080');
    expect(urlOrigin(new URL('http://127.0.0.1:8080/'))).not.toBe(urlOrigin(url));
  });
});
