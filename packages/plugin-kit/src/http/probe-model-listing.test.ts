import type { LiveResponse, ParseModelsContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { fixedLiveContext, jsonAnswer } from '../__test-utils__/fixed-live-context.js';
import { ListingParseError, ProviderHttpError } from '../errors/provider-http-error.js';
import { parseOpenAIModelList } from '../listing/parse-openai-model-list.js';
import { probeModelListing } from './probe-model-listing.js';

const host = (answer: LiveResponse | Error) => fixedLiveContext(answer, 'http://127.0.0.1:1234/v1', 'lmstudio');
const parse = (body: unknown, context: ParseModelsContext) =>
  parseOpenAIModelList(body, { providerId: context.providerId });
const models = { path: '/models' } as const;

describe('probeModelListing', () => {
  it('lists the served ids with a counted evidence line', async () => {
    expect(await probeModelListing(host(jsonAnswer(200, { data: [{ id: 'a' }, { id: 'b' }] })), models, parse)).toEqual(
      { ok: true, models: ['a', 'b'], evidence: 'GET /v1/models -> 200 (2 models)' },
    );
    expect(await probeModelListing(host(jsonAnswer(200, { data: [{ id: 'a' }] })), models, parse)).toMatchObject({
      evidence: 'GET /v1/models -> 200 (1 model)',
    });
    expect(await probeModelListing(host(jsonAnswer(200, { data: [] })), models, parse)).toEqual({
      ok: true,
      models: [],
      evidence: 'GET /v1/models -> 200 (0 models)',
    });
  });

  it('gives the parser the context, and reports a body it refuses as unknown', async () => {
    const seen: ParseModelsContext[] = [];
    const refuse = (_body: unknown, context: ParseModelsContext): never => {
      seen.push(context);
      throw new ListingParseError(context.providerId, 'data', 'nope');
    };
    expect(await probeModelListing(host(jsonAnswer(200, '<html>')), models, refuse)).toEqual({
      ok: false,
      state: 'unknown',
      evidence: 'GET /v1/models -> 200 (body not a model list)',
    });
    expect(seen).toEqual([{ providerId: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' }]);
  });

  it('reports failures with their state, honouring the probe options', async () => {
    expect(await probeModelListing(host(jsonAnswer(401, { error: { message: 'bad key' } })), models, parse)).toEqual({
      ok: false,
      state: 'unauthorized',
      evidence: 'GET /v1/models -> 401 (bad key)',
    });
    expect(await probeModelListing(host(jsonAnswer(502, {})), models, parse)).toMatchObject({ state: 'unknown' });
    expect(await probeModelListing(host(jsonAnswer(502, {})), models, parse, { serverErrors: 'down' })).toEqual({
      ok: false,
      state: 'down',
      evidence: 'GET /v1/models -> 502',
    });
  });

  it('rethrows cancellation and unexpected errors unless neverThrow is set', async () => {
    const aborted = new ProviderHttpError('aborted', { kind: 'aborted', url: 'http://127.0.0.1:1234/v1/models' });
    await expect(probeModelListing(host(aborted), models, parse)).rejects.toBe(aborted);
    expect(await probeModelListing(host(aborted), models, parse, { neverThrow: true })).toEqual({
      ok: false,
      state: 'unknown',
      evidence: 'GET /v1/models -> aborted',
    });
    expect(await probeModelListing(host(new TypeError('boom')), models, parse, { neverThrow: true })).toEqual({
      ok: false,
      state: 'unknown',
      evidence: 'GET /v1/models -> failed',
    });
  });
});
