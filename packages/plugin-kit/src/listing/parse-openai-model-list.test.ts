import { describe, expect, it } from 'vitest';
import { readFixture } from '../__test-utils__/read-fixture.js';
import { ListingParseError } from '../errors/provider-http-error.js';
import { parseOpenAIModelList } from './parse-openai-model-list.js';

function ids(body: unknown, options: Partial<Parameters<typeof parseOpenAIModelList>[1]> = {}): string[] {
  return parseOpenAIModelList(body, { providerId: 'test', ...options }).map((entry) => entry.id);
}

function parseError(run: () => unknown): ListingParseError {
  try {
    run();
  } catch (error) {
    expect(ListingParseError.isInstance(error)).toBe(true);
    return error as ListingParseError;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseOpenAIModelList: recorded listings', () => {
  it.each([
    ['deepseek-models', ['deepseek-chat', 'deepseek-reasoner']],
    ['vllm-models', ['seongil-dn/bge-m3-3800_steps_v2_234']],
    ['sglang-models', ['meta-llama/Llama-3.1-8B-Instruct']],
    ['nim-models', ['qwen/qwen3.5-397b-a17b']],
    ['ollama-v1-models', ['test-model']],
    ['hf-router-models', ['deepseek-ai/DeepSeek-V4-Pro']],
  ])('%s', (name, expected) => {
    expect(ids(readFixture(name))).toEqual(expected);
  });

  it('keeps owned_by, created and the whole entry', () => {
    const [vllm] = parseOpenAIModelList(readFixture('vllm-models'), { providerId: 'vllm' });
    expect(vllm).toMatchObject({ id: 'seongil-dn/bge-m3-3800_steps_v2_234', ownedBy: 'vllm', created: 1756885796 });
    expect(vllm?.entry.max_model_len).toBe(1024);
    const [deepseek] = parseOpenAIModelList(readFixture('deepseek-models'), { providerId: 'deepseek' });
    expect(deepseek).toEqual({
      id: 'deepseek-chat',
      ownedBy: 'deepseek',
      entry: { id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' },
    });
    expect(deepseek && 'created' in deepseek).toBe(false);
  });

  it('Together is a bare array: accepted only with allowBareArray', () => {
    const body = readFixture('together-models');
    expect(ids(body, { allowBareArray: true })).toEqual(['Austism/chronos-hermes-13b']);
    const error = parseError(() => ids(body, { providerId: 'together' }));
    expect(error.message).toBe(
      '[together] Unexpected listing body at (root): expected an object with a "data" list, got a bare array',
    );
    expect(error).toMatchObject({ code: 'INVALID_LISTING', providerId: 'together', path: '' });
  });
});

describe('parseOpenAIModelList: malformed bodies', () => {
  it.each([
    ['missing data', { object: 'list' }, 'data', 'missing "data" list'],
    ['data is an object', { data: { id: 'x' } }, 'data', 'expected a list, got object'],
    ['data is a string', { data: 'x' }, 'data', 'expected a list, got string'],
    ['data is null without allowNullData', { data: null }, 'data', 'expected a list, got null'],
    ['the body is null', null, '', 'expected a JSON object, got null'],
    ['the body is a string', 'not json', '', 'expected a JSON object, got string'],
    ['a string entry', { data: ['gpt-x'] }, 'data[0]', 'expected an object'],
    ['a null entry', { data: [{ id: 'a' }, null] }, 'data[1]', 'expected an object'],
    ['a numeric id', { data: [{ id: 42 }] }, 'data[0].id', 'expected a non-empty string id, got 42'],
    ['an empty id', { data: [{ id: '' }] }, 'data[0].id', 'expected a non-empty string id, got ""'],
    ['a missing id', { data: [{ name: 'x' }] }, 'data[0].id', 'expected a non-empty string id, got nothing'],
    ['a null id', { data: [{ id: null }] }, 'data[0].id', 'expected a non-empty string id, got null'],
    [
      'an object id (never quoted)',
      { data: [{ id: { api_key: 'sk-leak-0123456789abcdef' } }] },
      'data[0].id',
      'expected a non-empty string id, got an object',
    ],
    ['a list id (never quoted)', { data: [{ id: ['a'] }] }, 'data[0].id', 'expected a non-empty string id, got a list'],
    [
      'an id longer than 512 characters',
      { data: [{ id: 'x'.repeat(513) }] },
      'data[0].id',
      'id longer than 512 characters',
    ],
    ['a bare-array entry with a bad id', [{ id: 1 }], '[0].id', 'expected a non-empty string id, got 1'],
  ])('%s', (_name, body, path, problem) => {
    const error = parseError(() => ids(body, { allowBareArray: true }));
    expect(error.path).toBe(path);
    expect(error.message).toBe(`[test] Unexpected listing body at ${path || '(root)'}: ${problem}`);
  });

  it('data: null is an empty list with allowNullData (Ollama with nothing installed)', () => {
    expect(ids({ object: 'list', data: null }, { allowNullData: true })).toEqual([]);
  });

  it('refuses 25,000 entries (default maximum 20,000), accepts them when allowed', () => {
    const body = { data: Array.from({ length: 25_000 }, (_, index) => ({ id: `m-${index}` })) };
    expect(parseError(() => ids(body)).message).toBe(
      '[test] Unexpected listing body at data: 25000 entries is more than the 20000 a listing may have',
    );
    expect(ids(body, { maxEntries: 30_000 })).toHaveLength(25_000);
  });

  it('keeps the first of duplicate ids and ignores wrong-typed optional fields', () => {
    const entries = parseOpenAIModelList(
      {
        data: [
          { id: 'a', owned_by: 7, created: '2024' },
          { id: 'b', created: 1.5 },
          { id: 'a', owned_by: 'second' },
        ],
      },
      { providerId: 'test' },
    );
    expect(entries.map(({ id, ownedBy, created }) => ({ id, ownedBy, created }))).toEqual([
      { id: 'a', ownedBy: undefined, created: undefined },
      { id: 'b', ownedBy: undefined, created: undefined },
    ]);
  });
});
