import { describe, expect, it } from 'vitest';
import { offering, profile } from '../__fixtures__/synthetic-plugins.js';
import { validateCatalogFiles } from './validate-catalog-files.js';

const modelFile = (lab: string, id: string, overrides: object = {}) => ({
  path: `models/${lab}/${id}.json`,
  json: { $schema: '../../schema/model-profile.schema.json', ...profile(id, { lab }), ...overrides },
});

describe('validateCatalogFiles', () => {
  it('accepts consistent files', () => {
    const files = [modelFile('acme', 'acme-1'), { path: 'offerings/together.json', json: { $schema: '../schema/offerings.schema.json', provider: 'together', offerings: [offering('acme-1', 'acme/Acme-1')] } }];
    expect(validateCatalogFiles(files)).toEqual([]);
  });

  it('reports file name, folder, $schema and unknown-model problems together', () => {
    const files = [
      modelFile('acme', 'acme-1', { id: 'acme-2' }),
      modelFile('other', 'acme-3', { lab: 'acme', $schema: undefined }),
      { path: 'offerings/together.json', json: { $schema: '../schema/offerings.schema.json', provider: 'hf', offerings: [offering('ghost', 'g/G')] } },
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
    const issues = validateCatalogFiles([modelFile('acme', 'acme-1', { limits: { contextWindow: 0, maxOutput: 'unknown' } })]);
    expect(issues).toEqual([
      {
        code: 'INVALID_DATA',
        path: 'models/acme/acme-1.json.limits.contextWindow',
        message: 'Invalid input.',
        fix: 'Use one of the allowed forms, e.g. "unknown" or { value, source } (see catalog/schema/model-profile.schema.json).',
      },
    ]);
  });
});
