import { readFileSync } from 'node:fs';
import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { parseNvidiaNimModels } from './nvidia-nim-discovery.js';

const hosted = { providerId: 'nvidia-nim', baseUrl: 'https://integrate.api.nvidia.com/v1' };
const selfHosted = { providerId: 'nvidia-nim', baseUrl: 'http://127.0.0.1:8000/v1' };
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function parseError(body: unknown): ListingParseError {
  try {
    parseNvidiaNimModels(body, hosted);
  } catch (error) {
    if (ListingParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseNvidiaNimModels', () => {
  it('parses a self-hosted vLLM-style card: max_model_len, root; parent null dropped; permission not copied', () => {
    expect(parseNvidiaNimModels(fixture('nim-models.json'), selfHosted)).toEqual([
      {
        id: 'qwen/qwen3.5-397b-a17b',
        ownedBy: 'system',
        created: 1770352805,
        contextWindow: 294912,
        root: 'qwen/qwen3.5-397b-a17b',
      },
    ]);
  });

  it('parses the hosted list and names canonical models of catalog wire ids', () => {
    expect(parseNvidiaNimModels(fixture('nim-hosted-models.json'), hosted)).toEqual([
      {
        id: 'deepseek-ai/deepseek-v4-pro',
        canonicalModel: 'deepseek-v4-pro',
        ownedBy: 'deepseek-ai',
        created: 735790403,
      },
      { id: 'z-ai/glm4.7', canonicalModel: 'glm-4.7', ownedBy: 'z-ai', created: 735790403 },
      {
        id: 'meta/llama-3.3-70b-instruct',
        canonicalModel: 'llama-3.3-70b-instruct',
        ownedBy: 'meta',
        created: 735790403,
      },
      { id: 'deepseek-ai/deepseek-v3.1-terminus', ownedBy: 'deepseek-ai', created: 735790403 },
    ]);
  });

  it('reads a LoRA adapter card with its parent', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'my-lora',
          object: 'model',
          owned_by: 'system',
          root: '/models/lora/my-lora',
          parent: 'meta/llama-3.3-70b-instruct',
          max_model_len: 131072,
        },
      ],
    };
    expect(parseNvidiaNimModels(body, selfHosted)).toEqual([
      {
        id: 'my-lora',
        ownedBy: 'system',
        contextWindow: 131072,
        root: '/models/lora/my-lora',
        parent: 'meta/llama-3.3-70b-instruct',
      },
    ]);
  });

  it('drops wrong-typed optional fields and never copies unknown ones', () => {
    const body = {
      data: [
        {
          id: 'a/b',
          created: 1.5,
          owned_by: 3,
          max_model_len: '131072',
          root: 7,
          parent: {},
          api_key: 'nvapi-secret-value',
        },
        { id: 'c/d', max_model_len: -1 },
        { id: 'e/f', max_model_len: 0 },
      ],
    };
    const records = parseNvidiaNimModels(body, selfHosted);
    expect(records).toEqual([{ id: 'a/b' }, { id: 'c/d' }, { id: 'e/f' }]);
    expect(JSON.stringify(records)).not.toContain('nvapi');
  });

  it('an empty list is fine', () => {
    expect(parseNvidiaNimModels({ object: 'list', data: [] }, hosted)).toEqual([]);
  });

  it.each([
    ['missing data', { object: 'list' }, 'data'],
    ['data as an object', { data: { id: 'a/b' } }, 'data'],
    ['data: null', { data: null }, 'data'],
    ['a bare array', [{ id: 'a/b' }], ''],
    ['an entry that is a string', { data: ['a/b'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: 42 }] }, 'data[0].id'],
    ['an id that is null', { data: [{ id: 'ok' }, { id: null }] }, 'data[1].id'],
    ['an id longer than 512 characters', { data: [{ id: 'x'.repeat(513) }] }, 'data[0].id'],
    ['a number', 42, ''],
  ])('throws ListingParseError for %s', (_name, body, path) => {
    const error = parseError(body);
    expect(error.path).toBe(path);
    expect(error.message).toContain('[nvidia-nim]');
  });

  it('refuses a huge listing with a typed error, not a crash', () => {
    const error = parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `org/model-${index}` })) });
    expect(error.path).toBe('data');
  });
});
