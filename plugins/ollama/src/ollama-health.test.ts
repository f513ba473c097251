import { ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import tagsBody from './__fixtures__/ollama-tags.json' with { type: 'json' };
import versionBody from './__fixtures__/ollama-version.json' with { type: 'json' };
import { probeOllama } from './ollama-health.js';
import { OLLAMA_DEFAULT_BASE_URL } from './ollama-settings.js';

/** Ollama's default endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'ollama', baseUrl: OLLAMA_DEFAULT_BASE_URL } as const;

const network = () =>
  new ProviderHttpError('connect ECONNREFUSED', { kind: 'network', url: 'http://127.0.0.1:11434/api/version' });

describe('probeOllama', () => {
  it('is up with the version and the pulled models', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/api/version': { status: 200, json: versionBody },
        'GET origin:/api/tags': { status: 200, json: tagsBody },
      },
      host,
    );
    expect(await probeOllama(live)).toEqual({
      state: 'up',
      version: '0.12.6',
      models: ['deepseek-r1:latest', 'llama3.2:latest'],
      evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 200 (2 models)'],
    });
    expect(live.requests).toEqual([
      { path: '/api/version', from: 'origin' },
      { path: '/api/tags', from: 'origin' },
    ]);
  });

  it('is up-no-model when nothing is pulled', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/api/version': { status: 200, json: versionBody },
        'GET origin:/api/tags': { status: 200, json: { models: [] } },
      },
      host,
    );
    expect(await probeOllama(live)).toEqual({
      state: 'up-no-model',
      version: '0.12.6',
      models: [],
      evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 200 (0 models)'],
    });
  });

  it('is down on network errors and timeouts', async () => {
    expect(await probeOllama(createFakeLiveContext({ 'GET origin:/api/version': network() }, host))).toEqual({
      state: 'down',
      evidence: ['GET /api/version -> connection failed'],
    });
    const timeout = new ProviderHttpError('timed out', {
      kind: 'timeout',
      url: 'http://127.0.0.1:11434/api/version',
      phase: 'connect',
      limit: 2000,
    });
    expect(await probeOllama(createFakeLiveContext({ 'GET origin:/api/version': timeout }, host))).toEqual({
      state: 'down',
      evidence: ['GET /api/version -> timeout after 2000 ms (connect)'],
    });
  });

  it('is unauthorized on 401/403, whether returned or thrown by the host', async () => {
    const returned = createFakeLiveContext(
      {
        'GET origin:/api/version': { status: 200, json: versionBody },
        'GET origin:/api/tags': { status: 401, json: { error: 'unauthorized' } },
      },
      { ...host, statusErrors: 'resolve' },
    );
    expect(await probeOllama(returned)).toEqual({
      state: 'unauthorized',
      version: '0.12.6',
      evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 401 (unauthorized)'],
    });
    const thrown = new ProviderHttpError('forbidden', {
      kind: 'http-status',
      status: 403,
      url: 'https://ollama.com/api/version',
    });
    expect(
      await probeOllama(
        createFakeLiveContext({ 'GET origin:/api/version': thrown }, { ...host, baseUrl: 'https://ollama.com/v1' }),
      ),
    ).toEqual({
      state: 'unauthorized',
      evidence: ['GET /api/version -> 403'],
    });
  });

  it('is unknown when the server does not answer like Ollama, and down on 5xx', async () => {
    expect(await probeOllama(createFakeLiveContext({}, host))).toEqual({
      state: 'unknown',
      evidence: ['GET /api/version -> 404 (Not Found)'],
    });
    expect(
      await probeOllama(createFakeLiveContext({ 'GET origin:/api/version': { status: 200, text: 'hello' } }, host)),
    ).toEqual({
      state: 'unknown',
      evidence: ['GET /api/version -> 200', 'the /api/version body has no version: not recognised as Ollama'],
    });
    const badTags = createFakeLiveContext(
      {
        'GET origin:/api/version': { status: 200, json: versionBody },
        'GET origin:/api/tags': { status: 200, json: { models: 'none' } },
      },
      host,
    );
    expect(await probeOllama(badTags)).toMatchObject({
      state: 'unknown',
      evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 200 (body not a model list)'],
    });
    expect(
      await probeOllama(createFakeLiveContext({ 'GET origin:/api/version': { status: 503, text: '' } }, host)),
    ).toEqual({ state: 'down', evidence: ['GET /api/version -> 503'] });
  });

  it('keeps evidence secret-free (never quotes an error message or body)', async () => {
    const secret = new ProviderHttpError('failed with key sk-planted-secret-0123456789', {
      kind: 'network',
      url: 'http://127.0.0.1:11434/api/version',
    });
    const result = await probeOllama(createFakeLiveContext({ 'GET origin:/api/version': secret }, host));
    expect(JSON.stringify(result)).not.toContain('sk-planted');
  });
});
