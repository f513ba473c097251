import { ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import tagsBody from './__fixtures__/ollama-tags.json' with { type: 'json' };
import versionBody from './__fixtures__/ollama-version.json' with { type: 'json' };
import { fakeLiveContext } from './__fixtures__/fake-live-context.js';
import { probeOllama } from './ollama-health.js';

const network = () => new ProviderHttpError('connect ECONNREFUSED', { kind: 'network', url: 'http://127.0.0.1:11434/api/version' });

describe('probeOllama', () => {
  it('is up with the version and the pulled models', async () => {
    const live = fakeLiveContext({ 'GET origin:/api/version': { status: 200, json: versionBody }, 'GET origin:/api/tags': { status: 200, json: tagsBody } });
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
    const live = fakeLiveContext({ 'GET origin:/api/version': { status: 200, json: versionBody }, 'GET origin:/api/tags': { status: 200, json: { models: [] } } });
    expect(await probeOllama(live)).toEqual({
      state: 'up-no-model',
      version: '0.12.6',
      models: [],
      evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 200 (0 models)'],
    });
  });

  it('is down on network errors and timeouts', async () => {
    expect(await probeOllama(fakeLiveContext({ 'GET origin:/api/version': network() }))).toEqual({ state: 'down', evidence: ['GET /api/version -> network'] });
    const timeout = new ProviderHttpError('timed out', { kind: 'timeout', url: 'http://127.0.0.1:11434/api/version', phase: 'connect', limit: 2000 });
    expect(await probeOllama(fakeLiveContext({ 'GET origin:/api/version': timeout }))).toEqual({ state: 'down', evidence: ['GET /api/version -> timeout'] });
  });

  it('is unauthorized on 401/403, whether returned or thrown by the host', async () => {
    const returned = fakeLiveContext({ 'GET origin:/api/version': { status: 200, json: versionBody }, 'GET origin:/api/tags': { status: 401, json: { error: 'unauthorized' } } });
    expect(await probeOllama(returned)).toEqual({ state: 'unauthorized', version: '0.12.6', evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 401'] });
    const thrown = new ProviderHttpError('forbidden', { kind: 'http-status', status: 403, url: 'https://ollama.com/api/version' });
    expect(await probeOllama(fakeLiveContext({ 'GET origin:/api/version': thrown }, { baseUrl: 'https://ollama.com/v1' }))).toEqual({
      state: 'unauthorized',
      evidence: ['GET /api/version -> http-status (HTTP 403)'],
    });
  });

  it('is unknown when the server does not answer like Ollama, and down on 5xx', async () => {
    expect(await probeOllama(fakeLiveContext({}))).toEqual({ state: 'unknown', evidence: ['GET /api/version -> 404'] });
    expect(await probeOllama(fakeLiveContext({ 'GET origin:/api/version': { status: 200, text: 'hello' } }))).toEqual({
      state: 'unknown',
      evidence: ['GET /api/version -> 200', 'the /api/version body has no version: not recognised as Ollama'],
    });
    const badTags = fakeLiveContext({ 'GET origin:/api/version': { status: 200, json: versionBody }, 'GET origin:/api/tags': { status: 200, json: { models: 'none' } } });
    expect(await probeOllama(badTags)).toMatchObject({ state: 'unknown', evidence: ['GET /api/version -> 200 (version 0.12.6)', 'GET /api/tags -> 200 (body not a model list)'] });
    expect(await probeOllama(fakeLiveContext({ 'GET origin:/api/version': { status: 503, text: '' } }))).toEqual({ state: 'down', evidence: ['GET /api/version -> 503'] });
  });

  it('keeps evidence secret-free (never quotes an error message or body)', async () => {
    const secret = new ProviderHttpError('failed with key sk-planted-secret-0123456789', { kind: 'network', url: 'http://127.0.0.1:11434/api/version' });
    const result = await probeOllama(fakeLiveContext({ 'GET origin:/api/version': secret }));
    expect(JSON.stringify(result)).not.toContain('sk-planted');
  });
});
