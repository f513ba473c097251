import { readFileSync } from 'node:fs';
import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { parseTogetherModels } from './together-discovery.js';

const context = { providerId: 'together', baseUrl: 'https://api.together.xyz/v1' };
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function parseError(body: unknown): ListingParseError {
  try {
    parseTogetherModels(body, context);
  } catch (error) {
    if (ListingParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseTogetherModels', () => {
  it('parses the documented bare-array body (0 prices dropped, link/license not copied)', () => {
    expect(parseTogetherModels(fixture('together-models.json'), context)).toEqual([
      {
        id: 'Austism/chronos-hermes-13b',
        ownedBy: 'Austism',
        created: 1692896905,
        kind: 'chat',
        displayName: 'Chronos Hermes (13B)',
        contextWindow: 2048,
        pricePerMillion: { input: 0.3, output: 0.3, currency: 'USD' },
      },
    ]);
  });

  it('names the canonical model of listed catalog offerings, and keeps only positive rates', () => {
    const body = [
      {
        id: 'deepseek-ai/DeepSeek-V4-Pro',
        object: 'model',
        created: 1776837885,
        type: 'chat',
        display_name: 'DeepSeek V4 Pro',
        organization: 'DeepSeek',
        context_length: 512000,
        pricing: { hourly: 0, input: 2.1, output: 4.4, base: 0, finetune: 0 },
      },
      { id: 'togethercomputer/free-thing', type: 'chat', pricing: { input: 0, output: 0 } },
      { id: 'x/only-output', pricing: { input: 0, output: 1.5 } },
    ];
    expect(parseTogetherModels(body, context)).toEqual([
      {
        id: 'deepseek-ai/DeepSeek-V4-Pro',
        canonicalModel: 'deepseek-v4-pro',
        ownedBy: 'DeepSeek',
        created: 1776837885,
        kind: 'chat',
        displayName: 'DeepSeek V4 Pro',
        contextWindow: 512000,
        pricePerMillion: { input: 2.1, output: 4.4, currency: 'USD' },
      },
      { id: 'togethercomputer/free-thing', kind: 'chat' },
      { id: 'x/only-output', pricePerMillion: { output: 1.5, currency: 'USD' } },
    ]);
  });

  it('does not match the catalog case-insensitively', () => {
    expect(parseTogetherModels([{ id: 'deepseek-ai/deepseek-v4-pro' }], context)).toEqual([
      { id: 'deepseek-ai/deepseek-v4-pro' },
    ]);
  });

  it('accepts a { data: [...] } wrapper', () => {
    expect(parseTogetherModels({ object: 'list', data: [{ id: 'openai/gpt-oss-20b' }] }, context)).toEqual([
      { id: 'openai/gpt-oss-20b', canonicalModel: 'gpt-oss-20b' },
    ]);
  });

  it('drops wrong-typed optional fields instead of coercing them, and never copies unknown fields', () => {
    const body = [
      {
        id: 'a/b',
        created: '1692896905',
        type: 7,
        display_name: '',
        organization: null,
        context_length: '2048',
        pricing: { input: '0.3', output: -1 },
        api_key: 'sk-should-never-appear',
        link: 'https://example.com',
      },
      { id: 'c/d', context_length: 1.5, pricing: 'free' },
      { id: 'e/f', pricing: { input: Number.NaN, output: Number.POSITIVE_INFINITY } },
    ];
    const records = parseTogetherModels(body, context);
    expect(records).toEqual([{ id: 'a/b' }, { id: 'c/d' }, { id: 'e/f' }]);
    expect(JSON.stringify(records)).not.toContain('sk-should');
  });

  it('keeps the first of duplicate ids', () => {
    expect(
      parseTogetherModels(
        [
          { id: 'a/b', type: 'chat' },
          { id: 'a/b', type: 'image' },
        ],
        context,
      ),
    ).toEqual([{ id: 'a/b', kind: 'chat' }]);
  });

  it.each([
    ['an object without data', {}, 'data'],
    ['data as an object', { data: { id: 'a/b' } }, 'data'],
    ['null', null, ''],
    ['a string', 'not json', ''],
    ['an entry that is a string', ['a/b'], '[0]'],
    ['an id of the wrong type', [{ id: 42 }], '[0].id'],
    ['an empty id', [{ id: 'ok/one' }, { id: '' }], '[1].id'],
    ['a missing id', [{ object: 'model' }], '[0].id'],
    ['an id longer than 512 characters', [{ id: 'x'.repeat(513) }], '[0].id'],
    ['data: null', { data: null }, 'data'],
  ])('throws ListingParseError for %s', (_name, body, path) => {
    const error = parseError(body);
    expect(error.path).toBe(path);
    expect(error.code).toBe('INVALID_LISTING');
    expect(error.message).toContain('[together]');
  });

  it('refuses a huge listing with a typed error, not a crash', () => {
    const body = Array.from({ length: 25_000 }, (_, index) => ({ id: `org/model-${index}` }));
    const error = parseError(body);
    expect(error.path).toBe('');
    expect(error.message).toContain('25000 entries');
  });
});
