import { ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { fakeLiveContext } from './__fixtures__/fake-live-context.js';
import { probeOpenAICompatible } from './openai-compatible-health.js';

describe('probeOpenAICompatible', () => {
  it('is up when GET {base}/models lists models', async () => {
    const live = fakeLiveContext({ 'GET base:/models': { status: 200, json: { object: 'list', data: [{ id: 'b' }, { id: 'a' }] } } });
    expect(await probeOpenAICompatible(live)).toEqual({ state: 'up', models: ['a', 'b'], evidence: ['GET /v1/models -> 200 (2 models)'] });
    expect(live.requests).toEqual([{ path: '/models', from: 'base' }]);
  });

  it('is up-no-model for an empty list (or data: null)', async () => {
    expect(await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': { status: 200, json: { data: null } } }))).toEqual({
      state: 'up-no-model',
      models: [],
      evidence: ['GET /v1/models -> 200 (0 models)'],
    });
  });

  it('is unauthorized on 401/403, down on network errors and 5xx, unknown otherwise', async () => {
    expect((await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': { status: 401, json: { error: { message: 'bad key' } } } }))).state).toBe('unauthorized');
    const forbidden = new ProviderHttpError('forbidden', { kind: 'http-status', status: 403, url: 'http://127.0.0.1:1234/v1/models' });
    expect(await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': forbidden }))).toEqual({ state: 'unauthorized', evidence: ['GET /v1/models -> http-status (HTTP 403)'] });
    const refused = new ProviderHttpError('connect ECONNREFUSED', { kind: 'network', url: 'http://127.0.0.1:1234/v1/models' });
    expect(await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': refused }))).toEqual({ state: 'down', evidence: ['GET /v1/models -> network'] });
    expect((await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': { status: 502, text: 'Bad Gateway' } }))).state).toBe('down');
    expect(await probeOpenAICompatible(fakeLiveContext({}))).toEqual({ state: 'unknown', evidence: ['GET /v1/models -> 404'] });
    expect(await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': { status: 200, text: '<html>' } }))).toEqual({
      state: 'unknown',
      evidence: ['GET /v1/models -> 200 (body not a model list)'],
    });
    expect(await probeOpenAICompatible(fakeLiveContext({ 'GET base:/models': new Error('boom sk-planted-0123456789') }))).toEqual({ state: 'unknown', evidence: ['GET /v1/models -> failed'] });
  });
});
