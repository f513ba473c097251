import { readFileSync } from 'node:fs';
import type { LiveResponse } from '@codewhale/core';
import { ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext, type FakeAnswer } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { probeNvidiaNim } from './nvidia-nim-health.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const response = (status: number, json?: unknown): LiveResponse => ({
  status,
  headers: {},
  json,
  text: json === undefined ? '' : JSON.stringify(json),
});
const network = (path: string) =>
  new ProviderHttpError('connection refused', { kind: 'network', url: `http://127.0.0.1:8000/v1${path}` });

/** A NIM endpoint answering by path under its base URL; non-2xx answers are thrown, as a real host does. */
function fakeContext(answers: Readonly<Record<string, FakeAnswer>>, baseUrl = 'http://127.0.0.1:8000/v1') {
  const routes = Object.fromEntries(Object.entries(answers).map(([path, answer]) => [`GET base:${path}`, answer]));
  return createFakeLiveContext(routes, { providerId: 'nvidia-nim', baseUrl });
}

describe('probeNvidiaNim', () => {
  it('ready → up, with the served models', async () => {
    const context = fakeContext({
      '/health/ready': response(200, fixture('nim-health-ready.json')),
      '/models': response(200, fixture('nim-models.json')),
    });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'up',
      evidence: ['GET /v1/health/ready -> 200', 'GET /v1/models -> 200', 'listing names 1 model'],
      models: ['qwen/qwen3.5-397b-a17b'],
    });
    expect(context.requests.map((request) => [request.path, request.method, request.from])).toEqual([
      ['/health/ready', 'GET', undefined],
      ['/models', 'GET', undefined],
    ]);
  });

  it('ready but the listing fails → still up, without models', async () => {
    const context = fakeContext({
      '/health/ready': response(200, fixture('nim-health-ready.json')),
      '/models': response(200, { data: 'nope' }),
    });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'up',
      evidence: ['GET /v1/health/ready -> 200', 'GET /v1/models -> 200', 'listing body did not parse at data'],
    });
  });

  it('not ready (503) but live → up-no-model', async () => {
    const context = fakeContext({
      '/health/ready': response(503, { object: 'health.response', message: 'Service is not ready.' }),
      '/health/live': response(200),
    });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'up-no-model',
      evidence: ['GET /v1/health/ready -> 503', 'GET /v1/health/live -> 200'],
    });
  });

  it('not ready, reported as a thrown HTTP-status error → still checks liveness', async () => {
    const context = fakeContext({
      '/health/ready': new ProviderHttpError('HTTP 503', {
        kind: 'http-status',
        status: 503,
        url: 'http://127.0.0.1:8000/v1/health/ready',
      }),
      '/health/live': network('/health/live'),
    });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'down',
      evidence: ['GET /v1/health/ready -> 503', 'GET /v1/health/live -> connection failed'],
    });
  });

  it('connection refused → down', async () => {
    const context = fakeContext({ '/health/ready': network('/health/ready') });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'down',
      evidence: ['GET /v1/health/ready -> connection failed'],
    });
  });

  it('timeout → down', async () => {
    const context = fakeContext({
      '/health/ready': new ProviderHttpError('timed out', {
        kind: 'timeout',
        phase: 'headers',
        limit: 5000,
        url: 'http://127.0.0.1:8000/v1/health/ready',
      }),
    });
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'down',
      evidence: ['GET /v1/health/ready -> timeout after 5000 ms (headers)'],
    });
  });

  it.each([401, 403])('%i → unauthorized', async (status) => {
    expect((await probeNvidiaNim(fakeContext({ '/health/ready': response(status) }))).state).toBe('unauthorized');
    const thrown = new ProviderHttpError(`HTTP ${status}`, {
      kind: 'http-status',
      status,
      url: 'http://127.0.0.1:8000/v1/health/ready',
    });
    expect((await probeNvidiaNim(fakeContext({ '/health/ready': thrown }))).state).toBe('unauthorized');
  });

  it('the hosted API (no health route) → unknown: a listing proves reachability, not readiness', async () => {
    const context = fakeContext(
      { '/health/ready': response(404), '/models': response(200, fixture('nim-hosted-models.json')) },
      'https://integrate.api.nvidia.com/v1',
    );
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'unknown',
      evidence: [
        'GET /v1/health/ready -> 404',
        'GET /v1/models -> 200',
        'listing names 4 models',
        'no NIM health route: the server is reachable, readiness is not proven',
      ],
      models: [
        'deepseek-ai/deepseek-v4-pro',
        'z-ai/glm4.7',
        'meta/llama-3.3-70b-instruct',
        'deepseek-ai/deepseek-v3.1-terminus',
      ],
    });
  });

  it('no health route and the listing refuses the key → unauthorized', async () => {
    const context = fakeContext(
      { '/health/ready': response(404), '/models': response(401, { error: 'Unauthorized' }) },
      'https://integrate.api.nvidia.com/v1',
    );
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'unauthorized',
      evidence: ['GET /v1/health/ready -> 404', 'GET /v1/models -> 401'],
    });
  });

  it('a container behind a path prefix is probed under its base path', async () => {
    const context = fakeContext(
      { '/health/ready': response(200), '/models': response(200, { object: 'list', data: [] }) },
      'https://gpu.example.com/nim/v1',
    );
    expect(await probeNvidiaNim(context)).toEqual({
      state: 'up',
      evidence: ['GET /nim/v1/health/ready -> 200', 'GET /nim/v1/models -> 200', 'listing names 0 models'],
      models: [],
    });
  });

  it('an unexpected error (not a ProviderHttpError) → unknown, never thrown', async () => {
    const context = fakeContext({ '/health/ready': new TypeError('boom') });
    expect(await probeNvidiaNim(context)).toEqual({ state: 'unknown', evidence: ['GET /v1/health/ready -> failed'] });
  });

  it('never echoes response bodies into the evidence', async () => {
    const context = fakeContext({
      '/health/ready': response(500, { message: 'key nvapi-abc123 leaked' }),
      '/health/live': response(500, { message: 'nvapi-abc123' }),
    });
    const result = await probeNvidiaNim(context);
    expect(result.state).toBe('unknown');
    expect(JSON.stringify(result)).not.toContain('nvapi');
  });
});
