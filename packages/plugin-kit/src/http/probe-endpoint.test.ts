import type { LiveContext, LiveRequest } from '@codewhale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedLiveContext } from '../__test-utils__/fixed-live-context.js';
import { closedPort, startLoopbackServer, type LoopbackServer } from '../__test-utils__/loopback-server.js';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import { ProviderHttpError, type ProviderHttpErrorDetails } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpClient } from './http-client-types.js';
import { describeHttpFailure, healthStateForError, probeEndpoint, probeEndpointNeverThrow } from './probe-endpoint.js';

let client: HttpClient;
let server: LoopbackServer;

beforeAll(async () => {
  client = createHttpClient();
  server = await startLoopbackServer((request, response) => {
    if (request.url === '/health') return void response.end();
    if (request.url?.startsWith('/v1/models'))
      return void response.writeHead(401).end('{"error":{"message":"Invalid API key","type":"auth"}}');
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
    expect(unauthorized).toMatchObject({
      ok: false,
      state: 'unauthorized',
      evidence: 'GET /v1/models -> 401 (Invalid API key)',
    });
    const missing = await probeEndpoint(context, { path: '/version', from: 'origin', method: 'HEAD' });
    expect(missing).toMatchObject({ ok: false, state: 'unknown', evidence: 'HEAD /version -> 404' });

    const port = await closedPort();
    const down = await probeEndpoint(
      createLiveContext({ client, providerId: 'vllm', baseUrl: `http://127.0.0.1:${port}/v1` }),
      { path: '/models' },
    );
    expect(down).toMatchObject({
      ok: false,
      state: 'down',
      evidence: 'GET /v1/models -> connection failed [ECONNREFUSED]',
    });
  });

  it('rethrows cancellation and caller mistakes', async () => {
    const aborted = createLiveContext({
      client,
      providerId: 'vllm',
      baseUrl: server.origin,
      signal: AbortSignal.abort(),
    });
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

describe('probeEndpoint options and lenient hosts', () => {
  it('treats a non-2xx answer a lenient host resolved like the rejection a conforming host gives', async () => {
    const resolved = fixedLiveContext({
      status: 401,
      headers: {},
      json: { error: { message: 'Invalid API key' } },
      text: '',
    });
    expect(await probeEndpoint(resolved, { path: '/models' })).toMatchObject({
      ok: false,
      state: 'unauthorized',
      evidence: 'GET /v1/models -> 401 (Invalid API key)',
      error: { kind: 'http-status', status: 401 },
    });
    const empty = fixedLiveContext({ status: 503, headers: {}, json: undefined, text: '' });
    expect(await probeEndpoint(empty, { path: '/health', from: 'origin' })).toMatchObject({
      ok: false,
      state: 'unknown',
      evidence: 'GET /health -> 503',
    });
  });

  it('serverErrors: down makes 5xx down; quoteProviderMessage: false keeps the status alone', async () => {
    const dead = fixedLiveContext(
      new ProviderHttpError('x', {
        kind: 'http-status',
        status: 503,
        url: 'http://127.0.0.1:8000/health',
        providerMessage: 'engine dead',
      }),
    );
    expect(await probeEndpoint(dead, { path: '/health', from: 'origin' })).toMatchObject({
      state: 'unknown',
      evidence: 'GET /health -> 503 (engine dead)',
    });
    expect(await probeEndpoint(dead, { path: '/health', from: 'origin' }, { serverErrors: 'down' })).toMatchObject({
      state: 'down',
      evidence: 'GET /health -> 503 (engine dead)',
    });
    expect(
      await probeEndpoint(dead, { path: '/health', from: 'origin' }, { quoteProviderMessage: false }),
    ).toMatchObject({ state: 'unknown', evidence: 'GET /health -> 503' });
  });

  it('probeEndpointNeverThrow reports cancellation and unexpected errors as unknown, never quoting them', async () => {
    const aborted = new ProviderHttpError('aborted', { kind: 'aborted', url: 'http://127.0.0.1:8000/health' });
    expect(await probeEndpointNeverThrow(fixedLiveContext(aborted), { path: '/health', from: 'origin' })).toEqual({
      ok: false,
      error: aborted,
      state: 'unknown',
      evidence: 'GET /health -> aborted',
    });
    const boom = new TypeError('boom sk-planted-0123456789');
    expect(await probeEndpointNeverThrow(fixedLiveContext(boom), { path: '/models' })).toEqual({
      ok: false,
      error: boom,
      state: 'unknown',
      evidence: 'GET /v1/models -> failed',
    });
    const mistake = new InvalidHttpRequestError('path', 'bad path');
    expect(await probeEndpointNeverThrow(fixedLiveContext(mistake), { path: '/' })).toMatchObject({
      ok: false,
      state: 'unknown',
      evidence: 'GET /v1/ -> failed',
    });
    expect(
      await probeEndpointNeverThrow(fixedLiveContext({ status: 200, headers: {}, json: {}, text: '{}' }), {
        path: '/models',
      }),
    ).toMatchObject({ ok: true, evidence: 'GET /v1/models -> 200' });
  });
});

describe('healthStateForError and describeHttpFailure', () => {
  it.each([
    [{ kind: 'http-status', status: 401 }, 'unauthorized', '401'],
    [
      { kind: 'http-status', status: 403, providerMessage: 'x'.repeat(300) },
      'unauthorized',
      `403 (${'x'.repeat(119)}…)`,
    ],
    [{ kind: 'http-status', status: 500 }, 'unknown', '500'],
    [{ kind: 'timeout', phase: 'connect', limit: 3000 }, 'down', 'timeout after 3000 ms (connect)'],
    [{ kind: 'network' }, 'down', 'connection failed'],
    [{ kind: 'too-large', limit: 65536 }, 'unknown', 'body over the 65536-byte limit'],
    [{ kind: 'too-large' }, 'unknown', 'response too large'],
    [{ kind: 'invalid-body', status: 200 }, 'unknown', '200 with a body that is not JSON'],
    [
      { kind: 'redirect-refused', location: 'http://127.0.0.1:1/login' },
      'unknown',
      'redirect to http://127.0.0.1:1/login refused',
    ],
    [{ kind: 'aborted' }, 'unknown', 'aborted'],
  ] as const)('%o -> %s, %s', (details, state, text) => {
    expect(healthStateForError(error(details))).toBe(state);
    expect(describeHttpFailure(error(details))).toBe(text);
  });

  it('honours serverErrors and quoteProviderMessage', () => {
    const dead = error({ kind: 'http-status', status: 503, providerMessage: 'Service Unavailable' });
    expect(healthStateForError(dead, { serverErrors: 'down' })).toBe('down');
    expect(healthStateForError(error({ kind: 'http-status', status: 404 }), { serverErrors: 'down' })).toBe('unknown');
    expect(healthStateForError(error({ kind: 'too-large', status: 500 }), { serverErrors: 'down' })).toBe('unknown');
    expect(describeHttpFailure(dead)).toBe('503 (Service Unavailable)');
    expect(describeHttpFailure(dead, { quoteProviderMessage: false })).toBe('503');
  });
});
