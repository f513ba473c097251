import type { LiveRequest } from '@codewhale/core';
import { ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext, type FakeAnswer } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import modelsBody from './__fixtures__/sglang-models.json' with { type: 'json' };
import { probeSglang } from './sglang-health.js';
import { SGLANG_DEFAULT_BASE_URL } from './sglang-settings.js';

/** SGLang's default endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'sglang', baseUrl: SGLANG_DEFAULT_BASE_URL } as const;

// What /server_info returns: ServerArgs in clear text, keys included (never requested by the plugin).
const serverInfo = {
  model_path: 'meta-llama/Llama-3.1-8B-Instruct',
  api_key: 'sk-planted-sglang-key-0123456789',
  admin_api_key: 'admin-planted-key-9876543210',
  version: '0.5.4',
  context_length: 131072,
};
const serverInfoRoutes: Record<string, FakeAnswer> = {
  'GET origin:/server_info': { status: 200, json: serverInfo },
  'GET origin:/get_server_info': { status: 200, json: serverInfo },
  'GET base:/server_info': { status: 200, json: serverInfo },
};
const paths = (requests: readonly LiveRequest[]) =>
  requests.map((request) => `${request.method ?? 'GET'} ${request.from ?? 'base'}:${request.path}`);

describe('probeSglang', () => {
  it('is up: /health at the origin, then /v1/models', async () => {
    const live = createFakeLiveContext(
      { 'GET origin:/health': { status: 200, text: '' }, 'GET base:/models': { status: 200, json: modelsBody } },
      host,
    );
    expect(await probeSglang(live)).toEqual({
      state: 'up',
      models: ['meta-llama/Llama-3.1-8B-Instruct'],
      evidence: ['GET /health -> 200', 'GET /v1/models -> 200 (1 model)'],
    });
    expect(paths(live.requests)).toEqual(['GET origin:/health', 'GET base:/models']);
  });

  it('never requests /server_info and never leaks its keys, whatever the server would answer', async () => {
    for (const routes of [
      {
        ...serverInfoRoutes,
        'GET origin:/health': { status: 200, text: '' },
        'GET base:/models': { status: 200, json: modelsBody },
      },
      { ...serverInfoRoutes, 'GET origin:/health': { status: 503, text: '' } },
      {
        ...serverInfoRoutes,
        'GET origin:/health': { status: 200, text: '' },
        'GET base:/models': { status: 200, json: { ...serverInfo, data: [{ id: 'x', ...serverInfo }] } },
      },
      { ...serverInfoRoutes },
    ]) {
      const live = createFakeLiveContext(routes, host);
      const result = await probeSglang(live);
      expect(paths(live.requests).every((path) => path === 'GET origin:/health' || path === 'GET base:/models')).toBe(
        true,
      );
      expect(live.requests.some((request) => request.path.includes('server_info'))).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/planted/);
    }
  });

  it('is up-no-model for an empty listing', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/health': { status: 200, text: '' },
        'GET base:/models': { status: 200, json: { object: 'list', data: [] } },
      },
      host,
    );
    expect(await probeSglang(live)).toEqual({
      state: 'up-no-model',
      models: [],
      evidence: ['GET /health -> 200', 'GET /v1/models -> 200 (0 models)'],
    });
  });

  it('is down on 503 and on network errors', async () => {
    expect(await probeSglang(createFakeLiveContext({ 'GET origin:/health': { status: 503, text: '' } }, host))).toEqual(
      { state: 'down', evidence: ['GET /health -> 503'] },
    );
    const refused = new ProviderHttpError('connect ECONNREFUSED 127.0.0.1:30000', {
      kind: 'network',
      url: 'http://127.0.0.1:30000/health',
    });
    expect(await probeSglang(createFakeLiveContext({ 'GET origin:/health': refused }, host))).toEqual({
      state: 'down',
      evidence: ['GET /health -> connection failed'],
    });
  });

  it('is unauthorized when --api-key refuses /v1/models', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/health': { status: 200, text: '' },
        'GET base:/models': {
          status: 401,
          json: { object: 'error', message: 'Unauthorized', type: 'Unauthorized', param: null, code: 401 },
        },
      },
      host,
    );
    expect(await probeSglang(live)).toEqual({
      state: 'unauthorized',
      evidence: ['GET /health -> 200', 'GET /v1/models -> 401 (Unauthorized)'],
    });
  });

  it('is unknown when /health does not answer 200 but the listing does', async () => {
    const live = createFakeLiveContext({ 'GET base:/models': { status: 200, json: modelsBody } }, host);
    expect(await probeSglang(live)).toMatchObject({ state: 'unknown', models: ['meta-llama/Llama-3.1-8B-Instruct'] });
  });
});
