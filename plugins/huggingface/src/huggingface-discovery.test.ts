import { readFileSync } from 'node:fs';
import { ListingParseError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import { parseHuggingfaceModels } from './huggingface-discovery.js';

const context = { providerId: 'huggingface', baseUrl: 'https://router.huggingface.co/v1' };
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function parseError(body: unknown): ListingParseError {
  try {
    parseHuggingfaceModels(body, context);
  } catch (error) {
    if (ListingParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseHuggingfaceModels', () => {
  it('parses the hub-api.md body: per-upstream context and prices, no record-level context or price', () => {
    expect(parseHuggingfaceModels(fixture('hf-router-models.json'), context)).toEqual([
      {
        id: 'deepseek-ai/DeepSeek-V4-Pro',
        canonicalModel: 'deepseek-v4-pro',
        ownedBy: 'deepseek-ai',
        created: 1776837885,
        upstream: [
          {
            provider: 'novita',
            status: 'live',
            contextWindow: 1048576,
            pricePerMillion: { input: 1.69, output: 3.38, currency: 'USD' },
            supportsTools: true,
            supportsStructuredOutput: false,
          },
          {
            provider: 'together',
            status: 'live',
            contextWindow: 512000,
            pricePerMillion: { input: 2.1, output: 4.4, currency: 'USD' },
            supportsTools: true,
            supportsStructuredOutput: true,
          },
          {
            provider: 'fireworks-ai',
            status: 'live',
            contextWindow: 1048576,
            supportsTools: true,
            supportsStructuredOutput: true,
          },
          { provider: 'featherless-ai', status: 'live' },
          {
            provider: 'deepinfra',
            status: 'live',
            contextWindow: 65536,
            pricePerMillion: { input: 1.74, output: 3.48, currency: 'USD' },
            supportsTools: true,
            supportsStructuredOutput: true,
          },
        ],
      },
    ]);
  });

  it('adds vision for image input, keeps an empty providers list, and matches canonical ids of catalog wire ids', () => {
    const body = {
      object: 'list',
      data: [
        {
          id: 'moonshotai/Kimi-K2.6',
          object: 'model',
          architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
          providers: [],
        },
        { id: 'some-org/unknown-model', architecture: { input_modalities: 'image' } },
      ],
    };
    expect(parseHuggingfaceModels(body, context)).toEqual([
      { id: 'moonshotai/Kimi-K2.6', canonicalModel: 'kimi-k2.6', capabilities: ['vision'], upstream: [] },
      { id: 'some-org/unknown-model' },
    ]);
  });

  it('skips upstream entries without a provider, drops wrong-typed fields and 0 prices, never copies unknown fields', () => {
    const body = {
      data: [
        {
          id: 'openai/gpt-oss-120b',
          architecture: null,
          providers: [
            'cerebras',
            null,
            { status: 'live' },
            { provider: '', status: 'live' },
            {
              provider: 'cerebras',
              status: 3,
              context_length: '131072',
              pricing: { input: 0, output: 0 },
              supports_tools: 'yes',
              is_free: true,
              api_key: 'hf_secretsecret',
            },
            {
              provider: 'groq',
              status: 'error',
              context_length: 131072,
              pricing: { input: 0.15, output: 'n/a' },
              supports_structured_output: false,
              first_token_latency_ms: 100,
            },
          ],
        },
        { id: 'x/y', providers: { provider: 'novita' } },
      ],
    };
    const records = parseHuggingfaceModels(body, context);
    expect(records).toEqual([
      {
        id: 'openai/gpt-oss-120b',
        canonicalModel: 'gpt-oss-120b',
        upstream: [
          { provider: 'cerebras' },
          {
            provider: 'groq',
            status: 'error',
            contextWindow: 131072,
            pricePerMillion: { input: 0.15, currency: 'USD' },
            supportsStructuredOutput: false,
          },
        ],
      },
      { id: 'x/y' },
    ]);
    expect(JSON.stringify(records)).not.toContain('hf_secret');
  });

  it.each([
    ['missing data', { object: 'list' }, 'data'],
    ['data as an object', { data: { id: 'a/b' } }, 'data'],
    ['a bare array', [{ id: 'a/b' }], ''],
    ['an entry that is a string', { data: ['deepseek-ai/DeepSeek-V4-Pro'] }, 'data[0]'],
    ['an id of the wrong type', { data: [{ id: ['a/b'] }] }, 'data[0].id'],
    ['an id longer than 512 characters', { data: [{ id: 'x'.repeat(513) }] }, 'data[0].id'],
    ['a plain-text body', 'Bad Gateway', ''],
  ])('throws ListingParseError for %s', (_name, body, path) => {
    const error = parseError(body);
    expect(error.path).toBe(path);
    expect(error.message).toContain('[huggingface]');
  });

  it('refuses a huge listing with a typed error, not a crash', () => {
    expect(
      parseError({ data: Array.from({ length: 25_000 }, (_, index) => ({ id: `org/model-${index}` })) }).path,
    ).toBe('data');
  });
});
