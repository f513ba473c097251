import { ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import modelsBody from './__fixtures__/vllm-models.json' with { type: 'json' };
import { probeVllm } from './vllm-health.js';
import { VLLM_DEFAULT_BASE_URL } from './vllm-settings.js';

/** vLLM's default endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'vllm', baseUrl: VLLM_DEFAULT_BASE_URL } as const;

const healthy = {
  'GET origin:/health': { status: 200, text: '' },
  'GET origin:/version': { status: 200, json: { version: '0.11.0' } },
} as const;
const network = (path: string) =>
  new ProviderHttpError('connect ECONNREFUSED', { kind: 'network', url: `http://127.0.0.1:8000${path}` });

describe('probeVllm', () => {
  it('is up: engine healthy, version read, models listed (health and version at the origin, models under /v1)', async () => {
    const live = createFakeLiveContext({ ...healthy, 'GET base:/models': { status: 200, json: modelsBody } }, host);
    expect(await probeVllm(live)).toEqual({
      state: 'up',
      version: '0.11.0',
      models: ['seongil-dn/bge-m3-3800_steps_v2_234'],
      evidence: ['GET /health -> 200', 'GET /version -> 200 (version 0.11.0)', 'GET /v1/models -> 200 (1 model)'],
    });
    expect(live.requests).toEqual([
      { path: '/health', from: 'origin' },
      { path: '/version', from: 'origin' },
      { path: '/models', from: 'base' },
    ]);
  });

  it('is up-no-model when the listing is empty', async () => {
    const live = createFakeLiveContext(
      { ...healthy, 'GET base:/models': { status: 200, json: { object: 'list', data: [] } } },
      host,
    );
    expect(await probeVllm(live)).toMatchObject({ state: 'up-no-model', models: [] });
  });

  it('is down when /health says 503 (engine dead) or the server is unreachable', async () => {
    expect(await probeVllm(createFakeLiveContext({ 'GET origin:/health': { status: 503, text: '' } }, host))).toEqual({
      state: 'down',
      evidence: ['GET /health -> 503'],
    });
    expect(await probeVllm(createFakeLiveContext({ 'GET origin:/health': network('/health') }, host))).toEqual({
      state: 'down',
      evidence: ['GET /health -> connection failed'],
    });
    const timeout = new ProviderHttpError('timed out', {
      kind: 'timeout',
      url: 'http://127.0.0.1:8000/health',
      phase: 'headers',
      limit: 2000,
    });
    expect(await probeVllm(createFakeLiveContext({ 'GET origin:/health': timeout }, host))).toEqual({
      state: 'down',
      evidence: ['GET /health -> timeout after 2000 ms (headers)'],
    });
  });

  it('is unauthorized when /v1 refuses the key (only /v1 is protected by --api-key)', async () => {
    const live = createFakeLiveContext(
      { ...healthy, 'GET base:/models': { status: 401, json: { error: 'Unauthorized' } } },
      host,
    );
    expect(await probeVllm(live)).toEqual({
      state: 'unauthorized',
      version: '0.11.0',
      evidence: ['GET /health -> 200', 'GET /version -> 200 (version 0.11.0)', 'GET /v1/models -> 401 (Unauthorized)'],
    });
    const thrown = new ProviderHttpError('forbidden', {
      kind: 'http-status',
      status: 403,
      url: 'http://127.0.0.1:8000/v1/models',
    });
    expect(await probeVllm(createFakeLiveContext({ ...healthy, 'GET base:/models': thrown }, host))).toMatchObject({
      state: 'unauthorized',
    });
  });

  it('is unknown when /health is missing (not proven ready), even if a listing answers', async () => {
    const live = createFakeLiveContext({ 'GET base:/models': { status: 200, json: modelsBody } }, host);
    expect(await probeVllm(live)).toEqual({
      state: 'unknown',
      models: ['seongil-dn/bge-m3-3800_steps_v2_234'],
      evidence: [
        'GET /health -> 404 (Not Found)',
        'GET /version -> 404 (Not Found)',
        'GET /v1/models -> 200 (1 model)',
        'the engine health was not confirmed by /health, so the listing proves reachability only',
      ],
    });
  });

  it('is unknown for a listing that is not a model list, and down when the listing fails on the network', async () => {
    expect(
      await probeVllm(createFakeLiveContext({ ...healthy, 'GET base:/models': { status: 200, text: '<html>' } }, host)),
    ).toMatchObject({
      state: 'unknown',
      evidence: [
        'GET /health -> 200',
        'GET /version -> 200 (version 0.11.0)',
        'GET /v1/models -> 200 (body not a model list)',
      ],
    });
    expect(
      await probeVllm(createFakeLiveContext({ ...healthy, 'GET base:/models': network('/v1/models') }, host)),
    ).toMatchObject({ state: 'down' });
  });

  it('keeps evidence secret-free', async () => {
    const secret = new ProviderHttpError('refused key sk-planted-secret-0123456789', {
      kind: 'http-status',
      status: 401,
      url: 'http://127.0.0.1:8000/v1/models',
    });
    const result = await probeVllm(createFakeLiveContext({ ...healthy, 'GET base:/models': secret }, host));
    expect(JSON.stringify(result)).not.toContain('sk-planted');
  });
});
