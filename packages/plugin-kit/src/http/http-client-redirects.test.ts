import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startLoopbackServer,
  timeRejection,
  writeUntilClosed,
  type LoopbackServer,
} from '../__test-utils__/loopback-server.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import type { HttpClient, HttpCredential } from './http-client-types.js';

const CREDENTIALS: readonly HttpCredential[] = [
  { header: 'authorization', value: 'Bearer sk-redirect-test-aaaaaaaaaaaaaaaa' },
  { header: 'x-api-key', value: 'redirect-test-key-bbbbbbbbbbbbbbbb' },
];
const CREDENTIAL_NAMES = ['authorization', 'x-api-key', 'proxy-authorization', 'cookie'];

let client: HttpClient;
const servers: LoopbackServer[] = [];

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** A server that redirects every request whose path is in `routes` and answers 200 JSON otherwise. */
function redirecting(
  routes: Record<string, string | (() => string)>,
  status = 302,
): Parameters<typeof startLoopbackServer>[0] {
  return (request, response) => {
    const target = routes[request.url?.split('?')[0] ?? ''];
    if (target !== undefined) {
      response.writeHead(status, { location: typeof target === 'function' ? target() : target });
      response.end('moved');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  };
}

function noCredentialArrived(server: LoopbackServer): void {
  for (const request of server.requests) {
    for (const name of CREDENTIAL_NAMES) expect(request.headers[name], `${name} on ${request.url}`).toBeUndefined();
  }
}

beforeAll(() => {
  client = createHttpClient();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await client.close();
});

describe('redirects: refused by default', () => {
  it('a 3xx is redirect-refused with the location as origin + path only', async () => {
    const server = await serve(redirecting({ '/v1/models': '/v2/models?token=abc#frag' }, 301));
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/v1/models` }));
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'redirect-refused',
      code: 'HTTP_REDIRECT_REFUSED',
      status: 301,
      url: `${server.origin}/v1/models`,
      location: `${server.origin}/v2/models`,
    });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/v1/models was redirected (HTTP 301) to ${server.origin}/v2/models; redirects are not followed. Configure the final URL instead.`,
    );
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/models']);
  });

  it.each(CREDENTIALS)('never carries $header to another port', async (credential) => {
    const other = await serve((_request, response) => response.end('{}'));
    const server = await serve(redirecting({ '/v1/models': `${other.origin}/collect?x=1` }, 307));
    const { error } = await timeRejection(() => client.request({ url: `${server.origin}/v1/models`, credential }));
    expect(error).toMatchObject({ kind: 'redirect-refused', location: `${other.origin}/collect` });
    expect(server.requests[0]?.headers[credential.header]).toBe(credential.value);
    expect(other.requests).toHaveLength(0);
    noCredentialArrived(other);
  });

  it('does not follow a Location that does not parse', async () => {
    const server = await serve(redirecting({ '/': 'http://[::1' }));
    const { error } = await timeRejection(() => client.request({ url: server.origin }));
    expect(error).toMatchObject({ kind: 'redirect-refused', status: 302, location: undefined });
  });

  it('a 3xx without Location and a 304 are http-status errors', async () => {
    const server = await serve((request, response) => response.writeHead(request.url === '/304' ? 304 : 300).end());
    await expect(client.request({ url: `${server.origin}/300` })).rejects.toMatchObject({
      kind: 'http-status',
      status: 300,
    });
    await expect(client.request({ url: `${server.origin}/304` })).rejects.toMatchObject({
      kind: 'http-status',
      status: 304,
    });
  });
});

describe("redirects: 'follow-same-origin'", () => {
  it.each(CREDENTIALS)('follows same-origin hops and sends $header on each', async (credential) => {
    const server = await serve(redirecting({ '/v1/models': '/v1/models/', '/v1/models/': '/final' }));
    const response = await client.request({
      url: `${server.origin}/v1/models`,
      credential,
      redirect: 'follow-same-origin',
    });
    expect(response).toMatchObject({ status: 200, json: { ok: true }, url: `${server.origin}/final` });
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/models', '/v1/models/', '/final']);
    for (const request of server.requests) expect(request.headers[credential.header]).toBe(credential.value);
  });

  it.each(CREDENTIALS)(
    'refuses a redirect to another port, and the other server sees no $header',
    async (credential) => {
      const other = await serve((_request, response) => response.end('{}'));
      const server = await serve(redirecting({ '/v1/models': `${other.origin}/steal` }, 308));
      const { error } = await timeRejection(() =>
        client.request({ url: `${server.origin}/v1/models`, credential, redirect: 'follow-same-origin' }),
      );
      expect(error).toMatchObject({ kind: 'redirect-refused', status: 308, location: `${other.origin}/steal` });
      expect((error as Error).message).toContain('to another origin');
      expect(other.requests).toHaveLength(0);
      noCredentialArrived(other);
    },
  );

  it.each(CREDENTIALS)(
    'refuses localhost vs 127.0.0.1 (two origins, same socket): no $header arrives after the hop',
    async (credential) => {
      let port = 0;
      const server = await serve(
        redirecting({ '/v1/models': '/v1/next', '/v1/next': () => `http://localhost:${port}/v1/steal` }),
      );
      port = server.port;
      const { error } = await timeRejection(() =>
        client.request({ url: `${server.origin}/v1/models`, credential, redirect: 'follow-same-origin' }),
      );
      expect(error).toMatchObject({
        kind: 'redirect-refused',
        location: `http://localhost:${port}/v1/steal`,
        url: `${server.origin}/v1/next`,
      });
      // The same server answers both names: it saw the two same-origin hops, never the third.
      expect(server.requests.map((request) => request.url)).toEqual(['/v1/models', '/v1/next']);
      expect(server.requests.every((request) => request.headers.host === `127.0.0.1:${port}`)).toBe(true);
    },
  );

  it('refuses a downgrade from the origin to another scheme', async () => {
    const server = await serve(redirecting({ '/': 'https://127.0.0.1:1/' }));
    const { error } = await timeRejection(() => client.request({ url: server.origin, redirect: 'follow-same-origin' }));
    expect(error).toMatchObject({ kind: 'redirect-refused', location: 'https://127.0.0.1:1/' });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/ was redirected (HTTP 302) to another origin (https://127.0.0.1:1/); only same-origin redirects are followed, so credentials never leave their origin.`,
    );
  });

  it('stops after 3 redirects', async () => {
    const server = await serve(redirecting({ '/loop': '/loop' }));
    const { error } = await timeRejection(() =>
      client.request({ url: `${server.origin}/loop`, redirect: 'follow-same-origin' }),
    );
    expect(error).toMatchObject({ kind: 'redirect-refused', location: `${server.origin}/loop` });
    expect((error as Error).message).toContain('more than 3 times');
    expect(server.requests).toHaveLength(4);
  });

  it('turns POST into GET without a body on 303, and keeps it on 307', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/see-other') return void response.writeHead(303, { location: '/result' }).end();
      if (request.url === '/temporary') return void response.writeHead(307, { location: '/result' }).end();
      response.end('{}');
    });
    await client.request({
      url: `${server.origin}/see-other`,
      method: 'POST',
      json: { a: 1 },
      redirect: 'follow-same-origin',
    });
    await client.request({
      url: `${server.origin}/temporary`,
      method: 'POST',
      json: { a: 1 },
      redirect: 'follow-same-origin',
    });
    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['POST', '/see-other', '{"a":1}'],
      ['GET', '/result', ''],
      ['POST', '/temporary', '{"a":1}'],
      ['POST', '/result', '{"a":1}'],
    ]);
  });
});

describe('redirects: which answers count as one', () => {
  it('a 201 Created with a Location header is an answer, not a redirect', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json', location: '/v1/items/7' });
      response.end('{"id":7}');
    });
    const response = await client.request({ url: `${server.origin}/v1/items`, method: 'POST', json: {} });
    expect(response).toMatchObject({ status: 201, json: { id: 7 } });
    expect(response.headers.location).toBe('/v1/items/7');
  });

  it('a 300 with a Location header is a redirect', async () => {
    const server = await serve(redirecting({ '/': '/choice' }, 300));
    await expect(client.request({ url: server.origin })).rejects.toMatchObject({
      kind: 'redirect-refused',
      status: 300,
      location: `${server.origin}/choice`,
    });
  });

  it.each([304, 400])('a %i with a Location header is an http-status error', async (status) => {
    const server = await serve((_request, response) => response.writeHead(status, { location: '/elsewhere' }).end());
    await expect(client.request({ url: server.origin, redirect: 'follow-same-origin' })).rejects.toMatchObject({
      kind: 'http-status',
      status,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a refused redirect whose body never ends does not keep the connection open', async () => {
    let serverSide: Promise<{ written: number; closedEarly: boolean }> | undefined;
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: '/next' });
      serverSide = writeUntilClosed(response, 64 * 1024 * 1024, { chunkSize: 16 * 1024, intervalMs: 2 });
    });
    await expect(client.request({ url: server.origin })).rejects.toMatchObject({ kind: 'redirect-refused' });
    // Settles once the client closed the connection; an unread body left open would keep the server writing.
    expect((await serverSide)?.closedEarly).toBe(true);
  });
});

describe('redirects: locations that are never followed', () => {
  it.each([
    ['does not parse', 'http://[::1', undefined],
    ['is not http(s)', 'ftp://127.0.0.1/file', 'ftp://127.0.0.1/file'],
  ])('a Location that %s is an invalid location', async (_name, target, location) => {
    const server = await serve(redirecting({ '/': target }));
    const { error } = await timeRejection(() => client.request({ url: server.origin, redirect: 'follow-same-origin' }));
    expect(error).toMatchObject({ kind: 'redirect-refused', status: 302, location });
    expect((error as Error).message).toBe(
      `GET ${server.origin}/ was redirected (HTTP 302) to an invalid location; not followed.`,
    );
  });

  it.each(['user@', ':pw-9f8e7d6c@', 'user:pw-9f8e7d6c@'])(
    'a same-origin Location with user info (%s) is refused, and reported without it',
    async (userInfo) => {
      let port = 0;
      const server = await serve(redirecting({ '/': () => `http://${userInfo}127.0.0.1:${port}/next` }));
      port = server.port;
      const { error } = await timeRejection(() =>
        client.request({ url: server.origin, redirect: 'follow-same-origin' }),
      );
      expect(error).toMatchObject({ kind: 'redirect-refused', location: `${server.origin}/next` });
      expect((error as Error).message).toBe(
        `GET ${server.origin}/ was redirected (HTTP 302) to a URL with user info; not followed.`,
      );
      expect(server.requests.map((request) => request.url)).toEqual(['/']);
    },
  );
});

describe('redirects: the method on the next hop', () => {
  it.each([301, 302])('turns POST into GET without a body on %i', async (status) => {
    const server = await serve(redirecting({ '/submit': '/result' }, status));
    await client.request({
      url: `${server.origin}/submit`,
      method: 'POST',
      json: { a: 1 },
      redirect: 'follow-same-origin',
    });
    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['POST', '/submit', '{"a":1}'],
      ['GET', '/result', ''],
    ]);
  });

  it.each([301, 302, 303])('keeps HEAD on %i', async (status) => {
    const server = await serve(redirecting({ '/start': '/result' }, status));
    await client.request({ url: `${server.origin}/start`, method: 'HEAD', redirect: 'follow-same-origin' });
    expect(server.requests.map((request) => [request.method, request.url])).toEqual([
      ['HEAD', '/start'],
      ['HEAD', '/result'],
    ]);
  });

  it('an error after a 303 names the GET that failed', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/submit') return void response.writeHead(303, { location: '/missing' }).end();
      response.writeHead(404).end();
    });
    const { error } = await timeRejection(() =>
      client.request({ url: `${server.origin}/submit`, method: 'POST', json: {}, redirect: 'follow-same-origin' }),
    );
    expect(error).toMatchObject({ kind: 'http-status', status: 404, url: `${server.origin}/missing` });
    expect((error as Error).message).toBe(`GET ${server.origin}/missing returned HTTP 404.`);
  });
});
