import { ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { probeOpenAICompatible } from './openai-compatible-health.js';

/** An LM Studio endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' } as const;

describe('probeOpenAICompatible', () => {
  it('is up when GET {base}/models lists models', async () => {
    const live = createFakeLiveContext(
      { 'GET base:/models': { status: 200, json: { object: 'list', data: [{ id: 'b' }, { id: 'a' }] } } },
      host,
    );
    expect(await probeOpenAICompatible(live)).toEqual({
      state: 'up',
      models: ['a', 'b'],
      evidence: ['GET /v1/models -> 200 (2 models)'],
    });
    expect(live.requests).toEqual([{ path: '/models', from: 'base' }]);
  });

  it('is up-no-model for an empty list (or data: null)', async () => {
    expect(
      await probeOpenAICompatible(
        createFakeLiveContext({ 'GET base:/models': { status: 200, json: { data: null } } }, host),
      ),
    ).toEqual({
      state: 'up-no-model',
      models: [],
      evidence: ['GET /v1/models -> 200 (0 models)'],
    });
  });

  it('is unauthorized on 401/403, down on network errors and 5xx, unknown otherwise', async () => {
    expect(
      (
        await probeOpenAICompatible(
          createFakeLiveContext({ 'GET base:/models': { status: 401, json: { error: { message: 'bad key' } } } }, host),
        )
      ).state,
    ).toBe('unauthorized');
    const forbidden = new ProviderHttpError('forbidden', {
      kind: 'http-status',
      status: 403,
      url: 'http://127.0.0.1:1234/v1/models',
    });
    expect(await probeOpenAICompatible(createFakeLiveContext({ 'GET base:/models': forbidden }, host))).toEqual({
      state: 'unauthorized',
      evidence: ['GET /v1/models -> 403'],
    });
    const refused = new ProviderHttpError('connect ECONNREFUSED', {
      kind: 'network',
      url: 'http://127.0.0.1:1234/v1/models',
    });
    expect(await probeOpenAICompatible(createFakeLiveContext({ 'GET base:/models': refused }, host))).toEqual({
      state: 'down',
      evidence: ['GET /v1/models -> connection failed'],
    });
    expect(
      (
        await probeOpenAICompatible(
          createFakeLiveContext({ 'GET base:/models': { status: 502, text: 'Bad Gateway' } }, host),
        )
      ).state,
    ).toBe('down');
    expect(await probeOpenAICompatible(createFakeLiveContext({}, host))).toEqual({
      state: 'unknown',
      evidence: ['GET /v1/models -> 404 (Not Found)'],
    });
    expect(
      await probeOpenAICompatible(createFakeLiveContext({ 'GET base:/models': { status: 200, text: '<html>' } }, host)),
    ).toEqual({
      state: 'unknown',
      evidence: ['GET /v1/models -> 200 (body not a model list)'],
    });
    expect(
      await probeOpenAICompatible(
        createFakeLiveContext({ 'GET base:/models': new Error('boom sk-planted-0123456789') }, host),
      ),
    ).toEqual({ state: 'unknown', evidence: ['GET /v1/models -> failed'] });
  });
});
