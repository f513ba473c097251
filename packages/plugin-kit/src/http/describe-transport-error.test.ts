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
