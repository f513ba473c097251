import { describe, expect, it } from 'vitest';
import { offering, profile } from '../__fixtures__/synthetic-plugins.js';
import { validateCatalogFiles } from './validate-catalog-files.js';

const licenseSource = { url: 'https://huggingface.co/acme/Acme-1', retrieved: '2026-12-02', kind: 'official' } as const;
const mit = {
  value: 'mit',
  spdx: 'MIT',
  name: 'MIT License',
  url: 'https://huggingface.co/acme/Acme-1/blob/main/LICENSE',
  source: licenseSource,
};

const modelFile = (lab: string, id: string, overrides: object = {}) => ({
  path: `models/${lab}/${id}.json`,
  json: {
    $schema: '../../schema/model-profile.schema.json',
    ...profile(id, { lab, openWeights: { license: mit, huggingFaceRepo: 'unknown' } }),
    ...overrides,
  },
});

describe('validateCatalogFiles', () => {
  it('accepts consistent files', () => {
    const files = [
      modelFile('acme', 'acme-1'),
      {
        path: 'offerings/together.json',
        json: {
          $schema: '../schema/offerings.schema.json',
          provider: 'together',
          offerings: [offering('acme-1', 'acme/Acme-1')],
        },
      },
    ];
    expect(validateCatalogFiles(files)).toEqual([]);
  });

  it('reports file name, folder, $schema and unknown-model problems together', () => {
    const files = [
      modelFile('acme', 'acme-1', { id: 'acme-2' }),
      modelFile('other', 'acme-3', { lab: 'acme', $schema: undefined }),
      {
        path: 'offerings/together.json',
        json: { $schema: '../schema/offerings.schema.json', provider: 'hf', offerings: [offering('ghost', 'g/G')] },
      },
      { path: 'notes/readme.json', json: {} },
    ];
    expect(validateCatalogFiles(files).map((issue) => `${issue.code} ${issue.path}`)).toEqual([
      'INVALID_DATA models/acme/acme-1.json.id',
      'INVALID_DATA models/other/acme-3.json.lab',
      'INVALID_DATA models/other/acme-3.json.$schema',
      'INVALID_DATA offerings/together.json.provider',
      'INVALID_DATA notes/readme.json',
      'UNKNOWN_MODEL offerings/together.json.offerings[0].model',
    ]);
  });

  it('reports schema problems with their path', () => {
    const issues = validateCatalogFiles([
      modelFile('acme', 'acme-1', { limits: { contextWindow: 0, maxOutput: 'unknown' } }),
    ]);
    expect(issues).toEqual([
      {
        code: 'INVALID_DATA',
        path: 'models/acme/acme-1.json.limits.contextWindow',
        message: 'Invalid input.',
        fix: 'Use one of the allowed forms, e.g. "unknown" or { value, source } (see catalog/schema/model-profile.schema.json).',
      },
    ]);
  });

  it('checks served-names and renames files: schema, file name, duplicates, known models, offering wire ids', () => {
    const source = { url: 'https://example.com/acme', retrieved: '2026-11-21', kind: 'official' };
    const offerings = {
      path: 'offerings/acme.json',
      json: {
        $schema: '../schema/offerings.schema.json',
        provider: 'acme',
        offerings: [offering('acme-1', 'acme-1-live')],
      },
    };
    const good = [
      modelFile('acme', 'acme-1'),
      offerings,
      {
        path: 'served-names/acme.json',
        json: {
          $schema: '../schema/served-names.schema.json',
          provider: 'acme',
          names: [{ name: 'acme:1', model: 'acme-1', source }],
        },
      },
      {
        path: 'renames/acme.json',
        json: {
          $schema: '../schema/model-renames.schema.json',
          provider: 'acme',
          renames: [{ from: 'acme-old', to: 'acme-1-live', since: '2026-01-01', reason: 'renamed', sources: [source] }],
        },
      },
    ];
    expect(validateCatalogFiles(good)).toEqual([]);
    const bad = [
      modelFile('acme', 'acme-1'),
      offerings,
      {
        path: 'served-names/other.json',
        json: {
          $schema: '../schema/served-names.schema.json',
          provider: 'acme',
          names: [
            { name: 'a', model: 'ghost', source },
            { name: 'a', model: 'acme-1', source },
          ],
        },
      },
      {
        path: 'renames/acme.json',
        json: {
          provider: 'acme',
          renames: [
            { from: 'acme-1-live', to: 'acme-gone', since: '2026-01-01', reason: 'renamed', sources: [source] },
          ],
        },
      },
      {
        path: 'renames/broken.json',
        json: {
          $schema: '../schema/model-renames.schema.json',
          provider: 'broken',
          renames: [{ from: 'x', to: 'y', since: 'yesterday', reason: 'r', sources: [] }],
        },
      },
    ];
    expect(validateCatalogFiles(bad).map((issue) => `${issue.code} ${issue.path}`)).toEqual([
      'INVALID_DATA served-names/other.json.provider',
      'INVALID_DATA served-names/other.json.names[1].name',
      'INVALID_DATA renames/acme.json.$schema',
      'INVALID_DATA renames/broken.json.renames[0].since',
      'INVALID_DATA renames/broken.json.renames[0].sources',
      'INVALID_DATA renames/acme.json.renames[0].to',
      'INVALID_DATA renames/acme.json.renames[0].from',
      'UNKNOWN_MODEL served-names/other.json.names[0].model',
    ]);
  });

  it('accepts a reasoning dialect on an open-weights profile only as a dialect name with a source', () => {
    const source = { url: 'https://huggingface.co/acme/Acme-1', retrieved: '2026-11-21', kind: 'official' };
    const withDialect = (reasoningDialect: unknown) =>
      modelFile('acme', 'acme-1', {
        openWeights: { license: mit, huggingFaceRepo: 'unknown', reasoningDialect },
      });
    expect(validateCatalogFiles([withDialect({ value: 'qwen3', source })])).toEqual([]);
    expect(validateCatalogFiles([withDialect('unknown')])).toEqual([]);
    expect(validateCatalogFiles([withDialect({ value: 'qwen3' })]).map((issue) => issue.path)).toEqual([
      'models/acme/acme-1.json.openWeights.reasoningDialect',
    ]);
    expect(validateCatalogFiles([withDialect({ value: 'Acme Chat', source })]).map((issue) => issue.path)).toEqual([
      'models/acme/acme-1.json.openWeights.reasoningDialect.value',
    ]);
  });
  // @see issue 17 item 4: every profile's licence is a fact with a source, or `unknown` with a reason.
  it('requires every licence to be sourced with its name and link, or unknown with a reason', () => {
    const withLicense = (license: unknown) =>
      modelFile('acme', 'acme-1', { openWeights: { license, huggingFaceRepo: 'unknown' } });
    expect(validateCatalogFiles([withLicense(mit)])).toEqual([]);
    expect(
      validateCatalogFiles([withLicense({ value: 'unknown', reason: 'No public weights: the model is API-only.' })]),
    ).toEqual([]);
    expect(
      validateCatalogFiles([
        withLicense({ value: 'unknown', reason: 'The card and the lab disagree.', sources: [licenseSource] }),
      ]),
    ).toEqual([]);

    // The bare string still loads (old data) but fails catalog:check with a message that names the fix.
    expect(validateCatalogFiles([withLicense('unknown')])).toEqual([
      {
        code: 'INVALID_DATA',
        path: 'models/acme/acme-1.json.openWeights.license',
        message: 'The licence is a bare "unknown", without a reason.',
        fix: 'Write a licence from the model card or the lab\'s page ({ "value": "<Hub licence id, e.g. mit>", "name", "url": "<licence text>", "source" }) or { "value": "unknown", "reason": "<why no source says>" }.',
      },
    ]);
    // A licence in the old text-fact form ({ value, source }) loads too, but lacks what a user needs.
    expect(validateCatalogFiles([withLicense({ value: 'mit', source: licenseSource })])).toEqual([
      {
        code: 'INVALID_DATA',
        path: 'models/acme/acme-1.json.openWeights.license',
        message: 'The licence "mit" has no name and no url.',
        fix: 'Add its display "name" and a "url" to the licence text (the repo\'s LICENSE file, the card\'s license_link or the lab\'s page).',
      },
    ]);
    expect(validateCatalogFiles([withLicense({ ...mit, url: undefined })]).map((issue) => issue.message)).toEqual([
      'The licence "mit" has no url.',
    ]);
    // Schema errors: a licence without a source, `unknown` without a reason, an id not spelled as the Hub spells it.
    for (const license of [
      { value: 'mit', name: 'MIT License', url: mit.url },
      { value: 'unknown' },
      { value: 'unknown', source: licenseSource },
      { ...mit, value: 'MIT' },
      { ...mit, value: 'unknown' },
    ])
      expect(validateCatalogFiles([withLicense(license)]).map((issue) => issue.path)[0]).toMatch(
        /^models\/acme\/acme-1\.json\.openWeights\.license/,
      );
  });
});
