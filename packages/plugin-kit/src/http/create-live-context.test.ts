import type { LiveContext } from '@codewhale/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../__test-utils__/loopback-server.js';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpClient, HttpRequestInput } from './http-client-types.js';
import { LISTING_MAX_BYTES, SMALL_BODY_MAX_BYTES } from './http-limits.js';

let client: HttpClient;
let server: LoopbackServer;

beforeAll(async () => {
  client = createHttpClient();
  server = await startLoopbackServer((request, response) => {
    if (request.url === '/v1/models') return void response.end('{"object":"list","data":[{"id":"m"}]}');
    if (request.url === '/api/version') return void response.end('{"version":"0.12.0"}');
    if (request.url === '/health') return void response.end('OK');
    if (request.url === '/v1/redirect') return void response.writeHead(302, { location: '/v1/models' }).end();
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await client.close();
  await server.close();
});

/** A client that records what the context asks for, without sending. */
function recordingClient(): { client: HttpClient; inputs: HttpRequestInput[] } {
  const inputs: HttpRequestInput[] = [];
  return {
    inputs,
    client: {
      request: async (input) => {
        inputs.push(input);
        return { status: 200, headers: {}, text: '', json: undefined, url: input.url };
      },
      close: async () => {},
    },
  };
}

describe('createLiveContext', () => {
  it('implements LiveContext: base-relative and origin-relative paths, credential, parsed or undefined json', async () => {
    const context: LiveContext = createLiveContext({
      client,
      providerId: 'vllm',
      baseUrl: `${server.origin}/v1/`,
      credential: { header: 'authorization', value: 'Bearer sk-live-context-0000000000' },
    });
    expect(context.providerId).toBe('vllm');
    expect(context.baseUrl).toBe(`${server.origin}/v1`);
    expect(context.signal.aborted).toBe(false);

    const models = await context.request({ path: '/models' });
    expect(models).toEqual({
      status: 200,
      headers: expect.any(Object) as unknown,
      json: { object: 'list', data: [{ id: 'm' }] },
      text: '{"object":"list","data":[{"id":"m"}]}',
    });
    const version = await context.request({ path: 'api/version', from: 'origin' });
    expect(version.json).toEqual({ version: '0.12.0' });
    const health = await context.request({ path: '/health', from: 'origin' });
    expect(health).toMatchObject({ status: 200, text: 'OK', json: undefined });
    expect(server.requests.map((request) => [request.url, request.headers.authorization])).toEqual([
      ['/v1/models', 'Bearer sk-live-context-0000000000'],
      ['/api/version', 'Bearer sk-live-context-0000000000'],
      ['/health', 'Bearer sk-live-context-0000000000'],
    ]);
  });

  it('rejects non-2xx with ProviderHttpError (http-status) and refuses redirects', async () => {
    const context = createLiveContext({ client, providerId: 'ollama', baseUrl: server.origin });
    await expect(context.request({ path: '/api/missing' })).rejects.toMatchObject({
      kind: 'http-status',
      status: 404,
      providerMessage: 'not found',
    });
    await expect(context.request({ path: '/v1/redirect' })).rejects.toSatisfy(ProviderHttpError.isInstance);
    await expect(context.request({ path: '/v1/redirect' })).rejects.toMatchObject({
      kind: 'redirect-refused',
      message: expect.stringMatching(/^\[ollama\] /) as unknown,
    });
  });

  it('keeps every path on the base URL origin', async () => {
    const recording = recordingClient();
    const context = createLiveContext({
      client: recording.client,
      providerId: 'p',
      baseUrl: 'http://127.0.0.1:8000/v1',
      credential: { header: 'x-api-key', value: 'k' },
    });
    for (const path of [
      '//evil.example/x',
      'http://evil.example/x',
      '/@evil.example',
      '\\\\evil.example/x',
      '../../x',
    ]) {
      await context.request({ path });
    }
    await context.request({ path: 'http://evil.example/', from: 'origin' });
    expect(recording.inputs.map((input) => new URL(input.url).origin)).toEqual(Array(6).fill('http://127.0.0.1:8000'));
    expect(
      recording.inputs.every(
        (input) => input.credential?.value === 'k' && input.redirect === 'error' && input.expect === 'text',
      ),
    ).toBe(true);
  });

  it('applies size caps: default, per request, and never above the limit', async () => {
    const recording = recordingClient();
    const plain = createLiveContext({ client: recording.client, providerId: 'p', baseUrl: 'http://127.0.0.1:8000' });
    await plain.request({ path: '/v1/models' });
    await plain.request({ path: '/health', maxBytes: SMALL_BODY_MAX_BYTES });
    await plain.request({ path: '/huge', maxBytes: 1024 * 1024 * 1024 });
    const small = createLiveContext({
      client: recording.client,
      providerId: 'p',
      baseUrl: 'http://127.0.0.1:8000',
      defaultMaxBytes: SMALL_BODY_MAX_BYTES,
    });
    await small.request({ path: '/health' });
    expect(recording.inputs.map((input) => input.maxBytes)).toEqual([
      LISTING_MAX_BYTES,
      SMALL_BODY_MAX_BYTES,
      LISTING_MAX_BYTES,
      SMALL_BODY_MAX_BYTES,
    ]);
  });

  it('passes method, JSON body, signal and timeouts through', async () => {
    const recording = recordingClient();
    const controller = new AbortController();
    const context = createLiveContext({
      client: recording.client,
      providerId: 'p',
      baseUrl: 'http://127.0.0.1:8000',
      signal: controller.signal,
      timeouts: { headersMs: 2000 },
    });
    await context.request({ path: '/api/show', method: 'POST', json: { model: 'llama3' } });
    expect(recording.inputs[0]).toMatchObject({
      method: 'POST',
      json: { model: 'llama3' },
      timeouts: { headersMs: 2000 },
      providerId: 'p',
    });
    expect(recording.inputs[0]?.signal).toBe(controller.signal);
    expect(context.signal).toBe(controller.signal);
  });

  it('refuses base URLs with user info, query or fragment, and non-string paths', async () => {
    expect(() => createLiveContext({ client, providerId: 'p', baseUrl: 'http://u:p@127.0.0.1/v1' })).toThrow(
      InvalidHttpRequestError,
    );
    expect(() => createLiveContext({ client, providerId: 'p', baseUrl: 'http://127.0.0.1/v1?api-version=1' })).toThrow(
      /query or fragment/,
    );
    expect(() => createLiveContext({ client, providerId: 'p', baseUrl: 'not a url' })).toThrow(
      /^\[p\] The request URL is not an absolute http\(s\) URL\.$/,
    );
    const context = createLiveContext({ client, providerId: 'p', baseUrl: server.origin });
    await expect(context.request({ path: 42 as unknown as string })).rejects.toMatchObject({ reason: 'path' });
  });
});
