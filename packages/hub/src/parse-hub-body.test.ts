import { describe, expect, it } from 'vitest';
import { ggufQuantisationOf, ggufQuantisations } from './gguf-quantisations.js';
import { HUB_ERROR_CODES, HubError } from './hub-error.js';
import type { HubAnswerSource } from './hub-types.js';
import { isHubRepoId, parseHubModelInfo, parseHubSearchResults } from './parse-hub-body.js';
import { parseLinkHeader } from './parse-link-header.js';

const source: HubAnswerSource = {
  url: 'https://huggingface.co/api/models/org/model',
  requested: 'org/model',
  fetchedAt: '2026-12-02T10:00:00.000Z',
  fromCache: false,
  token: 'none',
};

function invalid(run: () => unknown): HubError {
  try {
    run();
  } catch (error) {
    if (HubError.isInstance(error) && error.code === HUB_ERROR_CODES.invalidBody) return error;
    throw error;
  }
  throw new Error('expected HUB_INVALID_BODY');
}

/** @see issue 17 item 1 and "Done when" (malformed bodies give typed errors) */
describe('parseHubModelInfo', () => {
  it('reads inferenceProviderMapping in its list form too (later answers), with adapter and author flags', () => {
    const info = parseHubModelInfo(
      {
        id: 'org/model',
        inferenceProviderMapping: [
          {
            provider: 'together',
            providerId: 'org/model-turbo',
            status: 'live',
            task: 'conversational',
            isModelAuthor: false,
          },
          { provider: 'fal-ai', providerId: 'fal/lora', status: 'live', task: 'text-to-image', adapter: 'lora' },
        ],
      },
      source,
    );
    expect(info.inferenceProviderMapping).toEqual([
      {
        provider: 'together',
        providerId: 'org/model-turbo',
        status: 'live',
        task: 'conversational',
        isModelAuthor: false,
      },
      { provider: 'fal-ai', providerId: 'fal/lora', status: 'live', task: 'text-to-image', adapter: 'lora' },
    ]);
  });

  it('names the path of what is wrong', () => {
    const cases: [unknown, string][] = [
      [null, ''],
      [{ id: 42 }, 'id'],
      [{ id: '../x' }, 'id'],
      [{ id: 'org/model', sha: 'main' }, 'sha'],
      [{ id: 'org/model', gated: 'yes' }, 'gated'],
      [{ id: 'org/model', safetensors: { parameters: { BF16: -1 } } }, 'safetensors.parameters.BF16'],
      [{ id: 'org/model', safetensors: { parameters: { BF16: 1.5 } } }, 'safetensors.parameters.BF16'],
      [{ id: 'org/model', gguf: { context_length: '32k' } }, 'gguf.context_length'],
      [{ id: 'org/model', siblings: [{ rfilename: 7 }] }, 'siblings[0].rfilename'],
      [
        { id: 'org/model', inferenceProviderMapping: { together: { status: 'live' } } },
        'inferenceProviderMapping.together.providerId',
      ],
      [{ id: 'org/model', cardData: { license: { id: 'mit' } } }, 'cardData.license'],
      [{ id: 'org/model', lastModified: 'yesterday' }, 'lastModified'],
    ];
    for (const [body, path] of cases) expect(invalid(() => parseHubModelInfo(body, source)).path).toBe(path);
  });

  it('keeps odd keys as data, never as prototype', () => {
    const info = parseHubModelInfo(
      JSON.parse('{"id":"org/model","safetensors":{"parameters":{"__proto__":5,"BF16":1}}}'),
      source,
    );
    expect(Object.keys(info.safetensors?.parameters ?? {})).toEqual(['__proto__', 'BF16']);
    expect(({} as Record<string, unknown>).BF16).toBeUndefined();
  });
});

describe('parseHubSearchResults', () => {
  it('names the item at fault', () => {
    expect(invalid(() => parseHubSearchResults({ models: [] }, { url: 'u' })).path).toBe('');
    expect(
      invalid(() => parseHubSearchResults([{ id: 'org/a' }, { id: 'org/b', downloads: '12' }], { url: 'u' })).path,
    ).toBe('[1].downloads');
  });
});

describe('isHubRepoId', () => {
  it('accepts owner/name and legacy names, refuses paths and junk', () => {
    for (const id of [
      'Qwen/Qwen3-8B',
      'gpt2',
      'meta-llama/Llama-3.1-8B-Instruct',
      'ggml-org/gemma-3-1b-it-GGUF',
      'a/b_c.d',
    ])
      expect(isHubRepoId(id)).toBe(true);
    for (const id of ['', 'a/b/c', '../x', 'a/..', 'a/b.', '-a/b', 'a b/c', 'a/b?c', 'a/b--c', `a/${'x'.repeat(97)}`])
      expect(isHubRepoId(id)).toBe(false);
  });
});

describe('GGUF quantisations from file names', () => {
  it('names the quantisation of common file names and groups split files', () => {
    expect(
      [
        'm-Q4_K_M.gguf',
        'm.Q8_0.gguf',
        'm-f16.gguf',
        'm-IQ2_XXS.gguf',
        'm-UD-Q4_K_XL.gguf',
        'm-bf16.gguf',
        'm-MXFP4_MOE.gguf',
        'mmproj-m-f16.gguf',
        'm.gguf',
        'README.md',
      ].map(ggufQuantisationOf),
    ).toEqual(['Q4_K_M', 'Q8_0', 'F16', 'IQ2_XXS', 'Q4_K_XL', 'BF16', 'MXFP4_MOE', undefined, undefined, undefined]);
    expect(
      ggufQuantisations([
        { rfilename: 'Q8_0/m-Q8_0-00001-of-00002.gguf', size: 100 },
        { rfilename: 'Q8_0/m-Q8_0-00002-of-00002.gguf', size: 50 },
        { rfilename: 'm-Q4_K_M.gguf' },
      ]),
    ).toEqual([
      { name: 'Q8_0', files: ['Q8_0/m-Q8_0-00001-of-00002.gguf', 'Q8_0/m-Q8_0-00002-of-00002.gguf'], bytes: 150 },
      { name: 'Q4_K_M', files: ['m-Q4_K_M.gguf'], bytes: undefined },
    ]);
  });
});

describe('parseLinkHeader', () => {
  it('reads rel="next" (and other relations), skipping junk', () => {
    expect(parseLinkHeader('<https://huggingface.co/api/models?cursor=abc>; rel="next"')).toEqual({
      next: 'https://huggingface.co/api/models?cursor=abc',
    });
    expect(parseLinkHeader('<a>; rel="prev", <b>; rel=next, junk, <c>')).toEqual({ prev: 'a', next: 'b' });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('<'.repeat(100_000))).toEqual({});
  });
});
