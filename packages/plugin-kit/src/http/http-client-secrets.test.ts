import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  startLoopbackServer,
  timeRejection,
  type LoopbackServer,
} from '../__test-utils__/loopback-server.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpClient, HttpRequestInput } from './http-client-types.js';
import { probeEndpoint } from './probe-endpoint.js';

// Distinctive fake keys: one key-shaped (caught by shape too), one that only exact matching can catch.
const CANARY = 'sk-canary-7Qz4M9x2LpW8vR3nT6yB';
const PLAIN_CANARY = 'plaincanary9f8e7d6c5b4a3928';
const FRAGMENTS = [CANARY, PLAIN_CANARY, '7Qz4M9x2LpW8vR3nT6yB', '9f8e7d6c5b4a3928'];

/** Every string reachable from an error: message, stack, every own property (symbols too), the whole `cause` chain. */
function everyString(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return value === undefined ? [] : [String(value)];
  seen.add(value);
  const out: string[] = [];
  if (value instanceof Error) out.push(String(value), value.stack ?? '');
  const keys: (string | symbol)[] = [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertySymbols(value)];
  out.push(JSON.stringify(value, Object.getOwnPropertyNames(value)));
  for (const key of keys) {
    out.push(String(key));
    out.push(...everyString((value as Record<string | symbol, unknown>)[key], seen));
  }
  return out;
}

function expectNoCanary(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const text = everyString(error).join('\n');
  for (const fragment of FRAGMENTS) expect(text).not.toContain(fragment);
}

let client: HttpClient;
let server: LoopbackServer;
let refusedPort: number;

beforeAll(async () => {
  client = createHttpClient();
  refusedPort = await closedPort();
  server = await startLoopbackServer((request, response) => {
    const path = request.url?.split('?')[0];
    switch (path) {
      case '/echo-401':
        response.writeHead(401, { 'content-type': 'application/json' });
        return void response.end(
          JSON.stringify({
            error: {
              message: `Incorrect API key provided: ${CANARY} / ${PLAIN_CANARY} (${request.headers.authorization ?? ''})`,
              type: 'invalid_request_error',
              code: CANARY,
            },
          }),
        );
      case '/echo-text':
        return void response
          .writeHead(403)
          .end(`forbidden for ${request.headers['x-api-key'] ?? ''} at ${request.url ?? ''}`);
      case '/redirect':
        return void response
          .writeHead(302, {
            location: `http://user:${CANARY}@localhost:${server.port}/next?key=${CANARY}&k2=${PLAIN_CANARY}`,
          })
          .end();
      case '/not-json':
        return void response.end(`${CANARY} ${PLAIN_CANARY} is not json`);
      case '/slow':
        return;
      default:
        return void response.end('{}');
    }
  });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('canary: no credential or query value in any error', () => {
  const bearer = { header: 'authorization', value: `Bearer ${CANARY}` };
  const apiKey = { header: 'x-api-key', value: PLAIN_CANARY };
  const query = `?api_key=${CANARY}&other=${PLAIN_CANARY}`;
  const cases: [string, () => HttpRequestInput, string][] = [
    [
      'http-status echoing the key (JSON)',
      () => ({ url: `${server.origin}/echo-401${query}`, credential: bearer }),
      'http-status',
    ],
    [
      'http-status echoing the key (text)',
      () => ({ url: `${server.origin}/echo-text${query}`, credential: apiKey }),
      'http-status',
    ],
    [
      'a refused redirect whose Location has user info and query',
      () => ({ url: `${server.origin}/redirect${query}`, credential: bearer }),
      'redirect-refused',
    ],
    [
      'a cross-origin redirect while following',
      () => ({ url: `${server.origin}/redirect${query}`, credential: apiKey, redirect: 'follow-same-origin' }),
      'redirect-refused',
    ],
    [
      'invalid JSON that contains the key',
      () => ({ url: `${server.origin}/not-json${query}`, credential: bearer }),
      'invalid-body',
    ],
    [
      'a refused connection',
      () => ({ url: `http://127.0.0.1:${refusedPort}/v1/models${query}`, credential: bearer }),
      'network',
    ],
    [
      'a headers timeout',
      () => ({ url: `${server.origin}/slow${query}`, credential: apiKey, timeouts: { headersMs: 100 } }),
      'timeout',
    ],
    [
      'an abort',
      () => ({ url: `${server.origin}/slow${query}`, credential: bearer, signal: AbortSignal.timeout(50) }),
      'aborted',
    ],
    [
      'a body over the cap',
      () => ({ url: `${server.origin}/not-json${query}`, credential: bearer, maxBytes: 4 }),
      'too-large',
    ],
  ];
  it.each(cases)('%s', async (_name, input, kind) => {
    const { error } = await timeRejection(() => client.request(input()));
    expect(error).toMatchObject({ kind });
    expectNoCanary(error);
  });

  it('redacts echoed keys and query values in providerMessage and providerCode, and keeps the rest', async () => {
    const { error } = await timeRejection(() =>
      client.request({ url: `${server.origin}/echo-401?key=${PLAIN_CANARY}&limit=5`, credential: bearer }),
    );
    expect(error).toMatchObject({
      providerMessage: 'Incorrect API key provided: [redacted] / [redacted] ([redacted])',
      providerCode: '[redacted]',
    });
    // Without the query, the plain value is not known to be a secret and is not key-shaped: it stays (limit of redaction).
    const bare = await timeRejection(() => client.request({ url: `${server.origin}/echo-401`, credential: bearer }));
    expect(bare.error).toMatchObject({
      providerMessage: `Incorrect API key provided: [redacted] / ${PLAIN_CANARY} ([redacted])`,
    });
  });

  it('sends the key to its own origin (the server saw it), so the checks above are not vacuous', async () => {
    await client.request({ url: `${server.origin}/ok`, credential: bearer });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${CANARY}`);
  });

  const refused: [string, HttpRequestInput][] = [
    ['user info in the URL', { url: `http://user:${CANARY}@127.0.0.1:${1}/v1/models${`?key=${PLAIN_CANARY}`}` }],
    ['user name only', { url: `http://${CANARY}@127.0.0.1:1/` }],
    ['an unparseable URL with the key', { url: `http://127.0.0.1:99999/${CANARY}?${PLAIN_CANARY}` }],
    ['a non-http URL with the key', { url: `ftp://127.0.0.1/files?k=${CANARY}&p=${PLAIN_CANARY}` }],
    [
      'a credential value with CRLF',
      {
        url: 'http://127.0.0.1:1/',
        credential: { header: 'authorization', value: `Bearer ${CANARY}\r\nx: ${PLAIN_CANARY}` },
      },
    ],
    [
      'the key in headers',
      { url: 'http://127.0.0.1:1/', headers: { authorization: `Bearer ${CANARY}`, 'x-plain': PLAIN_CANARY } },
    ],
    ['a header value with CRLF', { url: 'http://127.0.0.1:1/', headers: { 'x-plain': `${PLAIN_CANARY}\r\n` } }],
  ];
  it.each(refused)('refuses %s without quoting it', async (_name, input) => {
    const { error } = await timeRejection(() => client.request(input));
    expect(error).toMatchObject({ code: 'HTTP_INVALID_REQUEST' });
    expectNoCanary(error);
  });

  it('a LiveContext and its probe evidence stay clean too', async () => {
    expect(() =>
      createLiveContext({ client, providerId: 'vllm', baseUrl: `http://u:${CANARY}@127.0.0.1:1/v1` }),
    ).toThrow(/user info/);
    try {
      createLiveContext({ client, providerId: 'vllm', baseUrl: `http://u:${CANARY}@127.0.0.1:1/v1` });
    } catch (error) {
      expectNoCanary(error);
    }
    const context = createLiveContext({ client, providerId: 'vllm', baseUrl: `${server.origin}/`, credential: bearer });
    const outcome = await probeEndpoint(context, { path: `/echo-401?key=${PLAIN_CANARY}` });
    expect(outcome.ok).toBe(false);
    expect(outcome.evidence).toBe(
      'GET /echo-401 -> 401 (Incorrect API key provided: [redacted] / [redacted] ([redacted]))',
    );
    expectNoCanary(outcome.ok ? undefined : outcome.error);
  });
});

describe('redaction: what counts as a secret', () => {
  // Not key-shaped, so only knowing the credential or the query can redact them.
  const TOKEN = 'plain7token8value9xyz';
  let echo: LoopbackServer;

  beforeAll(async () => {
    echo = await startLoopbackServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/hop')
        return void response.writeHead(302, { location: '/query?token=hopsecret12345' }).end();
      if (url.pathname === '/moved')
        return void response.writeHead(302, { location: `/keys/${url.searchParams.get('key') ?? ''}/next` }).end();
      const credential = String(request.headers.authorization ?? request.headers['x-api-key'] ?? '');
      // Query values, or the credential's last word alone (providers echo the bare key).
      const said = url.pathname === '/query' ? [...url.searchParams.values()].join(' ') : credential.split(/\s+/).pop();
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(`rejected: ${said}`);
    });
  });
  afterAll(async () => {
    await echo.close();
  });

  it.each([
    ['Bearer', `Bearer ${TOKEN}`],
    ['token, lower case', `token ${TOKEN}`],
    ['Key', `Key ${TOKEN}`],
    ['Basic', `Basic ${TOKEN}`],
    ['with a leading space', ` Bearer ${TOKEN}`],
    ['with a trailing space', `Bearer ${TOKEN} `],
    ['with two spaces and a tab between', `Token \t ${TOKEN}`],
  ])('redacts the bare token of a "<scheme> <token>" credential: %s', async (_name, value) => {
    const { error } = await timeRejection(() =>
      client.request({ url: `${echo.origin}/credential`, credential: { header: 'authorization', value } }),
    );
    expect(error).toMatchObject({ kind: 'http-status', providerMessage: 'rejected: [redacted]' });
  });

  it('redacts a plain key sent as x-api-key', async () => {
    const { error } = await timeRejection(() =>
      client.request({ url: `${echo.origin}/credential`, credential: { header: 'x-api-key', value: TOKEN } }),
    );
    expect(error).toMatchObject({ providerMessage: 'rejected: [redacted]' });
  });

  it('redacts query values of 8 characters or more, and leaves shorter ones (limit=100, region names) alone', async () => {
    const { error } = await timeRejection(() =>
      client.request({ url: `${echo.origin}/query?limit=100&region=euwest1&session=abcdefgh` }),
    );
    expect(error).toMatchObject({ providerMessage: 'rejected: 100 euwest1 [redacted]' });
    expect((error as Error).message).toBe(
      `GET ${echo.origin}/query returned HTTP 401: rejected: 100 euwest1 [redacted]`,
    );
  });

  it('redacts the query values of a followed redirect too', async () => {
    const { error } = await timeRejection(() =>
      client.request({ url: `${echo.origin}/hop`, redirect: 'follow-same-origin' }),
    );
    expect(error).toMatchObject({ kind: 'http-status', providerMessage: 'rejected: [redacted]' });
  });

  it("redacts a secret a refused redirect put into the Location's path", async () => {
    const { error } = await timeRejection(() => client.request({ url: `${echo.origin}/moved?key=pathsecret123456` }));
    expect(error).toMatchObject({ kind: 'redirect-refused', location: `${echo.origin}/keys/[redacted]/next` });
    expect((error as Error).message).not.toContain('pathsecret123456');
  });
});
