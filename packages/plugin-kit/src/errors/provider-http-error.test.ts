import { CodewhaleError } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { InvalidHttpRequestError } from './invalid-http-request-error.js';
import {
  ListingParseError,
  PROVIDER_HTTP_ERROR_CODES,
  ProviderHttpError,
  type ProviderHttpErrorKind,
} from './provider-http-error.js';

describe('ProviderHttpError', () => {
  it('has one stable code per kind and keeps its fields and cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new ProviderHttpError('m', { kind: 'network', url: 'http://127.0.0.1:1/' }, { cause });
    expect(error).toMatchObject({
      name: 'ProviderHttpError',
      code: 'HTTP_NETWORK',
      kind: 'network',
      url: 'http://127.0.0.1:1/',
      cause,
    });
    expect(Object.values(PROVIDER_HTTP_ERROR_CODES)).toEqual([
      'HTTP_TIMEOUT',
      'HTTP_TOO_LARGE',
      'HTTP_STATUS',
      'HTTP_INVALID_BODY',
      'HTTP_NETWORK',
      'HTTP_REDIRECT_REFUSED',
      'HTTP_ABORTED',
    ]);
  });

  it.each([
    ['timeout', undefined, true],
    ['network', undefined, true],
    ['http-status', 408, true],
    ['http-status', 429, true],
    ['http-status', 503, true],
    ['http-status', 401, false],
    ['http-status', 404, false],
    ['too-large', 200, false],
    ['invalid-body', 200, false],
    ['redirect-refused', 302, false],
    ['aborted', undefined, false],
  ] as [ProviderHttpErrorKind, number | undefined, boolean][])('%s %s retryable: %s', (kind, status, retryable) => {
    expect(new ProviderHttpError('m', { kind, url: 'u', status }).isRetryable).toBe(retryable);
  });

  it('isInstance recognises each class by its marker, not by instanceof', () => {
    const http = new ProviderHttpError('m', { kind: 'aborted', url: 'u' });
    const listing = new ListingParseError('p', 'data', 'bad');
    const invalid = new InvalidHttpRequestError('userinfo', 'm');
    expect([http, listing, invalid].map((error) => CodewhaleError.isInstance(error))).toEqual([true, true, true]);
    expect([http, listing, invalid].map((error) => ProviderHttpError.isInstance(error))).toEqual([true, false, false]);
    expect([http, listing, invalid].map((error) => ListingParseError.isInstance(error))).toEqual([false, true, false]);
    expect([http, listing, invalid].map((error) => InvalidHttpRequestError.isInstance(error))).toEqual([
      false,
      false,
      true,
    ]);
    const lookalike = Object.assign(Object.create(null) as object, {
      [Symbol.for('codewhale.error')]: true,
      [Symbol.for('codewhale.error.provider-http')]: true,
    });
    expect(ProviderHttpError.isInstance(lookalike)).toBe(true);
    expect(ProviderHttpError.isInstance(new Error('x'))).toBe(false);
    expect(invalid).toMatchObject({
      name: 'InvalidHttpRequestError',
      code: 'HTTP_INVALID_REQUEST',
      reason: 'userinfo',
      url: undefined,
    });
  });
});
