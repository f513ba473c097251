import { liveModelRecordSchema } from '@codewhale/core';
import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import modelsBody from './__fixtures__/sglang-models.json' with { type: 'json' };
import { parseSglangModels } from './sglang-discovery.js';

const context = { providerId: 'sglang', baseUrl: 'http://127.0.0.1:30000/v1' };

function parseError(body: unknown): ListingParseError {
  try {
    parseSglangModels(body, context);
  } catch (error) {
    expect(ListingParseError.isInstance(error)).toBe(true);
    return error as ListingParseError;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseSglangModels', () => {
  it('parses the recorded body (root: null is left out)', () => {
    expect(parseSglangModels(modelsBody, context)).toEqual([
      { id: 'meta-llama/Llama-3.1-8B-Instruct', ownedBy: 'sglang', created: 1234567890, contextWindow: 131_072 },
    ]);
  });

  it('maps well-known served names, and base models by root; LoRA adapters keep parent and no context', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'openai/gpt-oss-120b',
          object: 'model',
          created: 2,
          owned_by: 'sglang',
          root: 'openai/gpt-oss-120b',
          parent: null,
          max_model_len: 131_072,
        },
        { id: 'dsv4', owned_by: 'sglang', root: 'deepseek-ai/DeepSeek-V4-Pro', parent: null, max_model_len: 1_048_576 },
        {
          id: 'dsv4:my-adapter',
          owned_by: 'sglang',
          root: 'deepseek-ai/DeepSeek-V4-Pro',
          parent: 'dsv4',
          max_model_len: null,
        },
      ],
    };
    expect(parseSglangModels(body, context)).toEqual([
      {
        id: 'openai/gpt-oss-120b',
        canonicalModel: 'gpt-oss-120b',
        ownedBy: 'sglang',
        created: 2,
        contextWindow: 131_072,
        root: 'openai/gpt-oss-120b',
      },
      {
        id: 'dsv4',
        canonicalModel: 'deepseek-v4-pro',
        ownedBy: 'sglang',
        contextWindow: 1_048_576,
        root: 'deepseek-ai/DeepSeek-V4-Pro',
      },
      { id: 'dsv4:my-adapter', ownedBy: 'sglang', root: 'deepseek-ai/DeepSeek-V4-Pro', parent: 'dsv4' },
    ]);
  });

  it('never copies unknown fields (server-info keys planted in a listing stay out)', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'm',
          owned_by: 'sglang',
          max_model_len: 4096,
          api_key: 'sk-planted-secret-123456',
          admin_api_key: 'adm-planted-999',
        },
      ],
      api_key: 'sk-planted-top',
    };
    const records = parseSglangModels(body, context);
    expect(records).toEqual([{ id: 'm', ownedBy: 'sglang', contextWindow: 4096 }]);
    expect(JSON.stringify(records)).not.toMatch(/planted/);
    for (const record of records) expect(liveModelRecordSchema.safeParse(record).success).toBe(true);
  });

  it('drops wrong-typed optional fields', () => {
    expect(
      parseSglangModels({ data: [{ id: 'm', max_model_len: 0, root: '', parent: 3, created: 1.5 }] }, context),
    ).toEqual([{ id: 'm' }]);
  });

  it.each([
    ['null', null, ''],
    ['a string', 'SGLang is running', ''],
    ['missing data', { object: 'list' }, 'data'],
    ['data as an object', { data: {} }, 'data'],
    ['an entry that is a string', { data: ['m'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: ['m'] }] }, 'data[0].id'],
  ])('throws ListingParseError for %s', (_label, body, path) => {
    expect(parseError(body).path).toBe(path);
  });

  it('refuses a huge listing (25,000 entries) without crashing', () => {
    expect(parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `m${index}` })) }).path).toBe('data');
  });
});
