import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { modelProfileSchema } from '../schema/model-profile.js';
import { modelRenamesFileSchema } from '../schema/model-renames.js';
import { offeringsFileSchema } from '../schema/offering.js';
import { servedNamesFileSchema } from '../schema/served-names.js';
import { userConfigSchema } from '../schema/user-config.js';
import { catalogJsonSchemas } from './json-schemas.js';
import { validateCatalogFiles } from './validate-catalog-files.js';

// The project's own catalog/ folder (data that ships with the plugins).
const catalogRoot = fileURLToPath(new URL('../../../../catalog/', import.meta.url));

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsonFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

const modelFiles = jsonFiles(join(catalogRoot, 'models'));
const offeringFiles = jsonFiles(join(catalogRoot, 'offerings'));
const servedNameFiles = jsonFiles(join(catalogRoot, 'served-names'));
const renameFiles = jsonFiles(join(catalogRoot, 'renames'));
const schemas = catalogJsonSchemas();
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const validateModelJson = ajv.compile(schemas['model-profile.schema.json']);
const validateOfferingsJson = ajv.compile(schemas['offerings.schema.json']);
const validateConfigJson = ajv.compile(schemas['config.schema.json']);
const validateServedNamesJson = ajv.compile(schemas['served-names.schema.json']);
const validateRenamesJson = ajv.compile(schemas['model-renames.schema.json']);

describe('catalog round trip: JSON file -> zod -> JSON Schema', () => {
  it('has model profiles to check', () => {
    expect(modelFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(modelFiles.map((file) => [relative(catalogRoot, file), file]))(
    '%s parses, survives a round trip and validates against the JSON Schema',
    (_name, file) => {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const parsed = modelProfileSchema.parse(json);
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(json);
      expect(validateModelJson(json), ajv.errorsText(validateModelJson.errors)).toBe(true);
    },
  );

  it.each(offeringFiles.map((file) => [relative(catalogRoot, file), file]))(
    '%s parses, survives a round trip and validates against the JSON Schema',
    (_name, file) => {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const parsed = offeringsFileSchema.parse(json);
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(json);
      expect(validateOfferingsJson(json), ajv.errorsText(validateOfferingsJson.errors)).toBe(true);
    },
  );

  it.each([
    ...servedNameFiles.map(
      (file) => [relative(catalogRoot, file), file, servedNamesFileSchema, validateServedNamesJson] as const,
    ),
    ...renameFiles.map(
      (file) => [relative(catalogRoot, file), file, modelRenamesFileSchema, validateRenamesJson] as const,
    ),
  ])('%s parses, survives a round trip and validates against the JSON Schema', (_name, file, schema, validateJson) => {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(JSON.parse(JSON.stringify(schema.parse(json)))).toEqual(json);
    expect(validateJson(json), ajv.errorsText(validateJson.errors)).toBe(true);
  });

  it('passes the whole-catalog checks (file names, $schema, offerings, served names and renames name known models and wire ids)', () => {
    expect(servedNameFiles.length + renameFiles.length).toBeGreaterThanOrEqual(2);
    const files = [...modelFiles, ...offeringFiles, ...servedNameFiles, ...renameFiles].map((file) => ({
      path: relative(catalogRoot, file).split('\\').join('/'),
      json: JSON.parse(readFileSync(file, 'utf8')) as unknown,
    }));
    expect(validateCatalogFiles(files)).toEqual([]);
  });

  it('the committed catalog/schema files equal what the zod schemas generate', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const committed: unknown = JSON.parse(readFileSync(join(catalogRoot, 'schema', name), 'utf8'));
      expect(committed, `catalog/schema/${name} is stale: run pnpm catalog:check`).toEqual(schema);
    }
  });

  it('zod and the JSON Schema agree on invalid data too', () => {
    const json: unknown = JSON.parse(readFileSync(modelFiles[0] as string, 'utf8'));
    const broken = {
      ...(json as object),
      limits: { contextWindow: { value: 0, source: 'nowhere' }, maxOutput: 'unknown' },
      colour: 'blue',
    };
    expect(modelProfileSchema.safeParse(broken).success).toBe(false);
    expect(validateModelJson(broken)).toBe(false);
  });

  it('the config schema keeps unknown keys (they are warned about, never dropped)', () => {
    const config = {
      provider: 'together',
      providers: { together: { model: 'x', future_key: 1 } },
      experimental: { a: 1 },
    };
    expect(userConfigSchema.parse(config)).toEqual(config);
    expect(validateConfigJson(config)).toBe(true);
    expect(validateConfigJson({ providers: { together: { auth_mode: 'sometimes' } } })).toBe(false);
    expect(userConfigSchema.safeParse({ providers: { together: { auth_mode: 'sometimes' } } }).success).toBe(false);
  });
});
