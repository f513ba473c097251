import { liveModelRecordSchema } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../__test-utils__/read-fixture.js';
import { ListingParseError } from '../errors/provider-http-error.js';
import { canonicalByNameOrRoot, parseModelCards } from './parse-model-cards.js';

const known = new Map([
  ['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-v4-pro'],
  ['openai/gpt-oss-20b', 'gpt-oss-20b'],
]);

describe('parseModelCards', () => {
  it.each([
    [
      'vllm-models',
      [
        {
          id: 'seongil-dn/bge-m3-3800_steps_v2_234',
          ownedBy: 'vllm',
          created: 1756885796,
          contextWindow: 1024,
          root: 'seongil-dn/bge-m3-3800_steps_v2_234',
        },
      ],
    ],
    [
      'sglang-models',
      [{ id: 'meta-llama/Llama-3.1-8B-Instruct', ownedBy: 'sglang', created: 1234567890, contextWindow: 131072 }],
    ],
  ])('reads the recorded %s body: max_model_len is the context window, permission is dropped', (name, expected) => {
    const records = parseModelCards(readFixture(name), { providerId: 'test' });
    expect(records).toEqual(expected);
    for (const record of records) expect(liveModelRecordSchema.safeParse(record).success).toBe(true);
  });

  it('asks canonicalFor with the card lineage, and matches by name or base-model root with canonicalByNameOrRoot', () => {
    const body = {
      data: [
        {
          id: 'deepseek-ai/DeepSeek-V4-Pro',
          root: 'deepseek-ai/DeepSeek-V4-Pro',
          parent: null,
          max_model_len: 393_216,
        },
        { id: 'coder', root: 'openai/gpt-oss-20b', parent: null },
        { id: 'gpt-oss-lora', root: 'openai/gpt-oss-20b', parent: 'openai/gpt-oss-20b', max_model_len: null },
        { id: 'other', root: '/models/other' },
      ],
    };
    const asked: unknown[] = [];
    parseModelCards(body, { providerId: 'vllm', canonicalFor: (id, card) => void asked.push([id, card]) });
    expect(asked[2]).toEqual(['gpt-oss-lora', { root: 'openai/gpt-oss-20b', parent: 'openai/gpt-oss-20b' }]);
    expect(
      parseModelCards(body, { providerId: 'vllm', canonicalFor: canonicalByNameOrRoot((name) => known.get(name)) }),
    ).toEqual([
      {
        id: 'deepseek-ai/DeepSeek-V4-Pro',
        canonicalModel: 'deepseek-v4-pro',
        contextWindow: 393_216,
        root: 'deepseek-ai/DeepSeek-V4-Pro',
      },
      { id: 'coder', canonicalModel: 'gpt-oss-20b', root: 'openai/gpt-oss-20b' },
      { id: 'gpt-oss-lora', root: 'openai/gpt-oss-20b', parent: 'openai/gpt-oss-20b' },
      { id: 'other', root: '/models/other' },
    ]);
  });

  it('drops wrong-typed optional fields, never copies unknown ones, and throws ListingParseError for other bodies', () => {
    const records = parseModelCards(
      {
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
      },
      { providerId: 'x' },
    );
    expect(records).toEqual([{ id: 'm' }]);
    expect(() => parseModelCards({ data: [{ id: 7 }] }, { providerId: 'x' })).toThrow(ListingParseError);
    expect(() => parseModelCards([{ id: 'a' }], { providerId: 'x' })).toThrow(/bare array/);
  });
});
