import { describe, expect, it } from 'vitest';
import { buildPassport } from './build-passport.js';
import type { HubAnswerSource, HubModelInfo } from './hub-types.js';
import { modelPassportJsonSchema, modelPassportSchema, type ModelPassport } from './model-passport-schema.js';
import { parseHubModelInfo } from './parse-hub-body.js';
import { fixtureJson } from './test-support/loopback-server.js';

const source = (requested: string): HubAnswerSource => ({
  url: `http://127.0.0.1:9/api/models/${requested}`,
  requested,
  fetchedAt: '2026-12-02T10:00:00.000Z',
  fromCache: false,
  token: 'none',
});

function passportOf(
  fixture: string,
  requested: string,
  options: Parameters<typeof buildPassport>[1] = {},
): ModelPassport {
  const passport = buildPassport(parseHubModelInfo(fixtureJson(fixture), source(requested)), options);
  // Every passport matches its published schema.
  expect(modelPassportSchema.safeParse(passport).success).toBe(true);
  return passport;
}

/** @see issue 17 item 2 */
describe('buildPassport on every recorded Hub model answer', () => {
  it('gated Llama 3.1 8B Instruct: licence, manual gating, BF16 parameters, finetune lineage', () => {
    const passport = passportOf('model_info_gated_llama31_8b_instruct.json', 'meta-llama/Llama-3.1-8B-Instruct');
    expect(passport.repo).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(passport.sha).toEqual({ known: true, value: '0e9e39f249a16976918f6564b8830bc894c89659', source: 'sha' });
    expect(passport.licence).toEqual({ known: true, value: { id: 'llama3.1' }, source: 'cardData.license' });
    expect(passport.gating.gated).toEqual({ known: true, value: 'manual', source: 'gated' });
    expect(passport.gating.access).toBe('not-checked');
    expect(passport.task).toEqual({ known: true, value: 'text-generation', source: 'pipeline_tag' });
    expect(passport.library).toEqual({ known: true, value: 'transformers', source: 'library_name' });
    expect(passport.parameters.byDtype).toEqual({
      known: true,
      value: { BF16: 8_030_261_248 },
      source: 'safetensors.parameters',
    });
    expect(passport.parameters.total).toEqual({
      known: true,
      value: 8_030_261_248,
      source: 'safetensors.parameters.BF16',
    });
    expect(passport.gguf).toEqual({ known: false, reason: 'no .gguf files in the repository' });
    expect(passport.lineage.baseModels).toEqual([
      {
        repo: 'meta-llama/Llama-3.1-8B',
        relation: 'finetune',
        source: 'tags: base_model:finetune:meta-llama/Llama-3.1-8B',
      },
      // The card still names the repository's old name; the Hub's tag has the new one. Both are shown, as given.
      { repo: 'meta-llama/Meta-Llama-3.1-8B', relation: 'unknown', source: 'cardData.base_model' },
    ]);
    expect(passport.lastModified).toEqual({ known: true, value: '2024-09-25T17:00:57.000Z', source: 'lastModified' });
    // This 2025 answer (no expand[]) has no mapping: unknown, with why, never an empty list.
    expect(passport.providers.known).toBe(false);
    expect(passport.url).toBe('http://127.0.0.1:9/meta-llama/Llama-3.1-8B-Instruct');
  });

  it('GGUF Gemma 3 1B: licence, open, GGUF facts and the three quantisations of its file list', () => {
    const passport = passportOf('model_info_gguf_gemma3_1b.json', 'ggml-org/gemma-3-1b-it-GGUF');
    expect(passport.licence).toEqual({ known: true, value: { id: 'gemma' }, source: 'cardData.license' });
    expect(passport.gating.gated).toEqual({ known: true, value: false, source: 'gated' });
    expect(passport.gating.access).toBe('not-gated');
    expect(passport.parameters.byDtype).toEqual({ known: false, reason: 'the repository has no .safetensors files' });
    expect(passport.parameters.total.known).toBe(false);
    if (!passport.gguf.known) throw new Error(passport.gguf.reason);
    expect(passport.gguf.value.architecture).toEqual({ known: true, value: 'gemma3', source: 'gguf.architecture' });
    expect(passport.gguf.value.contextLength).toEqual({ known: true, value: 32_768, source: 'gguf.context_length' });
    expect(passport.gguf.value.parameters).toEqual({ known: true, value: 999_885_952, source: 'gguf.total' });
    expect(passport.gguf.value.quantisations.map((quant) => [quant.name, quant.files])).toEqual([
      ['Q4_K_M', ['gemma-3-1b-it-Q4_K_M.gguf']],
      ['Q8_0', ['gemma-3-1b-it-Q8_0.gguf']],
      ['F16', ['gemma-3-1b-it-f16.gguf']],
    ]);
    // The answer lists names only: sizes are unknown, never 0.
    for (const quant of passport.gguf.value.quantisations)
      expect(quant.bytes).toEqual({ known: false, reason: 'the file list has no sizes (they come with blobs=true)' });
    expect(passport.lineage.baseModels).toEqual([
      {
        repo: 'google/gemma-3-1b-it',
        relation: 'quantized',
        source: 'tags: base_model:quantized:google/gemma-3-1b-it',
      },
    ]);
  });

  it('the 2025-02 expand[]=inferenceProviderMapping answer: the mapping with wire ids and statuses, the rest unknown', () => {
    const passport = passportOf(
      'model_info_expand_inferenceProviderMapping_2025-02.json',
      'meta-llama/Meta-Llama-3-8B-Instruct',
    );
    expect(passport.providers).toEqual({
      known: true,
      source: 'inferenceProviderMapping',
      value: [
        {
          provider: 'fireworks-ai',
          providerId: 'accounts/fireworks/models/llama-v3-8b-instruct',
          status: 'staging',
          task: 'conversational',
        },
        {
          provider: 'together',
          providerId: 'meta-llama/Meta-Llama-3-8B-Instruct-Turbo',
          status: 'live',
          task: 'conversational',
        },
        {
          provider: 'hf-inference',
          providerId: 'meta-llama/Meta-Llama-3-8B-Instruct',
          status: 'live',
          task: 'conversational',
        },
      ],
    });
    expect(passport.licence).toEqual({
      known: false,
      reason: 'the Hub answer has neither card data nor tags (ask without a narrow expand[])',
    });
    expect(passport.gating.gated).toEqual({ known: false, reason: 'the Hub answer has no gated field' });
    expect(passport.parameters.byDtype).toEqual({ known: false, reason: 'the Hub answer has no safetensors metadata' });
    expect(passport.sha).toEqual({ known: false, reason: 'the Hub answer has no commit sha' });
  });

  it('the expand[]=pipeline_tag answer for bart-base: the task, everything else unknown with a reason', () => {
    const passport = passportOf('model_info_expand_pipeline_tag_bart_base.json', 'facebook/bart-base');
    expect(passport.task).toEqual({ known: true, value: 'feature-extraction', source: 'pipeline_tag' });
    for (const fact of [
      passport.licence,
      passport.sha,
      passport.library,
      passport.gguf,
      passport.providers,
      passport.lastModified,
    ])
      expect(fact).toMatchObject({ known: false, reason: expect.stringMatching(/\S/) });
  });
});

function info(fields: Partial<HubModelInfo>): HubModelInfo {
  return { id: 'example/model', source: source('example/model'), ...fields };
}

describe('buildPassport rules', () => {
  it('keeps a mixed-dtype parameter count per dtype and gives no single total (made-up counts)', () => {
    const passport = buildPassport(
      info({ safetensors: { parameters: { BF16: 1_234_567, F8_E4M3: 670_000_000_000 }, total: 670_001_234_567 } }),
    );
    expect(passport.parameters.byDtype).toEqual({
      known: true,
      value: { BF16: 1_234_567, F8_E4M3: 670_000_000_000 },
      source: 'safetensors.parameters',
    });
    expect(passport.parameters.total).toEqual({
      known: false,
      reason: 'the weights mix dtypes (BF16, F8_E4M3): counts are per dtype, a sum would not be one number',
    });
  });

  it('takes the licence from the license: tag when the card has none, and keeps name and link of "other" licences', () => {
    expect(buildPassport(info({ tags: ['license:apache-2.0'] })).licence).toEqual({
      known: true,
      value: { id: 'apache-2.0' },
      source: 'tags: license:apache-2.0',
    });
    expect(
      buildPassport(
        info({ cardData: { license: ['other'], licenseName: 'acme-model-licence', licenseLink: 'LICENSE.md' } }),
      ).licence,
    ).toEqual({
      known: true,
      value: { id: 'other', name: 'acme-model-licence', link: 'LICENSE.md' },
      source: 'cardData.license',
    });
    expect(buildPassport(info({ cardData: { license: ['mit', 'apache-2.0'] } })).licence).toEqual({
      known: false,
      reason: 'the card names several licences (mit, apache-2.0); read the card to see which applies',
    });
    expect(buildPassport(info({ tags: [], cardData: {} })).licence).toEqual({
      known: false,
      reason: 'neither the card data nor the tags name a licence',
    });
  });

  it('reads every lineage relation from base_model:<relation>:<repo> tags, and datasets from card and tags', () => {
    const passport = buildPassport(
      info({
        tags: [
          'base_model:org/a',
          'base_model:adapter:org/a',
          'base_model:merge:org/b',
          'base_model:quantized:org/c',
          'base_model:finetune:org/d',
          'dataset:org/data-1',
        ],
        cardData: { datasets: ['org/data-2'] },
      }),
    );
    expect(passport.lineage.baseModels).toEqual([
      { repo: 'org/a', relation: 'adapter', source: 'tags: base_model:adapter:org/a' },
      { repo: 'org/b', relation: 'merge', source: 'tags: base_model:merge:org/b' },
      { repo: 'org/c', relation: 'quantized', source: 'tags: base_model:quantized:org/c' },
      { repo: 'org/d', relation: 'finetune', source: 'tags: base_model:finetune:org/d' },
    ]);
    expect(passport.lineage.datasets).toEqual(['org/data-2', 'org/data-1']);
  });

  it('records a renamed repository, derived repositories, access and the card summary as given', () => {
    const passport = buildPassport(
      { ...info({ gated: 'manual' }), source: { ...source('old/name'), renamedFrom: 'old/name' } },
      {
        access: 'denied',
        card: '---\nlicense: mit\n---\n# Example\n\nA <b>small</b> model. <script>alert(1)</script>\n',
        quantizations: { repos: ['someone/example-GGUF'], more: true },
        adapters: { unavailable: 'searching base_model:adapter:example/model failed: HTTP 500' },
      },
    );
    expect(passport.renamed).toEqual({ from: 'old/name', to: 'example/model' });
    expect(passport.gating.access).toBe('denied');
    expect(passport.card).toEqual({
      known: true,
      value: { summary: 'Example\n\nA small model.', truncated: false },
      source: 'README.md',
    });
    expect(passport.lineage.quantizations).toEqual({
      known: true,
      value: { repos: ['someone/example-GGUF'], more: true },
      source: 'search filter=base_model:quantized:example/model',
    });
    expect(passport.lineage.adapters).toEqual({
      known: false,
      reason: 'searching base_model:adapter:example/model failed: HTTP 500',
    });
  });

  it('publishes a JSON Schema that describes the passport', () => {
    const schema = modelPassportJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(Object.keys(modelPassportSchema.shape));
  });
});
