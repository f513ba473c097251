import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { describeTransportError, safeCause } from './describe-transport-error.js';

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, syscall: 'connect', address: '127.0.0.1' });
}

describe('describeTransportError', () => {
  it.each([
    ['undici connect timeout', new errors.ConnectTimeoutError(), { kind: 'timeout', phase: 'connect' }],
    ['undici headers timeout', new errors.HeadersTimeoutError(), { kind: 'timeout', phase: 'headers' }],
    ['undici body timeout', new errors.BodyTimeoutError(), { kind: 'timeout', phase: 'body' }],
    ['undici headers overflow', new errors.HeadersOverflowError(), { kind: 'too-large' }],
    [
      'undici socket error',
      new errors.SocketError('other side closed'),
      { kind: 'network', summary: 'connection closed by the server [UND_ERR_SOCKET]' },
    ],
    [
      'refused',
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
      { kind: 'network', summary: 'connection refused (is the server running?) [ECONNREFUSED]' },
    ],
    [
      'reset',
      systemError('ECONNRESET', 'read ECONNRESET'),
      { kind: 'network', summary: 'connection reset by the server [ECONNRESET]' },
    ],
    [
      'DNS not found',
      systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid'),
      { kind: 'network', summary: 'host name not found (DNS) [ENOTFOUND]' },
    ],
    [
      'DNS temporary failure',
      systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.example.com'),
      { kind: 'network', summary: 'host name lookup failed (DNS) [EAI_AGAIN]' },
    ],
    [
      'TLS',
      systemError('CERT_HAS_EXPIRED', 'certificate has expired'),
      { kind: 'network', summary: 'TLS failure [CERT_HAS_EXPIRED]' },
    ],
    [
      'HTTP parser',
      Object.assign(new Error('Parse Error: Invalid header value char'), { code: 'HPE_INVALID_HEADER_TOKEN' }),
      { kind: 'network', summary: 'malformed HTTP response [HPE_INVALID_HEADER_TOKEN]' },
    ],
    ['unknown code', systemError('EWEIRD', 'weird'), { kind: 'network', summary: 'request failed [EWEIRD]' }],
    ['no code at all', new Error('boom'), { kind: 'network', summary: 'request failed' }],
    ['not an error', 'a string', { kind: 'network', summary: 'request failed' }],
  ])('%s', (_name, error, expected) => {
    expect(describeTransportError(error)).toMatchObject(expected);
  });

  it('finds the code inside a happy-eyeballs AggregateError', () => {
    const aggregate = new AggregateError([
      systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:9'),
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
    ]);
    expect(describeTransportError(aggregate)).toMatchObject({
      kind: 'network',
      summary: 'connection refused (is the server running?) [ECONNREFUSED]',
    });
  });
});

describe('safeCause', () => {
  it('keeps name and code only, never the message', () => {
    const original = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:9 /v1/models?key=sk-secret-value-123456'),
      { code: 'ECONNREFUSED' },
    );
    const cause = safeCause(original);
    expect(cause).toBeInstanceOf(Error);
    expect(cause).toMatchObject({ name: 'Error', message: 'Error ECONNREFUSED', code: 'ECONNREFUSED' });
    expect(JSON.stringify(cause, Object.getOwnPropertyNames(cause))).not.toContain('sk-secret');
    expect(cause?.cause).toBeUndefined();
  });

  it('drops names and codes that are not identifier-like', () => {
    const odd = Object.assign(new Error('x'), { name: 'Bearer sk-abc def', code: 'sk-abc-123' });
    expect(safeCause(odd)).toMatchObject({ name: 'Error', message: 'Error' });
    expect(safeCause('text')).toBeUndefined();
    expect(safeCause(null)).toBeUndefined();
  });
});

describe('describeTransportError: the wording a host shows', () => {
  it.each([
    [new errors.ConnectTimeoutError(), { kind: 'timeout', phase: 'connect', summary: 'timed out connecting' }],
    [
      new errors.HeadersTimeoutError(),
      { kind: 'timeout', phase: 'headers', summary: 'timed out waiting for the response headers' },
    ],
    [new errors.BodyTimeoutError(), { kind: 'timeout', phase: 'body', summary: 'timed out reading the response body' }],
    [new errors.HeadersOverflowError(), { kind: 'too-large', summary: 'response headers are too large' }],
    [new errors.ResponseExceededMaxSizeError(), { kind: 'too-large', summary: 'response body is too large' }],
    [systemError('EPIPE', 'write EPIPE'), { kind: 'network', summary: 'connection closed by the server [EPIPE]' }],
    [new errors.ClientClosedError(), { kind: 'network', summary: 'connection closed [UND_ERR_CLOSED]' }],
    [new errors.ClientDestroyedError(), { kind: 'network', summary: 'the HTTP client was closed [UND_ERR_DESTROYED]' }],
    [systemError('EAI_NONAME', 'getaddrinfo EAI_NONAME x'), { summary: 'host name not found (DNS) [EAI_NONAME]' }],
    [systemError('EHOSTUNREACH', 'connect EHOSTUNREACH'), { summary: 'host unreachable [EHOSTUNREACH]' }],
    [systemError('ENETUNREACH', 'connect ENETUNREACH'), { summary: 'network unreachable [ENETUNREACH]' }],
    [systemError('EHOSTDOWN', 'connect EHOSTDOWN'), { summary: 'host down [EHOSTDOWN]' }],
    [systemError('ETIMEDOUT', 'connect ETIMEDOUT'), { summary: 'connection timed out (operating system) [ETIMEDOUT]' }],
    [systemError('EADDRNOTAVAIL', 'connect EADDRNOTAVAIL'), { summary: 'address not available [EADDRNOTAVAIL]' }],
    [
      new errors.ResponseContentLengthMismatchError(),
      { kind: 'network', summary: 'response ended before its declared length [UND_ERR_RES_CONTENT_LENGTH_MISMATCH]' },
    ],
    [new errors.NotSupportedError(), { kind: 'network', summary: 'response not supported [UND_ERR_NOT_SUPPORTED]' }],
    [
      systemError('ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout'),
      { kind: 'network', summary: 'TLS failure [ERR_TLS_HANDSHAKE_TIMEOUT]' },
    ],
    [
      systemError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'),
      { kind: 'network', summary: 'TLS failure [ERR_SSL_WRONG_VERSION_NUMBER]' },
    ],
  ])('%s', (error, expected) => {
    expect(describeTransportError(error)).toMatchObject(expected);
  });

  it.each([null, undefined])('describes %s as a plain request failure', (error) => {
    expect(describeTransportError(error)).toStrictEqual({
      kind: 'network',
      summary: 'request failed',
      cause: undefined,
    });
  });
});

describe('describeTransportError: where the code is found', () => {
  it('on the cause of a wrapper error (fetch-style "fetch failed")', () => {
    const wrapper = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED') });
    expect(describeTransportError(wrapper)).toMatchObject({
      kind: 'network',
      summary: 'connection refused (is the server running?) [ECONNREFUSED]',
      cause: { name: 'TypeError', code: 'ECONNREFUSED' },
    });
  });

  it('in a later part of an AggregateError, past parts without a code or that are not objects', () => {
    const aggregate = new AggregateError([
      undefined,
      null,
      'text',
      new Error('no code here'),
      systemError('ECONNRESET', 'read ECONNRESET'),
    ]);
    expect(describeTransportError(aggregate)).toMatchObject({
      summary: 'connection reset by the server [ECONNRESET]',
    });
  });

  it('nowhere, without failing, when the cause is null', () => {
    const error = Object.assign(new Error('odd'), { cause: null });
    expect(describeTransportError(error)).toMatchObject({ kind: 'network', summary: 'request failed' });
  });
});

describe('safeCause: only identifier-like names and codes get through', () => {
  it.each([
    ['a key before an upper-case code', 'sk-live-abc-ECONNREFUSED'],
    ['a key after an upper-case code', 'ECONNREFUSED sk-live-abc'],
  ])('drops a code with %s, on the error and on its cause', (_name, code) => {
    const direct = Object.assign(new Error('x'), { code });
    const wrapped = new Error('x', { cause: { code } });
    for (const error of [direct, wrapped]) {
      expect(safeCause(error)).toMatchObject({ name: 'Error', message: 'Error' });
      expect(safeCause(error)).not.toHaveProperty('code');
      expect(describeTransportError(error).summary).toBe('request failed');
    }
  });

  it('drops a name or code that is not a string, even one that prints like a safe one', () => {
    const odd = { name: ['TypeError'], code: ['ECONNRESET'], cause: { code: ['EPIPE'] } };
    expect(safeCause(odd)).toMatchObject({ name: 'Error', message: 'Error' });
    expect(safeCause(odd)).not.toHaveProperty('code');
    expect(describeTransportError(odd).summary).toBe('request failed');
  });

  it('has no code property when there is no code, and serialises name and code to JSON (what a host logs)', () => {
    expect(safeCause(new Error('boom'))).not.toHaveProperty('code');
    const withCode = safeCause(systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'));
    expect(JSON.parse(JSON.stringify(withCode))).toStrictEqual({ name: 'Error', code: 'ECONNREFUSED' });
  });
});
