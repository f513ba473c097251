import { getEventListeners } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  startLoopbackServer,
  startStalledListener,
  timeRejection,
  writeUntilClosed,
  type LoopbackServer,
} from '../__test-utils__/loopback-server.js';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import type { HttpClient } from './http-client-types.js';
import { DEFAULT_HTTP_TIMEOUTS, LISTING_MAX_BYTES, SMALL_BODY_MAX_BYTES } from './http-limits.js';

// How late a timer may fire on a busy shared 2-core machine. The error's `phase` and `limit` already say which timer
// fired; the bound only has to stay below the next thing that could end the request instead (the slow server's own
// 5 s answer, the built-in 3 s connect limit), so a wrong timer still fails the test.
const MARGIN_MS = 2_400;
const measured: Record<string, string> = {};

let client: HttpClient;
const servers: LoopbackServer[] = [];

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

function providerError(error: unknown): ProviderHttpError {
  expect(ProviderHttpError.isInstance(error)).toBe(true);
  return error as ProviderHttpError;
}

beforeAll(() => {
  client = createHttpClient();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await client.close();
  console.info('measured durations:', measured);
});

describe('defaults', () => {
  it('are 3 s / 10 s / 15 s and 8 MiB / 64 KiB', () => {
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ connectMs: 3000, headersMs: 10_000, bodyMs: 15_000 });
    expect(LISTING_MAX_BYTES).toBe(8 * 1024 * 1024);
    expect(SMALL_BODY_MAX_BYTES).toBe(64 * 1024);
  });
});

describe('createHttpClient: answers', () => {
  it('returns status, lower-case headers, text, parsed json and the URL without its query', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': 'abc' });
      response.end('{"object":"list","data":[]}');
    });
    const response = await client.request({ url: `${server.origin}/v1/models?limit=5` });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-request-id']).toBe('abc');
    expect(response.text).toBe('{"object":"list","data":[]}');
    expect(response.json).toEqual({ object: 'list', data: [] });
    expect(response.url).toBe(`${server.origin}/v1/models`);
    expect(server.requests[0]?.url).toBe('/v1/models?limit=5');
  });

  it('sends the credential header, a user agent and JSON bodies', async () => {
    const server = await serve((_request, response) => response.end('{}'));
    await client.request({
      url: `${server.origin}/v1/echo`,
      method: 'POST',
      json: { model: 'm', n: 1 },
      headers: { 'X-Trace': 't1' },
      credential: { header: 'Authorization', value: 'Bearer sk-test-0000000000000000' },
    });
    const seen = server.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.headers.authorization).toBe('Bearer sk-test-0000000000000000');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['user-agent']).toBe('codewhale-plugin-kit');
    expect(seen?.headers['x-trace']).toBe('t1');
    expect(seen?.body).toBe('{"model":"m","n":1}');
  });

  it('handles HEAD, 204 and empty bodies (json undefined), and expect: text', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/empty') return void response.writeHead(204).end();
      if (request.url === '/text') return void response.end('ok, not json');
      response.writeHead(200, { 'content-length': '1000' });
      response.end(request.method === 'HEAD' ? undefined : 'x'.repeat(1000));
    });
    const head = await client.request({ url: `${server.origin}/`, method: 'HEAD', maxBytes: 10 });
    expect(head).toMatchObject({ status: 200, text: '', json: undefined });
    const empty = await client.request({ url: `${server.origin}/empty` });
    expect(empty).toMatchObject({ status: 204, text: '', json: undefined });
    const text = await client.request({ url: `${server.origin}/text`, expect: 'text' });
    expect(text).toMatchObject({ status: 200, text: 'ok, not json', json: undefined });
  });

  it('drops a UTF-8 byte-order mark before parsing JSON', async () => {
    const server = await serve((_request, response) => response.end(Buffer.from('\uFEFF{"a":1}', 'utf8')));
    expect((await client.request({ url: server.origin })).json).toEqual({ a: 1 });
  });
});

describe('createHttpClient: time limits', () => {
  it('a connect that hangs fails with timeout/connect at connectMs', async (context) => {
    const stalled = await startStalledListener();
    if (!stalled) return context.skip('cannot make a connect hang on this machine');
    try {
      const limit = 500;
      const { error, elapsedMs } = await timeRejection(() =>
        client.request({ url: `http://127.0.0.1:${stalled.port}/health`, timeouts: { connectMs: limit } }),
      );
      measured['connect 500 ms'] = `${Math.round(elapsedMs)} ms`;
      expect(providerError(error)).toMatchObject({ kind: 'timeout', phase: 'connect', limit });
      expect((error as Error).message).toBe(
        `GET http://127.0.0.1:${stalled.port}/health timed out connecting after 500 ms. Is the server running and reachable?`,
      );
      expect(elapsedMs).toBeGreaterThanOrEqual(limit - 5);
      expect(elapsedMs).toBeLessThan(limit + MARGIN_MS);
    } finally {
      await stalled.close();
    }
  });

  it('slow headers: fails with timeout/headers at headersMs', async () => {
    const server = await serve((_request, response) => {
      const timer = setTimeout(() => response.end('{}'), 5000);
      response.on('close', () => clearTimeout(timer));
    });
    const limit = 500;
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: `${server.origin}/v1/models`, timeouts: { headersMs: limit } }),
    );
    measured['headers 500 ms'] = `${Math.round(elapsedMs)} ms`;
    expect(providerError(error)).toMatchObject({
      kind: 'timeout',
      phase: 'headers',
      limit,
      code: 'HTTP_TIMEOUT',
      url: `${server.origin}/v1/models`,
    });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/v1/models timed out waiting for the response headers after 500 ms. Is the server running and reachable?`,
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(limit - 5);
    expect(elapsedMs).toBeLessThan(limit + MARGIN_MS);
    expect((error as ProviderHttpError).isRetryable).toBe(true);
  });

  it('slow-drip body: a byte every 200 ms still ends at bodyMs (a total, not an idle timer)', async () => {
    let bytesSent = 0;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const timer = setInterval(() => {
        bytesSent += 1;
        response.write('1');
      }, 200);
      response.on('close', () => clearInterval(timer));
    });
    const limit = 1000;
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: `${server.origin}/drip`, timeouts: { bodyMs: limit } }),
    );
    measured['body 1000 ms (drip every 200 ms)'] = `${Math.round(elapsedMs)} ms`;
    expect(providerError(error)).toMatchObject({ kind: 'timeout', phase: 'body', limit });
    // No "is the server running" hint: it answered.
    expect((error as Error).message).toBe(
      `GET ${server.origin}/drip timed out reading the response body after 1000 ms.`,
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(limit - 5);
    expect(elapsedMs).toBeLessThan(limit + MARGIN_MS);
    expect(bytesSent).toBeGreaterThanOrEqual(3);
  });

  it('an interim 103 Early Hints does not start the body clock: the headers limit still applies', async () => {
    const server = await serve((_request, response) => {
      // Then nothing: the final answer never comes.
      response.writeEarlyHints({ link: '</style.css>; rel=preload' });
    });
    const { error } = await timeRejection(() =>
      client.request({ url: `${server.origin}/hints`, timeouts: { headersMs: 1_000, bodyMs: 250 } }),
    );
    expect(providerError(error)).toMatchObject({ kind: 'timeout', phase: 'headers', limit: 1_000 });
  });

  it('per-request limits override the client defaults, which override the built-in ones', async () => {
    const slow = createHttpClient({ timeouts: { headersMs: 300 } });
    try {
      const server = await serve(() => {});
      const fromClient = await timeRejection(() => slow.request({ url: server.origin }));
      expect(providerError(fromClient.error)).toMatchObject({ kind: 'timeout', phase: 'headers', limit: 300 });
      measured['headers 300 ms (client default)'] = `${Math.round(fromClient.elapsedMs)} ms`;
      expect(fromClient.elapsedMs).toBeLessThan(300 + MARGIN_MS);
      const fromRequest = await timeRejection(() => slow.request({ url: server.origin, timeouts: { headersMs: 150 } }));
      expect(providerError(fromRequest.error)).toMatchObject({ kind: 'timeout', phase: 'headers', limit: 150 });
    } finally {
      await slow.close();
    }
  });
});

describe('createHttpClient: size cap', () => {
  it('refuses at once when content-length is over the cap, and closes the connection', async () => {
    let serverSide: Promise<{ written: number; closedEarly: boolean }> | undefined;
    const total = 16 * 1024 * 1024;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': String(total) });
      serverSide = writeUntilClosed(response, total, { chunkSize: 16 * 1024, intervalMs: 2 });
    });
    const cap = 64 * 1024;
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: `${server.origin}/big`, maxBytes: cap }),
    );
    expect(providerError(error)).toMatchObject({ kind: 'too-large', limit: cap, status: 200, code: 'HTTP_TOO_LARGE' });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/big returned a body larger than the 65536-byte limit (content-length ${total}); stopped reading.`,
    );
    const seen = await serverSide;
    measured['content-length over cap'] =
      `${Math.round(elapsedMs)} ms; server wrote ${seen?.written} of ${total} bytes`;
    expect(seen?.closedEarly).toBe(true);
    // Refused on the header: the server got at most a few paced chunks out before it saw the close.
    expect(seen?.written).toBeLessThanOrEqual(4 * 16 * 1024);
  });

  it('stops within a chunk of the cap when a paced chunked body passes it', async () => {
    let serverSide: Promise<{ written: number; closedEarly: boolean }> | undefined;
    const total = 64 * 1024 * 1024;
    const chunkSize = 16 * 1024;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      serverSide = writeUntilClosed(response, total, { chunkSize, intervalMs: 2 });
    });
    const cap = 256 * 1024;
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: `${server.origin}/paced`, maxBytes: cap }),
    );
    expect(providerError(error)).toMatchObject({ kind: 'too-large', limit: cap });
    const seen = await serverSide;
    measured['paced chunked over 256 KiB cap'] =
      `${Math.round(elapsedMs)} ms; server wrote ${seen?.written} bytes (cap ${cap}) before the close`;
    expect(seen?.closedEarly).toBe(true);
    // The server saw the close after at most a few chunks past the cap (one in flight, one being written).
    expect(seen?.written).toBeLessThanOrEqual(cap + 4 * chunkSize);
  });

  it('stops while streaming when a flood of chunked body passes the cap, and closes the connection', async () => {
    let serverSide: Promise<{ written: number; closedEarly: boolean }> | undefined;
    const total = 64 * 1024 * 1024;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      serverSide = writeUntilClosed(response, total);
    });
    const cap = 1024 * 1024;
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/chunked`, maxBytes: cap }));
    expect(providerError(error)).toMatchObject({ kind: 'too-large', limit: cap, status: 200 });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/chunked returned a body larger than the 1048576-byte limit; stopped reading.`,
    );
    const seen = await serverSide;
    measured['chunked over 1 MiB cap'] = `server wrote ${seen?.written} of ${total} bytes before the close`;
    expect(seen?.closedEarly).toBe(true);
    // What the server handed to its socket bounds what we could have read: the cap plus socket buffers, far below the total.
    expect(seen?.written).toBeLessThan(cap + 16 * 1024 * 1024);
  });

  it('accepts a body of exactly the cap', async () => {
    const server = await serve((_request, response) => response.end(`"${'a'.repeat(98)}"`));
    const response = await client.request({ url: server.origin, maxBytes: 100 });
    expect(response.text).toHaveLength(100);
  });
});

describe('createHttpClient: failures', () => {
  it('connection reset before the answer is a network error', async () => {
    const server = await serve((request) => request.socket.destroy());
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/reset` }));
    expect(providerError(error)).toMatchObject({
      kind: 'network',
      code: 'HTTP_NETWORK',
      url: `${server.origin}/reset`,
    });
    expect((error as ProviderHttpError).isRetryable).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('connection reset in the middle of the body is a network error', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"data":[');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/half` }));
    expect(providerError(error)).toMatchObject({ kind: 'network' });
  });

  it('connection refused is a network error with the code as cause', async () => {
    const port = await closedPort();
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: `http://127.0.0.1:${port}/v1/models` }),
    );
    expect(providerError(error)).toMatchObject({ kind: 'network', url: `http://127.0.0.1:${port}/v1/models` });
    expect((error as Error).message).toBe(
      `GET http://127.0.0.1:${port}/v1/models failed: connection refused (is the server running?) [ECONNREFUSED].`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    // At once, not after the connect timeout.
    expect(elapsedMs).toBeLessThan(DEFAULT_HTTP_TIMEOUTS.connectMs);
  });

  it('invalid JSON is invalid-body (with expect: json, the default)', async () => {
    const server = await serve((_request, response) => response.end('{"data": [1, 2,'));
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/v1/models` }));
    expect(providerError(error)).toMatchObject({ kind: 'invalid-body', status: 200, code: 'HTTP_INVALID_BODY' });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/v1/models returned HTTP 200 with a body that is not valid JSON (15 bytes).`,
    );
    expect((error as Error).cause).toMatchObject({ name: 'SyntaxError', message: 'SyntaxError' });
  });

  it('a non-2xx status is http-status with the provider message, code and Retry-After', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      response.end(
        JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_error', code: 'rate_limited' } }),
      );
    });
    const { error } = await timeRejection(() =>
      client.request({ url: `${server.origin}/v1/chat`, providerId: 'together' }),
    );
    expect(providerError(error)).toMatchObject({
      kind: 'http-status',
      status: 429,
      providerMessage: 'Rate limit reached',
      providerCode: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect((error as Error).message).toBe(
      `[together] GET ${server.origin}/v1/chat returned HTTP 429: Rate limit reached`,
    );
    expect((error as ProviderHttpError).isRetryable).toBe(true);
  });

  it('reads at most 64 KiB of an error body and falls back to the type when there is no code', async () => {
    const server = await serve(async (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      await writeUntilClosed(response, 4 * 1024 * 1024);
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin }));
    expect(providerError(error)).toMatchObject({ kind: 'http-status', status: 500 });
    expect((error as ProviderHttpError).providerMessage).toHaveLength(500);
    expect((error as ProviderHttpError).retryAfterMs).toBeUndefined();

    const typed = await serve((_request, response) => {
      response.writeHead(400);
      response.end('{"object":"error","message":"bad","type":"BadRequestError"}');
    });
    const second = await timeRejection(() => client.request({ url: typed.origin }));
    expect(providerError(second.error)).toMatchObject({ providerMessage: 'bad', providerCode: 'BadRequestError' });
  });

  it('an empty error body gives no providerMessage', async () => {
    const server = await serve((_request, response) => response.writeHead(503).end());
    const { error } = await timeRejection(() => client.request({ url: server.origin }));
    expect(providerError(error)).toMatchObject({ kind: 'http-status', status: 503, providerMessage: undefined });
    expect((error as Error).message).toBe(`GET ${server.origin}/ returned HTTP 503.`);
    expect(Object.hasOwn(error as object, 'cause')).toBe(false);
  });
});

describe('createHttpClient: cancellation', () => {
  it('an already aborted signal fails with aborted and sends nothing', async () => {
    const server = await serve((_request, response) => response.end('{}'));
    const { error } = await timeRejection(() => client.request({ url: server.origin, signal: AbortSignal.abort() }));
    expect(providerError(error)).toMatchObject({ kind: 'aborted', code: 'HTTP_ABORTED' });
    expect(server.requests).toHaveLength(0);
  });

  it('aborting while waiting for headers fails at once with aborted', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed ctrl-c')), 100);
    const { error, elapsedMs } = await timeRejection(() =>
      client.request({ url: server.origin, signal: controller.signal }),
    );
    expect(providerError(error)).toMatchObject({ kind: 'aborted' });
    expect((error as Error).message).toBe(`GET ${server.origin}/ was aborted.`);
    expect(elapsedMs).toBeLessThan(100 + MARGIN_MS);
    expect((error as ProviderHttpError).isRetryable).toBe(false);
  });

  it('aborting while the body streams fails with aborted', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      response.write('[');
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await timeRejection(() => client.request({ url: server.origin, signal: controller.signal }));
    expect(providerError(error)).toMatchObject({ kind: 'aborted' });
  });
});

describe('createHttpClient: refused requests', () => {
  const cases: [string, Parameters<HttpClient['request']>[0], string][] = [
    ['a relative URL', { url: '/v1/models' }, 'invalid-url'],
    ['a non-http scheme', { url: 'file:///etc/passwd' }, 'invalid-url'],
    ['user info in the URL', { url: 'http://user:pass@127.0.0.1:1/' }, 'userinfo'],
    ['a method other than GET, HEAD, POST', { url: 'http://127.0.0.1:1/', method: 'DELETE' as 'GET' }, 'method'],
    ['authorization in headers', { url: 'http://127.0.0.1:1/', headers: { Authorization: 'Bearer x' } }, 'header'],
    ['x-api-key in headers', { url: 'http://127.0.0.1:1/', headers: { 'x-api-key': 'x' } }, 'header'],
    [
      'the credential header name in headers',
      {
        url: 'http://127.0.0.1:1/',
        headers: { 'x-custom-key': 'x' },
        credential: { header: 'x-custom-key', value: 'v' },
      },
      'header',
    ],
    ['host in headers', { url: 'http://127.0.0.1:1/', headers: { host: 'evil.example' } }, 'header'],
    ['a header value with CRLF', { url: 'http://127.0.0.1:1/', headers: { 'x-a': 'a\r\nx-b: b' } }, 'header'],
    [
      'a credential value with CRLF',
      { url: 'http://127.0.0.1:1/', credential: { header: 'authorization', value: 'a\r\nb' } },
      'credential',
    ],
    [
      'an invalid credential header name',
      { url: 'http://127.0.0.1:1/', credential: { header: 'bad name', value: 'v' } },
      'credential',
    ],
    ['a JSON body on GET', { url: 'http://127.0.0.1:1/', json: {} }, 'body'],
    ['an unserialisable JSON body', { url: 'http://127.0.0.1:1/', method: 'POST', json: { n: 1n } }, 'body'],
    ['a zero timeout', { url: 'http://127.0.0.1:1/', timeouts: { bodyMs: 0 } }, 'option'],
    ['a fractional cap', { url: 'http://127.0.0.1:1/', maxBytes: 1.5 }, 'option'],
    ['an unknown redirect policy', { url: 'http://127.0.0.1:1/', redirect: 'follow' as 'error' }, 'option'],
  ];
  it.each(cases)('refuses %s with InvalidHttpRequestError', async (_name, input, reason) => {
    const { error } = await timeRejection(() => client.request(input));
    expect(InvalidHttpRequestError.isInstance(error)).toBe(true);
    expect(ProviderHttpError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ reason, code: 'HTTP_INVALID_REQUEST', name: 'InvalidHttpRequestError' });
  });

  it('refuses bad client options at construction, and requests after close', async () => {
    expect(() => createHttpClient({ timeouts: { connectMs: -1 } })).toThrow(InvalidHttpRequestError);
    expect(() => createHttpClient({ maxBytes: 0 })).toThrow(/maxBytes must be a positive integer/);
    expect(() => createHttpClient({ userAgent: 'a\r\nx-injected: 1' })).toThrow(/userAgent must be/);
    for (const userAgent of ['', 42 as unknown as string]) {
      expect(() => createHttpClient({ userAgent })).toThrow(
        expect.objectContaining({
          reason: 'option',
          message: 'userAgent must be a non-empty string without CR, LF or NUL.',
        }),
      );
    }
    const closing = createHttpClient();
    await closing.close();
    await expect(closing.request({ url: 'http://127.0.0.1:1/' })).rejects.toMatchObject({
      reason: 'option',
      message: 'This HTTP client was closed.',
    });
  });
});

describe('createHttpClient: request headers', () => {
  it('asks for JSON, uncompressed, as codewhale-plugin-kit, and declares no content type without a body', async () => {
    const server = await serve((_request, response) => response.end('{}'));
    await client.request({ url: server.origin });
    expect(server.requests[0]?.headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'identity',
      'user-agent': 'codewhale-plugin-kit',
    });
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it("accepts anything with expect: 'text', and sends the client's own user agent", async () => {
    const own = createHttpClient({ userAgent: 'my-plugin/1.2' });
    try {
      const server = await serve((_request, response) => response.end('ok'));
      await own.request({ url: server.origin, expect: 'text' });
      expect(server.requests[0]?.headers).toMatchObject({ accept: '*/*', 'user-agent': 'my-plugin/1.2' });
    } finally {
      await own.close();
    }
  });
});

describe('createHttpClient: answer details', () => {
  it('joins a repeated response header with ", "', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('X-Multi', ['a', 'b']);
      response.end('{}');
    });
    expect((await client.request({ url: server.origin })).headers['x-multi']).toBe('a, b');
  });

  it('treats a whitespace-only body as empty, not as invalid JSON', async () => {
    const server = await serve((_request, response) => response.end(' \r\n '));
    const response = await client.request({ url: server.origin });
    expect(response).toMatchObject({ status: 200, text: ' \r\n ', json: undefined });
  });
});

describe('createHttpClient: transport failures a host shows', () => {
  it('response headers over the limit are too-large', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('X-Big', 'a'.repeat(20_000));
      response.end('{}');
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin }));
    expect(providerError(error)).toMatchObject({ kind: 'too-large', code: 'HTTP_TOO_LARGE', url: `${server.origin}/` });
    expect((error as Error).message).toBe(`GET ${server.origin}/ failed: response headers are too large.`);
    expect((error as Error).cause).toMatchObject({ code: 'UND_ERR_HEADERS_OVERFLOW' });
  });

  it('https: to a plain HTTP server is a TLS failure', async () => {
    const server = await serve((_request, response) => response.end('{}'));
    const url = `https://127.0.0.1:${server.port}/v1/models`;
    const { error } = await timeRejection(() => client.request({ url }));
    expect(providerError(error)).toMatchObject({ kind: 'network', url });
    expect((error as Error).message).toMatch(
      /^GET https:\/\/127\.0\.0\.1:\d+\/v1\/models failed: TLS failure \[ERR_SSL_\w+\]\.$/,
    );
  });
});

describe('createHttpClient: error bodies', () => {
  it('reads an error body only up to the request maxBytes when that is below 64 KiB', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('first-ten!-and-the-rest');
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin, maxBytes: 10 }));
    expect(providerError(error)).toMatchObject({ kind: 'http-status', status: 400, providerMessage: 'first-ten!' });
    expect((error as Error).message).toBe(`GET ${server.origin}/ returned HTTP 400: first-ten!`);
  });

  it('an error body that stalls still gives http-status, only without a provider message', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.write('{"error":');
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin, timeouts: { bodyMs: 300 } }));
    expect(providerError(error)).toMatchObject({ kind: 'http-status', status: 503, providerMessage: undefined });
    expect((error as Error).message).toBe(`GET ${server.origin}/ returned HTTP 503.`);
  });

  it('an error body cut short by the server still gives http-status, only without a provider message', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"error":', () => response.socket?.end());
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin }));
    expect(providerError(error)).toMatchObject({ kind: 'http-status', status: 502, providerMessage: undefined });
    expect((error as Error).message).toBe(`GET ${server.origin}/ returned HTTP 502.`);
  });

  it('aborting while an error body streams fails with aborted, not http-status', async () => {
    const controller = new AbortController();
    const server = await serve((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.write('{"error":', () => setTimeout(() => controller.abort(), 200));
    });
    const { error } = await timeRejection(() => client.request({ url: server.origin, signal: controller.signal }));
    expect(providerError(error)).toMatchObject({ kind: 'aborted', status: undefined });
    expect((error as Error).message).toBe(`GET ${server.origin}/ was aborted.`);
  });
});

describe('createHttpClient: connections', () => {
  it('reuses kept-alive connections for sequential requests', async () => {
    const clientPorts: (number | undefined)[] = [];
    const server = await serve((request, response) => {
      clientPorts.push(request.socket.remotePort);
      response.end('{}');
    });
    for (let round = 0; round < 5; round += 1) await client.request({ url: server.origin });
    expect(clientPorts).toHaveLength(5);
    // undici's pool may open a second connection while the first is being released, but not one per request.
    expect(new Set(clientPorts).size).toBeLessThan(5);
  });

  it('close() closes the idle connections it kept', async () => {
    const own = createHttpClient();
    let socketClosed: Promise<void> | undefined;
    const server = await serve((request, response) => {
      socketClosed = new Promise((resolve) => request.socket.once('close', () => resolve()));
      response.end('{}');
    });
    // The server offers a minute of keep-alive, so undici's own idle timer would not close it during the test.
    server.server.keepAliveTimeout = 60_000;
    await own.request({ url: server.origin });
    await own.close();
    // Settles only once the client let go of the connection (a leaked one would keep this test waiting).
    await socketClosed;
  });

  it('leaves no listener behind on a signal shared by many requests, answered or failed', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/missing') return void response.writeHead(404).end();
      response.end('{}');
    });
    const controller = new AbortController();
    for (let round = 0; round < 3; round += 1) {
      await client.request({ url: server.origin, signal: controller.signal });
      await expect(
        client.request({ url: `${server.origin}/missing`, signal: controller.signal }),
      ).rejects.toMatchObject({
        status: 404,
      });
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
