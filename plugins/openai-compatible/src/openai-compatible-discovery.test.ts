import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { parseOpenAICompatibleModels } from './openai-compatible-discovery.js';

const context = { providerId: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' };

function parseError(body: unknown): ListingParseError {
  try {
    parseOpenAICompatibleModels(body, context);
  } catch (error) {
    expect(ListingParseError.isInstance(error)).toBe(true);
    return error as ListingParseError;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseOpenAICompatibleModels', () => {
  it('keeps id, owned_by and created, sorted by id and de-duplicated', () => {
    const body = {
      object: 'list',
      data: [
        { id: 'qwen2.5-coder-7b-instruct', object: 'model', owned_by: 'organization_owner' },
        { id: 'text-embedding-nomic-embed-text-v1.5', object: 'model', owned_by: 'organization_owner' },
        {
          id: 'Meta-Llama-3.1-8B',
          object: 'model',
          created: 1_720_000_000,
          owned_by: 'llamacpp',
          meta: { n_ctx_train: 131072 },
        },
        { id: 'qwen2.5-coder-7b-instruct', owned_by: 'duplicate' },
      ],
    };
    expect(parseOpenAICompatibleModels(body, context)).toEqual([
      { id: 'Meta-Llama-3.1-8B', ownedBy: 'llamacpp', created: 1_720_000_000 },
      { id: 'qwen2.5-coder-7b-instruct', ownedBy: 'organization_owner' },
      { id: 'text-embedding-nomic-embed-text-v1.5', ownedBy: 'organization_owner' },
    ]);
  });

  it('reads only those fields: server-specific extras (and planted secrets) are never copied', () => {
    const records = parseOpenAICompatibleModels(
      { data: [{ id: 'm', max_model_len: 4096, api_key: 'sk-planted-123456789', owned_by: 5, created: '1' }] },
      context,
    );
    expect(records).toEqual([{ id: 'm' }]);
  });

  it('treats data: null and data: [] as no models', () => {
    expect(parseOpenAICompatibleModels({ object: 'list', data: null }, context)).toEqual([]);
    expect(parseOpenAICompatibleModels({ data: [] }, context)).toEqual([]);
  });

  it.each([
    ['null', null, ''],
    ['a bare list', [{ id: 'm' }], ''],
    ['missing data', { models: [] }, 'data'],
    ['data as an object', { data: { id: 'm' } }, 'data'],
    ['an entry that is a string', { data: ['m'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: null }] }, 'data[0].id'],
  ])('throws ListingParseError for %s', (_label, body, path) => {
    expect(parseError(body).path).toBe(path);
  });

  it('refuses a huge listing (25,000 entries) without crashing', () => {
    expect(parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `m${index}` })) }).path).toBe('data');
  });
});
