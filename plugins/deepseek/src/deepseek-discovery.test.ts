import { readFileSync } from 'node:fs';
import { liveModelRecordSchema, type LiveContext, type LiveRequest, type LiveResponse } from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { deepseekDiscovery, parseDeepseekModels } from './deepseek-discovery.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const parseContext = { providerId: 'deepseek', baseUrl: 'https://api.deepseek.com' };

describe('parseDeepseekModels', () => {
  it('parses the official docs example exactly (old ids, mapped through the rename table)', () => {
    const records = parseDeepseekModels(fixture('deepseek-models.json'), parseContext);
    expect(records).toEqual([
      { id: 'deepseek-chat', canonicalModel: 'deepseek-v4.1-flash', ownedBy: 'deepseek' },
      { id: 'deepseek-reasoner', canonicalModel: 'deepseek-v4.1-flash', ownedBy: 'deepseek' },
    ]);
    for (const record of records) expect(liveModelRecordSchema.parse(record)).toEqual(record);
  });

  it('parses the post-2026-09-10 listing (deepseek-flash, deepseek-v4-pro) and leaves unknown ids unmapped', () => {
    const body = {
      object: 'list',
      data: [
        { id: 'deepseek-flash', object: 'model', owned_by: 'deepseek' },
        { id: 'deepseek-v4-pro', object: 'model', owned_by: 'deepseek' },
        { id: 'deepseek-v4-flash', object: 'model', owned_by: 'deepseek' },
        { id: 'deepseek-v5-pro', object: 'model', owned_by: 'deepseek', created: 1_790_000_000 },
        { id: 'deepseek-v4-pro', object: 'model', owned_by: 'someone-else' },
      ],
    };
    expect(parseDeepseekModels(body, parseContext)).toEqual([
      { id: 'deepseek-flash', canonicalModel: 'deepseek-v4.1-flash', ownedBy: 'deepseek' },
      { id: 'deepseek-v4-pro', canonicalModel: 'deepseek-v4-pro', ownedBy: 'deepseek' },
      { id: 'deepseek-v4-flash', canonicalModel: 'deepseek-v4.1-flash', ownedBy: 'deepseek' },
      { id: 'deepseek-v5-pro', ownedBy: 'deepseek', created: 1_790_000_000 },
    ]);
  });

  it('never copies unknown fields, and drops wrong-typed optional ones', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'deepseek-flash',
          owned_by: 42,
          created: '2026-09-10',
          api_key: 'sk-abcdefghijklmnopqrstuvwxyz',
          context_length: 'lots',
        },
      ],
    };
    const records = parseDeepseekModels(body, parseContext);
    expect(records).toEqual([{ id: 'deepseek-flash', canonicalModel: 'deepseek-v4.1-flash' }]);
    expect(JSON.stringify(records)).not.toContain('sk-');
  });

  it('ids are matched exactly: DeepSeek-Flash is not recognised', () => {
    expect(parseDeepseekModels({ data: [{ id: 'DeepSeek-Flash' }] }, parseContext)).toEqual([{ id: 'DeepSeek-Flash' }]);
  });

  it.each<[string, unknown, string]>([
    ['null', null, ''],
    ['a bare array', [{ id: 'deepseek-flash' }], ''],
    ['missing data', { object: 'list' }, 'data'],
    ['data as an object', { object: 'list', data: { id: 'deepseek-flash' } }, 'data'],
    ['data as null', { object: 'list', data: null }, 'data'],
    ['an id of the wrong type', { data: [{ id: 42 }] }, 'data[0].id'],
    ['a missing id', { data: [{ object: 'model' }] }, 'data[0].id'],
    ['an empty id', { data: [{ id: '' }] }, 'data[0].id'],
    ['an entry that is a string', { data: ['deepseek-flash'] }, 'data[0]'],
    ['an entry that is null', { data: [{ id: 'deepseek-flash' }, null] }, 'data[1]'],
    ['an over-long id', { data: [{ id: `deepseek-${'x'.repeat(600)}` }] }, 'data[0].id'],
    ['a huge array', { data: Array.from({ length: 25_000 }, (_, index) => ({ id: `deepseek-${index}` })) }, 'data'],
  ])('throws ListingParseError for %s', (_label, body, path) => {
    let caught: unknown;
    try {
      parseDeepseekModels(body, parseContext);
    } catch (error) {
      caught = error;
    }
    expect(ListingParseError.isInstance(caught)).toBe(true);
    expect((caught as ListingParseError).path).toBe(path);
    expect((caught as ListingParseError).providerId).toBe('deepseek');
  });

  it('is the plugin part', () => {
    expect(deepseekDiscovery.parseModels).toBe(parseDeepseekModels);
  });
});

function fakeContext(baseUrl: string, answer: LiveResponse | Error): LiveContext & { requests: LiveRequest[] } {
  const requests: LiveRequest[] = [];
  return {
    providerId: 'deepseek',
    baseUrl,
    signal: new AbortController().signal,
    requests,
    request: async (request) => {
      requests.push(request);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const ok = (body: unknown): LiveResponse => ({ status: 200, headers: {}, json: body, text: JSON.stringify(body) });

describe('deepseekDiscovery.fetchModels', () => {
  it.each([
    'https://api.deepseek.com',
    'https://api.deepseek.com/v1',
    'https://api.deepseek.com/anthropic',
    'https://api.deepseek.com/beta',
  ])('asks the API root for /models on %s (never under /anthropic or /beta)', async (baseUrl) => {
    const context = fakeContext(baseUrl, ok(fixture('deepseek-models.json')));
    const records = await deepseekDiscovery.fetchModels!(context);
    expect(records.map((record) => record.id)).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    expect(context.requests).toEqual([{ path: '/models', from: 'origin', method: 'GET' }]);
  });

  it('asks a custom endpoint relative to its base URL', async () => {
    const context = fakeContext('https://llm-proxy.example.com/deepseek/v1', ok({ data: [{ id: 'deepseek-flash' }] }));
    await expect(deepseekDiscovery.fetchModels!(context)).resolves.toEqual([
      { id: 'deepseek-flash', canonicalModel: 'deepseek-v4.1-flash' },
    ]);
    expect(context.requests).toEqual([{ path: '/models', from: 'base', method: 'GET' }]);
  });

  it('a 401 becomes a ProviderHttpError naming the listing URL', async () => {
    const body = fixture('deepseek-error-401.json');
    const context = fakeContext('https://api.deepseek.com/anthropic', {
      status: 401,
      headers: {},
      json: body,
      text: JSON.stringify(body),
    });
    const error = await deepseekDiscovery.fetchModels!(context).catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      url: 'https://api.deepseek.com/models',
      providerCode: 'invalid_request_error',
    });
  });

  it('a custom endpoint error names its own URL without query or user info', async () => {
    const context = fakeContext('https://proxy.example.com/v1/', {
      status: 502,
      headers: {},
      json: undefined,
      text: 'Bad Gateway',
    });
    const error = await deepseekDiscovery.fetchModels!(context).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 502,
      url: 'https://proxy.example.com/v1/models',
      providerMessage: 'Bad Gateway',
      message: '[deepseek] GET https://proxy.example.com/v1/models returned HTTP 502: Bad Gateway',
    });
    expect((error as ProviderHttpError).isRetryable).toBe(true);
  });

  it('a 200 that is not JSON is a ListingParseError', async () => {
    const context = fakeContext('https://api.deepseek.com', {
      status: 200,
      headers: {},
      json: undefined,
      text: '<html>',
    });
    expect(
      ListingParseError.isInstance(await deepseekDiscovery.fetchModels!(context).catch((caught: unknown) => caught)),
    ).toBe(true);
  });
});
