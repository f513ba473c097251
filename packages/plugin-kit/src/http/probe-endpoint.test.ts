import type { LiveContext, LiveRequest } from '@codewhale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startLoopbackServer, type LoopbackServer } from '../__test-utils__/loopback-server.js';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import { ProviderHttpError, type ProviderHttpErrorDetails } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpClient } from './http-client-types.js';
import { describeHttpFailure, healthStateForError, probeEndpoint } from './probe-endpoint.js';

let client: HttpClient;
let server: LoopbackServer;

beforeAll(async () => {
  client = createHttpClient();
  server = await startLoopbackServer((request, response) => {
    if (request.url === '/health') return void response.end();
    if (request.url?.startsWith('/v1/models')) return void response.writeHead(401).end('{"error":{"message":"Invalid API key","type":"auth"}}');
    return void response.writeHead(404).end();
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

function error(details: Omit<ProviderHttpErrorDetails, 'url'>): ProviderHttpError {
  return new ProviderHttpError('x', { url: 'http://127.0.0.1:1/', ...details });
}

describe('probeEndpoint', () => {
  it('turns answers and failures into evidence lines and states', async () => {
    const context = createLiveContext({ client, providerId: 'vllm', baseUrl: `${server.origin}/v1` });
    const up = await probeEndpoint(context, { path: '/health', from: 'origin' });
    expect(up).toMatchObject({ ok: true, evidence: 'GET /health -> 200', response: { status: 200 } });
    const unauthorized = await probeEndpoint(context, { path: 'models?x=1' });
    expect(unauthorized).toMatchObject({ ok: false, state: 'unauthorized', evidence: 'GET /v1/models -> 401 (Invalid API key)' });
    const missing = await probeEndpoint(context, { path: '/version', from: 'origin', method: 'HEAD' });
    expect(missing).toMatchObject({ ok: false, state: 'unknown', evidence: 'HEAD /version -> 404' });

    const port = await closedPort();
    const down = await probeEndpoint(createLiveContext({ client, providerId: 'vllm', baseUrl: `http://127.0.0.1:${port}/v1` }), { path: '/models' });
    expect(down).toMatchObject({ ok: false, state: 'down', evidence: 'GET /v1/models -> connection failed [ECONNREFUSED]' });
  });

  it('rethrows cancellation and caller mistakes', async () => {
    const aborted = createLiveContext({ client, providerId: 'vllm', baseUrl: server.origin, signal: AbortSignal.abort() });
    await expect(probeEndpoint(aborted, { path: '/health' })).rejects.toMatchObject({ kind: 'aborted' });
    const broken: LiveContext = {
      providerId: 'x',
      baseUrl: server.origin,
      signal: new AbortController().signal,
      request: async (_request: LiveRequest) => {
        throw new InvalidHttpRequestError('path', 'bad path');
      },
    };
    await expect(probeEndpoint(broken, { path: '/' })).rejects.toThrow('bad path');
  });
});

describe('healthStateForError and describeHttpFailure', () => {
  it.each([
    [{ kind: 'http-status', status: 401 }, 'unauthorized', '401'],
    [{ kind: 'http-status', status: 403, providerMessage: 'x'.repeat(300) }, 'unauthorized', `403 (${'x'.repeat(119)}…)`],
    [{ kind: 'http-status', status: 500 }, 'unknown', '500'],
    [{ kind: 'timeout', phase: 'connect', limit: 3000 }, 'down', 'timeout after 3000 ms (connect)'],
    [{ kind: 'network' }, 'down', 'connection failed'],
    [{ kind: 'too-large', limit: 65536 }, 'unknown', 'body over the 65536-byte limit'],
    [{ kind: 'too-large' }, 'unknown', 'response too large'],
    [{ kind: 'invalid-body', status: 200 }, 'unknown', '200 with a body that is not JSON'],
    [{ kind: 'redirect-refused', location: 'http://127.0.0.1:1/login' }, 'unknown', 'redirect to http://127.0.0.1:1/login refused'],
    [{ kind: 'aborted' }, 'unknown', 'aborted'],
  ] as const)('%o -> %s, %s', (details, state, text) => {
    expect(healthStateForError(error(details))).toBe(state);
    expect(describeHttpFailure(error(details))).toBe(text);
  });
});
