import type { LiveContext, LiveRequest, LiveResponse, ParseModelsContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { jsonAnswer } from '../__test-utils__/fixed-live-context.js';
import { ProviderHttpError } from '../errors/provider-http-error.js';
import { parseOpenAIModelList } from '../listing/parse-openai-model-list.js';
import { probeServingEngine, type ServingEngineProbe } from './probe-serving-engine.js';

const BASE = 'http://127.0.0.1:8000/v1';

/** A context answering by path (`/health`, `/version`, `/models`), and the paths it was asked for, in order. */
function engine(answers: Readonly<Record<string, LiveResponse | Error>>): { context: LiveContext; asked: string[] } {
  const asked: string[] = [];
  const context: LiveContext = {
    providerId: 'vllm',
    baseUrl: BASE,
    signal: new AbortController().signal,
    request: async (request: LiveRequest) => {
      asked.push(request.path);
      const answer = answers[request.path];
      if (answer === undefined) throw new Error(`unexpected request ${request.path}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { context, asked };
}

const parseModels = (body: unknown, context: ParseModelsContext) =>
  parseOpenAIModelList(body, { providerId: context.providerId });
const withVersion: ServingEngineProbe = {
  health: { path: '/health', from: 'origin' },
  version: { path: '/version', from: 'origin' },
  models: { path: '/models', from: 'base' },
  parseModels,
  subject: 'engine',
};
const { version: _version, ...withoutVersion } = { ...withVersion, subject: 'server' };
const served = jsonAnswer(200, { data: [{ id: 'qwen3' }] });
const refused = () => new ProviderHttpError('refused', { kind: 'network', url: `${BASE}/models` });

describe('probeServingEngine', () => {
  it('is up with a healthy engine and a served model, with its version and every step as evidence', async () => {
    const { context, asked } = engine({
      '/health': jsonAnswer(200),
      '/version': jsonAnswer(200, { version: '0.11.2' }),
      '/models': served,
    });
    expect(await probeServingEngine(context, withVersion)).toStrictEqual({
      state: 'up',
      evidence: ['GET /health -> 200', 'GET /version -> 200 (version 0.11.2)', 'GET /v1/models -> 200 (1 model)'],
      version: '0.11.2',
      models: ['qwen3'],
    });
    expect(asked).toEqual(['/health', '/version', '/models']);
  });

  it('is up-no-model when the healthy engine serves nothing', async () => {
    const { context } = engine({ '/health': jsonAnswer(200), '/models': jsonAnswer(200, { data: [] }) });
    expect(await probeServingEngine(context, withoutVersion)).toStrictEqual({
      state: 'up-no-model',
      evidence: ['GET /health -> 200', 'GET /v1/models -> 200 (0 models)'],
      models: [],
    });
  });

  it('stops at a health check that says down or unauthorized', async () => {
    const down = engine({ '/health': jsonAnswer(503) });
    expect(await probeServingEngine(down.context, withVersion)).toStrictEqual({
      state: 'down',
      evidence: ['GET /health -> 503'],
    });
    expect(down.asked).toEqual(['/health']);
    const locked = engine({ '/health': jsonAnswer(401, { error: { message: 'no key' } }) });
    expect(await probeServingEngine(locked.context, withVersion)).toStrictEqual({
      state: 'unauthorized',
      evidence: ['GET /health -> 401 (no key)'],
    });
    expect(locked.asked).toEqual(['/health']);
  });

  it('calls a listing without a confirmed health check unknown: reachable, not proven ready', async () => {
    const { context } = engine({ '/health': new Error('boom'), '/models': served });
    expect(await probeServingEngine(context, withoutVersion)).toStrictEqual({
      state: 'unknown',
      evidence: [
        'GET /health -> failed',
        'GET /v1/models -> 200 (1 model)',
        'the server health was not confirmed by /health, so the listing proves reachability only',
      ],
      models: ['qwen3'],
    });
  });

  it('keeps the version it read when the listing fails, and leaves out one it could not read', async () => {
    const locked = engine({
      '/health': jsonAnswer(200),
      '/version': jsonAnswer(200, { version: '0.11.2' }),
      '/models': jsonAnswer(401, { error: { message: 'bad key' } }),
    });
    expect(await probeServingEngine(locked.context, withVersion)).toStrictEqual({
      state: 'unauthorized',
      evidence: ['GET /health -> 200', 'GET /version -> 200 (version 0.11.2)', 'GET /v1/models -> 401 (bad key)'],
      version: '0.11.2',
    });
    const noVersion = engine({ '/health': jsonAnswer(200), '/version': jsonAnswer(200, { v: 1 }), '/models': served });
    expect(await probeServingEngine(noVersion.context, withVersion)).toStrictEqual({
      state: 'up',
      evidence: ['GET /health -> 200', 'GET /version -> 200', 'GET /v1/models -> 200 (1 model)'],
      models: ['qwen3'],
    });
    const unreachable = engine({ '/health': jsonAnswer(200), '/version': jsonAnswer(200), '/models': refused() });
    expect(await probeServingEngine(unreachable.context, withVersion)).toMatchObject({ state: 'down' });
  });
});
