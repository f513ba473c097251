import { liveModelRecordSchema } from '@codewhale/core';
import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import modelsBody from './__fixtures__/vllm-models.json' with { type: 'json' };
import { parseVllmModels } from './vllm-discovery.js';

const context = { providerId: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1' };

function parseError(body: unknown): ListingParseError {
  try {
    parseVllmModels(body, context);
  } catch (error) {
    expect(ListingParseError.isInstance(error)).toBe(true);
    return error as ListingParseError;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseVllmModels', () => {
  it('parses the recorded body: max_model_len is the context window, permission is dropped', () => {
    expect(parseVllmModels(modelsBody, context)).toEqual([
      {
        id: 'seongil-dn/bge-m3-3800_steps_v2_234',
        ownedBy: 'vllm',
        created: 1756885796,
        contextWindow: 1024,
        root: 'seongil-dn/bge-m3-3800_steps_v2_234',
      },
    ]);
  });

  it('maps well-known served names (byte-for-byte) and base models by root, never adapters', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'deepseek-ai/DeepSeek-V4-Pro',
          object: 'model',
          created: 1,
          owned_by: 'vllm',
          root: 'deepseek-ai/DeepSeek-V4-Pro',
          parent: null,
          max_model_len: 393_216,
        },
        {
          id: 'deepseek-ai/deepseek-v4-pro',
          owned_by: 'vllm',
          root: '/models/dsv4',
          parent: null,
          max_model_len: 65_536,
        },
        {
          id: 'coder',
          owned_by: 'vllm',
          root: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
          parent: null,
          max_model_len: 262_144,
        },
        { id: 'sql-lora', owned_by: 'vllm', root: '/adapters/sql-lora', parent: 'coder', max_model_len: null },
        { id: 'gpt-oss-lora', owned_by: 'vllm', root: 'openai/gpt-oss-20b', parent: 'openai/gpt-oss-20b' },
      ],
    };
    expect(parseVllmModels(body, context)).toEqual([
      {
        id: 'deepseek-ai/DeepSeek-V4-Pro',
        canonicalModel: 'deepseek-v4-pro',
        ownedBy: 'vllm',
        created: 1,
        contextWindow: 393_216,
        root: 'deepseek-ai/DeepSeek-V4-Pro',
      },
      { id: 'deepseek-ai/deepseek-v4-pro', ownedBy: 'vllm', contextWindow: 65_536, root: '/models/dsv4' },
      {
        id: 'coder',
        canonicalModel: 'qwen3-coder-480b-a35b',
        ownedBy: 'vllm',
        contextWindow: 262_144,
        root: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
      },
      { id: 'sql-lora', ownedBy: 'vllm', root: '/adapters/sql-lora', parent: 'coder' },
      { id: 'gpt-oss-lora', ownedBy: 'vllm', root: 'openai/gpt-oss-20b', parent: 'openai/gpt-oss-20b' },
    ]);
  });

  it('drops wrong-typed optional fields and never copies unknown fields', () => {
    const body = {
      data: [
        {
          id: 'm',
          max_model_len: '8192',
          root: 5,
          parent: false,
          created: 'now',
          owned_by: 7,
          api_key: 'sk-planted-secret-123456',
        },
      ],
    };
    const records = parseVllmModels(body, context);
    expect(records).toEqual([{ id: 'm' }]);
    expect(JSON.stringify(records)).not.toContain('sk-planted');
    for (const record of parseVllmModels(modelsBody, context))
      expect(liveModelRecordSchema.safeParse(record).success).toBe(true);
  });

  it('keeps the first of duplicate ids and accepts an empty list', () => {
    expect(
      parseVllmModels(
        {
          data: [
            { id: 'a', max_model_len: 1 },
            { id: 'a', max_model_len: 2 },
          ],
        },
        context,
      ),
    ).toEqual([{ id: 'a', contextWindow: 1 }]);
    expect(parseVllmModels({ object: 'list', data: [] }, context)).toEqual([]);
  });

  it.each([
    ['null', null, ''],
    ['a bare list', [{ id: 'a' }], ''],
    ['missing data', { object: 'list' }, 'data'],
    ['data as an object', { data: { id: 'a' } }, 'data'],
    ['data null', { data: null }, 'data'],
    ['an entry that is a string', { data: ['a'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: 1 }] }, 'data[0].id'],
    ['an empty id', { data: [{ id: '' }] }, 'data[0].id'],
    ['an id longer than 512', { data: [{ id: 'x'.repeat(513) }] }, 'data[0].id'],
  ])('throws ListingParseError for %s', (_label, body, path) => {
    expect(parseError(body).path).toBe(path);
  });

  it('refuses a huge listing (25,000 entries) without crashing', () => {
    expect(parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `m${index}` })) }).path).toBe('data');
  });
});
