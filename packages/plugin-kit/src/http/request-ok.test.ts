import type { LiveContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { fixedLiveContext, jsonAnswer } from '../__test-utils__/fixed-live-context.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { liveRequestTarget, requestOk, statusErrorFor } from './request-ok.js';

describe('liveRequestTarget', () => {
  it('resolves against the base path or the origin, without user info, query or fragment', () => {
    expect(liveRequestTarget('http://u:p@127.0.0.1:8000/v1/', { path: '/models?key=1' })).toEqual({
      url: 'http://127.0.0.1:8000/v1/models',
      path: '/v1/models',
    });
    expect(liveRequestTarget('http://127.0.0.1:8000/v1', { path: 'health#x', from: 'origin' })).toEqual({
      url: 'http://127.0.0.1:8000/health',
      path: '/health',
    });
    expect(liveRequestTarget('not a url', { path: '/models' })).toEqual({ url: '/models', path: '/models' });
  });
});

describe('statusErrorFor', () => {
  it('builds the error a conforming host throws: message, code and Retry-After from the answer', () => {
    const error = statusErrorFor(
      { providerId: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1' },
      { path: '/models' },
      jsonAnswer(429, { error: { message: 'slow down', type: 'rate_limit' } }, { 'retry-after': '2' }),
    );
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'http-status',
      status: 429,
      url: 'http://127.0.0.1:8000/v1/models',
      providerMessage: 'slow down',
      providerCode: 'rate_limit',
      retryAfterMs: 2000,
    });
    expect(error.message).toBe('[vllm] GET http://127.0.0.1:8000/v1/models returned HTTP 429: slow down');
  });

  it('leaves providerMessage out for an empty body, and redacts key-shaped strings', () => {
    const empty = statusErrorFor(
      { providerId: 'sglang', baseUrl: 'http://127.0.0.1:30000/v1' },
      { path: '/health', from: 'origin' },
      jsonAnswer(503),
    );
    expect(empty).toMatchObject({
      status: 503,
      url: 'http://127.0.0.1:30000/health',
      providerMessage: undefined,
      providerCode: undefined,
    });
    expect(empty.message).toBe('[sglang] GET http://127.0.0.1:30000/health returned HTTP 503.');
    const echoed = statusErrorFor(
      { providerId: 'x', baseUrl: 'http://127.0.0.1:1' },
      { path: '/' },
      jsonAnswer(401, { message: 'bad key sk-planted-0123456789abcdef' }),
    );
    expect(JSON.stringify({ message: echoed.message, providerMessage: echoed.providerMessage })).not.toContain(
      'sk-planted',
    );
  });
});

describe('requestOk', () => {
  it('returns 2xx answers and throws a resolved non-2xx answer as ProviderHttpError', async () => {
    expect(await requestOk(fixedLiveContext(jsonAnswer(204)), { path: '/health', from: 'origin' })).toMatchObject({
      status: 204,
    });
    await expect(
      requestOk(fixedLiveContext(jsonAnswer(401, { error: 'unauthorized' }), 'http://127.0.0.1:11434/v1'), {
        path: '/api/tags',
        from: 'origin',
      }),
    ).rejects.toMatchObject({
      kind: 'http-status',
      status: 401,
      url: 'http://127.0.0.1:11434/api/tags',
      providerMessage: 'unauthorized',
    });
  });

  it('passes a conforming host’s rejection through untouched', async () => {
    const thrown = new ProviderHttpError('refused', { kind: 'network', url: 'http://127.0.0.1:8000/v1/models' });
    const host: LiveContext = { ...fixedLiveContext(jsonAnswer(200)), request: async () => Promise.reject(thrown) };
    await expect(requestOk(host, { path: '/models' })).rejects.toBe(thrown);
  });
});
