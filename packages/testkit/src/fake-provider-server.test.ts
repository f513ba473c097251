import { createRegistry } from '@codewhale/core';
import { createHttpClient, createLiveContext, ProviderHttpError, type HttpClient } from '@codewhale/plugin-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { acmeListing, acmePlugin } from './__fixtures__/acme-plugin.js';
import { startFakeProvider, type FakeProvider } from './fake-provider-server.js';

const open: { server?: FakeProvider; client?: HttpClient } = {};

afterEach(async () => {
  await open.client?.close();
  await open.server?.close();
  delete open.client;
  delete open.server;
});

async function serve(routes: Parameters<typeof startFakeProvider>[0]['routes']) {
  const server = await startFakeProvider({ routes });
  const client = createHttpClient({ timeouts: { connectMs: 1000, headersMs: 1000, bodyMs: 1000 } });
  open.server = server;
  open.client = client;
  return { server, client };
}

describe('startFakeProvider', () => {
  it('replays a recorded listing: a real discovery round-trip through createHttpClient + createLiveContext', async () => {
    const { server, client } = await serve({ 'GET /v1/models': { status: 200, json: acmeListing } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const registry = createRegistry({ plugins: [acmePlugin] });
    const plugin = registry.provider('acme').plugin;
    const context = createLiveContext({
      client,
      providerId: 'acme',
      baseUrl: `${server.url}/v1`,
      credential: { header: 'authorization', value: 'Bearer sk-acme-test-0123456789' },
    });

    const response = await context.request({ path: plugin.descriptor.liveListing.path ?? '/models' });
    const records = plugin.discovery?.parseModels(response.json, { providerId: 'acme', baseUrl: context.baseUrl });

    expect(records).toEqual([{ id: 'acme/Coder-7B', ownedBy: 'acme', created: 1_700_000_000, contextWindow: 131072 }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', body: '' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-acme-test-0123456789');
  });

  it('serves health for real: up from the listing, unauthorized from a recorded 401', async () => {
    const { server, client } = await serve({ 'GET /v1/models': { status: 200, json: acmeListing } });
    const context = createLiveContext({ client, providerId: 'acme', baseUrl: `${server.url}/v1` });
    expect(await acmePlugin.health?.probe(context)).toEqual({
      state: 'up',
      evidence: ['GET /v1/models -> 200 (1 model)'],
      models: ['acme/Coder-7B'],
    });

    const denied = await startFakeProvider({
      routes: {
        'GET /v1/models': {
          status: 401,
          json: { error: { message: 'Invalid API key', type: 'authentication_error' } },
        },
      },
    });
    try {
      const deniedContext = createLiveContext({ client, providerId: 'acme', baseUrl: `${denied.url}/v1` });
      expect(await acmePlugin.health?.probe(deniedContext)).toEqual({
        state: 'unauthorized',
        evidence: ['GET /v1/models -> 401 (Invalid API key)'],
      });
    } finally {
      await denied.close();
    }
  });

  it('answers 404 for unrouted paths, matches paths with and without their query, and records POST bodies', async () => {
    const { server, client } = await serve({
      'GET /api/tags?verbose=1': { status: 200, text: 'with query' },
      'GET /api/tags': { status: 200, text: 'without query' },
      'POST /api/show': (request) => ({ status: 200, json: { echoed: JSON.parse(request.body) as unknown } }),
    });
    const context = createLiveContext({ client, providerId: 'acme', baseUrl: `${server.url}/v1` });
    expect((await context.request({ path: '/api/tags?verbose=1', from: 'origin' })).text).toBe('with query');
    expect((await context.request({ path: '/api/tags?other=2', from: 'origin' })).text).toBe('without query');
    expect(
      (await context.request({ path: '/api/show', from: 'origin', method: 'POST', json: { model: 'm' } })).json,
    ).toEqual({ echoed: { model: 'm' } });
    const missing = await context.request({ path: '/nope' }).catch((error: unknown) => error);
    expect(ProviderHttpError.isInstance(missing)).toBe(true);
    expect(missing).toMatchObject({ kind: 'http-status', status: 404, providerMessage: 'Not Found' });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/tags?verbose=1',
      'GET /api/tags?other=2',
      'POST /api/show',
      'GET /v1/nope',
    ]);
    expect(server.requests[2]?.body).toBe('{"model":"m"}');
  });

  it('delays answers (a client timeout fires) and sends text bodies and extra headers as recorded', async () => {
    const { server, client } = await serve({
      'GET /slow': { status: 200, text: 'late', delayMs: 5_000 },
      'GET /retry': { status: 429, text: '', headers: { 'retry-after': '7' } },
    });
    const context = createLiveContext({
      client,
      providerId: 'acme',
      baseUrl: server.url,
      timeouts: { headersMs: 100 },
    });
    await expect(context.request({ path: '/slow' })).rejects.toMatchObject({ kind: 'timeout', phase: 'headers' });
    await expect(context.request({ path: '/retry' })).rejects.toMatchObject({
      kind: 'http-status',
      status: 429,
      retryAfterMs: 7_000,
    });
  });

  it('closes with delayed answers pending, and close() can be called twice', async () => {
    const server = await startFakeProvider({ routes: { 'GET /slow': { status: 200, text: 'late', delayMs: 60_000 } } });
    const pending = fetch(`${server.url}/slow`).catch((error: unknown) => error);
    await expect.poll(() => server.requests.length).toBe(1);
    await Promise.all([server.close(), server.close()]);
    expect(await pending).toBeInstanceOf(Error);
  });
});
