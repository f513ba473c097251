import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import recordedModels from './__fixtures__/openrouter-models.json' with { type: 'json' };
import { parseOpenrouterModels, perMillionFromPerToken } from './openrouter-discovery.js';

const context = { providerId: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1' };

function parseError(body: unknown): ListingParseError {
  try {
    parseOpenrouterModels(body, context);
  } catch (error) {
    if (ListingParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseOpenrouterModels', () => {
  it('parses the recorded body exactly (per-token prices per million, top_provider first, nothing else copied)', () => {
    expect(parseOpenrouterModels(recordedModels, context)).toEqual([
      {
        id: 'deepseek/deepseek-v4-pro',
        canonicalModel: 'deepseek-v4-pro',
        created: 1776988800,
        displayName: 'DeepSeek: DeepSeek V4 Pro',
        contextWindow: 1_048_576,
        pricePerMillion: { input: 0.435, output: 0.87, currency: 'USD' },
        capabilities: ['reasoning', 'tools', 'json'],
      },
      {
        id: 'deepseek/deepseek-v4-flash',
        canonicalModel: 'deepseek-v4-flash',
        created: 1776902400,
        displayName: 'DeepSeek: DeepSeek V4 Flash',
        contextWindow: 1_048_575,
        maxOutput: 65_536,
        capabilities: ['reasoning', 'tools'],
      },
      {
        id: 'qwen/qwen3-coder',
        canonicalModel: 'qwen3-coder-480b-a35b',
        created: 1753230546,
        displayName: 'Qwen: Qwen3 Coder 480B A35B',
        contextWindow: 262_144,
        maxOutput: 65_536,
        pricePerMillion: { input: 0.2, output: 0.8, currency: 'USD' },
        capabilities: ['tools', 'json'],
      },
      {
        id: 'qwen/qwen3-coder:free',
        created: 1753230546,
        displayName: 'Qwen: Qwen3 Coder 480B A35B (free)',
        contextWindow: 262_000,
        maxOutput: 262_000,
        capabilities: ['tools'],
      },
      {
        id: 'z-ai/glm-5.1',
        canonicalModel: 'glm-5.1',
        created: 1775001600,
        displayName: 'Z.ai: GLM 5.1',
        contextWindow: 65_536,
        pricePerMillion: { input: 1, output: 3.2, currency: 'USD' },
        capabilities: ['reasoning', 'tools', 'json', 'vision'],
      },
      {
        id: '~moonshotai/kimi-latest',
        created: 1776000000,
        displayName: 'MoonshotAI: Kimi Latest',
        contextWindow: 262_144,
        pricePerMillion: { input: 0.6, output: 2.5, currency: 'USD' },
      },
    ]);
  });

  it('converts USD-per-token decimal strings to per million tokens, and drops 0, negative and unparseable prices', () => {
    expect(perMillionFromPerToken('0.000000435')).toBe(0.435);
    expect(perMillionFromPerToken('0.00000087')).toBe(0.87);
    expect(perMillionFromPerToken('0.000015')).toBe(15);
    expect(perMillionFromPerToken('4.35e-7')).toBe(0.435);
    expect(perMillionFromPerToken('0')).toBeUndefined();
    expect(perMillionFromPerToken('0.0')).toBeUndefined();
    expect(perMillionFromPerToken('-1')).toBeUndefined();
    expect(perMillionFromPerToken('')).toBeUndefined();
    expect(perMillionFromPerToken(' 0.000001')).toBeUndefined();
    expect(perMillionFromPerToken('NaN')).toBeUndefined();
    expect(perMillionFromPerToken('Infinity')).toBeUndefined();
    expect(perMillionFromPerToken('1e400')).toBeUndefined();
    expect(perMillionFromPerToken('0x10')).toBeUndefined();
    expect(perMillionFromPerToken(0.000001)).toBeUndefined();
    expect(perMillionFromPerToken(null)).toBeUndefined();
  });

  it('falls back to context_length when top_provider has none, and ignores wrong-typed fields instead of coercing them', () => {
    const body = {
      data: [
        { id: 'a/with-top', context_length: 100, top_provider: { context_length: 50, max_completion_tokens: 10 } },
        { id: 'a/without-top', context_length: 100, top_provider: null },
        {
          id: 'a/wrong-types',
          name: 42,
          created: '1753230546',
          context_length: '131072',
          top_provider: { context_length: -1, max_completion_tokens: 1.5 },
          pricing: { prompt: 0.000001, completion: { value: '0.000002' } },
          supported_parameters: 'tools',
          architecture: { input_modalities: 'image' },
        },
        {
          id: 'a/odd-lists',
          supported_parameters: ['tools', 7, null],
          architecture: { input_modalities: [null, 'image'] },
        },
      ],
    };
    expect(parseOpenrouterModels(body, context)).toEqual([
      { id: 'a/with-top', contextWindow: 50, maxOutput: 10 },
      { id: 'a/without-top', contextWindow: 100 },
      { id: 'a/wrong-types' },
      { id: 'a/odd-lists', capabilities: ['tools', 'vision'] },
    ]);
  });

  it('never copies unknown or unread fields (descriptions, slugs, per-request limits, planted secrets)', () => {
    const body = {
      data: [
        {
          id: 'acme/model',
          canonical_slug: 'acme/model-20260101',
          hugging_face_id: 'acme/Model',
          description: 'sk-or-v1-should-never-appear',
          per_request_limits: { api_key: 'sk-or-v1-should-never-appear' },
          default_parameters: { authorization: 'Bearer sk-or-v1-should-never-appear' },
          links: { details: '/api/v1/models/acme/model/endpoints' },
        },
      ],
    };
    const records = parseOpenrouterModels(body, context);
    expect(records).toEqual([{ id: 'acme/model' }]);
    expect(JSON.stringify(records)).not.toContain('sk-or-v1');
  });

  it('matches catalog offerings by exact wire id only: variants, aliases and other casing get no canonical model', () => {
    const body = {
      data: [
        { id: 'openai/gpt-oss-120b' },
        { id: 'openai/gpt-oss-120b:free' },
        { id: 'OpenAI/GPT-OSS-120B' },
        { id: '~openai/gpt-oss-latest' },
      ],
    };
    expect(parseOpenrouterModels(body, context)).toEqual([
      { id: 'openai/gpt-oss-120b', canonicalModel: 'gpt-oss-120b' },
      { id: 'openai/gpt-oss-120b:free' },
      { id: 'OpenAI/GPT-OSS-120B' },
      { id: '~openai/gpt-oss-latest' },
    ]);
  });

  it('keeps the first of duplicate ids and accepts an empty list', () => {
    expect(
      parseOpenrouterModels(
        {
          data: [
            { id: 'a/b', name: 'first' },
            { id: 'a/b', name: 'second' },
          ],
        },
        context,
      ),
    ).toEqual([{ id: 'a/b', displayName: 'first' }]);
    expect(parseOpenrouterModels({ data: [] }, context)).toEqual([]);
  });

  it.each([
    ['a bare array (OpenRouter always wraps the list in data)', [{ id: 'a/b' }], ''],
    ['an object without data', {}, 'data'],
    ['data as an object', { data: { id: 'a/b' } }, 'data'],
    ['data: null', { data: null }, 'data'],
    ['null', null, ''],
    ['a string (an HTML error page)', '<html>Bad Gateway</html>', ''],
    ['an entry that is a string', { data: ['a/b'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: 42 }] }, 'data[0].id'],
    ['an empty id', { data: [{ id: 'ok/one' }, { id: '' }] }, 'data[1].id'],
    ['a missing id', { data: [{ name: 'No id' }] }, 'data[0].id'],
    ['an id longer than 512 characters', { data: [{ id: `a/${'x'.repeat(600)}` }] }, 'data[0].id'],
  ])('throws ListingParseError for %s', (_name, body, path) => {
    const error = parseError(body);
    expect(error.code).toBe('INVALID_LISTING');
    expect(error.path).toBe(path);
    expect(error.message).toContain('[openrouter]');
  });

  it('refuses a huge listing with a typed error, not a crash', () => {
    const error = parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `org/model-${index}` })) });
    expect(error.path).toBe('data');
    expect(error.message).toContain('25000 entries');
  });
});
