import { describe, expect, it } from 'vitest';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import type { HttpRequestInput } from './http-client-types.js';
import { prepareHttpRequest } from './prepare-http-request.js';

const URL_OK = 'http://127.0.0.1:1/v1/models';

/** The refusal `prepareHttpRequest` throws for `input` (fails the test when it accepts it). */
function refusal(input: HttpRequestInput): InvalidHttpRequestError {
  let caught: unknown;
  try {
    prepareHttpRequest(input, {});
  } catch (error) {
    caught = error;
  }
  expect(InvalidHttpRequestError.isInstance(caught)).toBe(true);
  return caught as InvalidHttpRequestError;
}

/** Inputs a JavaScript caller can pass despite the types. */
function untyped(input: Record<string, unknown>): HttpRequestInput {
  return input as unknown as HttpRequestInput;
}

describe('prepareHttpRequest: URLs', () => {
  it('accepts https: as well as http:', () => {
    expect(prepareHttpRequest({ url: 'https://api.example.com/v1/models?x=1' }, {})).toMatchObject({
      origin: 'https://api.example.com',
      method: 'GET',
    });
  });

  it('names the refused scheme, with the URL reduced to origin + path', () => {
    const error = refusal({ url: 'ftp://127.0.0.1/files?k=v' });
    expect(error).toMatchObject({ reason: 'invalid-url', url: 'ftp://127.0.0.1/files' });
    expect(error.message).toBe('Unsupported URL scheme ftp: (use http: or https:).');
  });

  it('refuses a URL with a password but no user name', () => {
    const error = refusal({ url: 'http://:hunter2-password@127.0.0.1:1/' });
    expect(error).toMatchObject({ reason: 'userinfo', url: 'http://127.0.0.1:1/' });
    expect(error.message).not.toContain('hunter2');
  });

  it.each([
    ['a URL object', new URL(URL_OK)],
    ['a number', 42],
  ])('refuses %s: the URL must be a string', (_name, url) => {
    expect(refusal(untyped({ url }))).toMatchObject({
      reason: 'invalid-url',
      message: 'The request URL is not an absolute http(s) URL.',
    });
  });
});

describe('prepareHttpRequest: methods', () => {
  it('quotes at most 20 characters of an unsupported method', () => {
    const error = refusal(untyped({ url: URL_OK, method: 'A'.repeat(50) }));
    expect(error).toMatchObject({ reason: 'method', url: URL_OK });
    expect(error.message).toBe(`Unsupported method "${'A'.repeat(19)} (use GET, HEAD or POST).`);
  });
});

describe('prepareHttpRequest: headers the client owns', () => {
  it.each([
    'host',
    'connection',
    'content-length',
    'transfer-encoding',
    'keep-alive',
    'upgrade',
    'expect',
    'te',
    'trailer',
  ])('refuses %s in headers', (name) => {
    expect(refusal({ url: URL_OK, headers: { [name]: '1' } })).toMatchObject({
      reason: 'header',
      message: `Header ${name} is set by the client; remove it from headers.`,
    });
  });

  it('refuses one of them as the credential header too', () => {
    expect(refusal({ url: URL_OK, credential: { header: 'Content-Length', value: '12' } })).toMatchObject({
      reason: 'credential',
      message: 'credential.header must be a valid header name such as authorization or x-api-key.',
    });
  });
});

describe('prepareHttpRequest: credentials only through credential', () => {
  it.each(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-goog-api-key'])(
    'refuses %s in headers',
    (name) => {
      expect(refusal({ url: URL_OK, headers: { [name.toUpperCase()]: 'secret-value' } })).toMatchObject({
        reason: 'header',
        message: `Header ${name} carries credentials: pass it as credential, which is only sent to the request's own origin.`,
      });
    },
  );

  it('refuses a credential without a header name', () => {
    expect(refusal(untyped({ url: URL_OK, credential: { value: 'Bearer abc' } }))).toMatchObject({
      reason: 'credential',
      message: 'credential.header must be a valid header name such as authorization or x-api-key.',
    });
  });

  it.each([
    ['empty', ''],
    ['blank', ' \t '],
  ])('refuses an %s credential value', (_name, value) => {
    expect(refusal({ url: URL_OK, credential: { header: 'Authorization', value } })).toMatchObject({
      reason: 'credential',
      message: 'credential.value for authorization is empty.',
    });
  });

  it('refuses a credential value that is not a string', () => {
    expect(refusal(untyped({ url: URL_OK, credential: { header: 'x-api-key' } }))).toMatchObject({
      reason: 'credential',
      message: 'The value of header x-api-key must be a string without CR, LF or NUL.',
    });
  });
});

describe('prepareHttpRequest: other headers', () => {
  it('refuses a header name that is not an HTTP token', () => {
    expect(refusal({ url: URL_OK, headers: { 'x bad': '1' } })).toMatchObject({
      reason: 'header',
      message: 'A header name is not a valid HTTP token.',
    });
  });

  it.each([
    ['a number', 42],
    ['a NUL byte', 'a\0b'],
  ])('refuses a header value that is %s', (_name, value) => {
    expect(refusal(untyped({ url: URL_OK, headers: { 'X-Count': value } }))).toMatchObject({
      reason: 'header',
      message: 'The value of header x-count must be a string without CR, LF or NUL.',
    });
  });
});

describe('prepareHttpRequest: JSON bodies', () => {
  it('names the method a JSON body was given with', () => {
    expect(refusal({ url: URL_OK, method: 'HEAD', json: {} })).toMatchObject({
      reason: 'body',
      message: 'A JSON body needs method POST, not HEAD.',
    });
  });

  it('says why a body cannot be serialised', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(refusal({ url: URL_OK, method: 'POST', json: cycle })).toMatchObject({
      reason: 'body',
      message: 'The JSON body cannot be serialised (a cycle or a BigInt?).',
    });
  });

  it('refuses a value JSON has no text for (a function) instead of sending no body', () => {
    expect(refusal({ url: URL_OK, method: 'POST', json: () => 1 })).toMatchObject({
      reason: 'body',
      message: 'The JSON body cannot be serialised.',
    });
  });
});

describe('prepareHttpRequest: options', () => {
  it.each([
    ['timeouts.connectMs', { timeouts: { connectMs: 0 } }],
    ['timeouts.headersMs', { timeouts: { headersMs: 1.5 } }],
    ['timeouts.bodyMs', { timeouts: { bodyMs: -1 } }],
    ['maxBytes', { maxBytes: 0 }],
  ])('names %s when it is not a positive integer', (name, options) => {
    expect(refusal({ url: URL_OK, ...options })).toMatchObject({
      reason: 'option',
      message: `${name} must be a positive integer.`,
    });
  });

  it('refuses an unknown redirect policy or expect, with the allowed values', () => {
    expect(refusal(untyped({ url: URL_OK, redirect: 'follow' }))).toMatchObject({
      reason: 'option',
      message: 'redirect must be "error" or "follow-same-origin".',
    });
    expect(refusal(untyped({ url: URL_OK, expect: 'xml' }))).toMatchObject({
      reason: 'option',
      message: 'expect must be "json" or "text".',
    });
  });

  it('prefixes every refusal with the provider id', () => {
    expect(refusal({ url: URL_OK, expect: 'html' as 'text', providerId: 'vllm' }).message).toBe(
      '[vllm] expect must be "json" or "text".',
    );
  });
});
