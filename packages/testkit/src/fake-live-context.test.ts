import { ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { createFakeLiveContext, fakeRouteKey } from './fake-live-context.js';

describe('createFakeLiveContext', () => {
  it('answers from the route table and records requests', async () => {
    const context = createFakeLiveContext(
      { 'GET origin:/api/version': { status: 200, json: { version: '0.12.6' } } },
      { providerId: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
    );
    const response = await context.request({ path: '/api/version', from: 'origin' });
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      json: { version: '0.12.6' },
      text: '{"version":"0.12.6"}',
    });
    expect(context.requests).toEqual([{ path: '/api/version', from: 'origin' }]);
    expect(fakeRouteKey({ path: '/models', method: 'POST' })).toBe('POST base:/models');
  });

  it('throws what a real host throws for non-2xx answers (and 404 for unrouted paths)', async () => {
    const context = createFakeLiveContext({
      'GET base:/models': {
        status: 401,
        json: { error: { message: 'Invalid API key', type: 'authentication_error' } },
      },
    });
    const error = await context.request({ path: '/models' }).catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'http-status',
      status: 401,
      providerMessage: 'Invalid API key',
      url: 'http://127.0.0.1:8000/v1/models',
    });
    await expect(context.request({ path: '/nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('gives an empty error body no provider message and keeps Retry-After, like a real host', async () => {
    const context = createFakeLiveContext(
      { 'GET origin:/health?probe=1': { status: 503, text: '', headers: { 'retry-after': '5' } } },
      { providerId: 'vllm' },
    );
    const error = await context.request({ path: '/health?probe=1', from: 'origin' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'http-status',
      status: 503,
      providerMessage: undefined,
      retryAfterMs: 5000,
      url: 'http://127.0.0.1:8000/health',
    });
    expect((error as Error).message).toBe('[vllm] GET http://127.0.0.1:8000/health returned HTTP 503.');
  });

  it('can resolve non-2xx answers instead, and throws given errors as they are', async () => {
    const network = new ProviderHttpError('refused', { kind: 'network', url: 'http://127.0.0.1:8000/health' });
    const context = createFakeLiveContext(
      { 'GET origin:/health': { status: 503 }, 'GET base:/models': network },
      { statusErrors: 'resolve' },
    );
    expect((await context.request({ path: '/health', from: 'origin' })).status).toBe(503);
    await expect(context.request({ path: '/models' })).rejects.toBe(network);
  });

  it('answers unrouted requests with the fallback (an answer, an error, or a function of the request)', async () => {
    const every = createFakeLiveContext(
      { 'GET base:/models': { status: 200, json: { data: [] } } },
      { fallback: { status: 503, text: '' } },
    );
    expect((await every.request({ path: '/models' })).json).toEqual({ data: [] });
    await expect(every.request({ path: '/health', from: 'origin' })).rejects.toMatchObject({ status: 503 });
    const echo = createFakeLiveContext({}, { fallback: (request) => ({ status: 200, json: { path: request.path } }) });
    expect((await echo.request({ path: '/constructor' })).json).toEqual({ path: '/constructor' });
  });
});
