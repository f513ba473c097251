import type { CatalogIssue } from '../errors/catalog-error.js';
import { catalogIssuesFromZod } from '../registry/zod-issues.js';
import { modelProfileSchema, type LicenseFact } from '../schema/model-profile.js';
import { modelRenamesFileSchema } from '../schema/model-renames.js';
import { offeringsFileSchema } from '../schema/offering.js';
import { servedNamesFileSchema } from '../schema/served-names.js';

/** One catalog file: its path relative to the catalog root (`models/<lab>/<canonical-id>.json`) and parsed JSON. */
export interface CatalogFileInput {
  readonly path: string;
  readonly json: unknown;
}

const MODEL_PATH = /^models\/([a-z0-9-]+)\/([a-z0-9.-]+)\.json$/;
const OFFERINGS_PATH = /^offerings\/([a-z0-9-]+)\.json$/;
const SERVED_NAMES_PATH = /^served-names\/([a-z0-9-]+)\.json$/;
const RENAMES_PATH = /^renames\/([a-z0-9-]+)\.json$/;

/**
 * Check a set of catalog files without I/O: each against its schema, its `$schema` reference, its file
 * name against its id, every profile's licence (a licence with its name, link and source, or `unknown` with a reason),
 * every offering's and served name's model against the profiles present, and every rename against the provider's
 * offerings (its target must be one, its old id must not). Returns every issue.
 */
export function validateCatalogFiles(files: readonly CatalogFileInput[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const modelIds = new Set<string>();
  const offeringsFiles: { path: string; models: { model: string; index: number }[] }[] = [];
  const wireIdsByProvider = new Map<string, Set<string>>();
  const renamesFiles: { path: string; provider: string; renames: { from: string; to: string }[] }[] = [];
  for (const file of files) {
    const modelMatch = MODEL_PATH.exec(file.path);
    const offeringsMatch = OFFERINGS_PATH.exec(file.path);
    const record = typeof file.json === 'object' && file.json !== null ? (file.json as Record<string, unknown>) : {};
    if (modelMatch) {
      const parsed = modelProfileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'model-profile.schema.json'));
      else {
        modelIds.add(parsed.data.id);
        if (parsed.data.id !== modelMatch[2])
          issues.push({
            code: 'INVALID_DATA',
            path: `${file.path}.id`,
            message: `Id "${parsed.data.id}" differs from the file name.`,
            fix: `Rename the file to ${parsed.data.id}.json or correct the id.`,
          });
        if (parsed.data.lab !== modelMatch[1])
          issues.push({
            code: 'INVALID_DATA',
            path: `${file.path}.lab`,
            message: `Lab "${parsed.data.lab}" differs from the folder "${modelMatch[1]}".`,
            fix: `Move the file to models/${parsed.data.lab}/ or correct the lab.`,
          });
        checkLicense(file.path, parsed.data.openWeights.license, issues);
      }
      checkSchemaRef(file.path, record.$schema, '../../schema/model-profile.schema.json', issues);
    } else if (offeringsMatch) {
      const parsed = offeringsFileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'offerings.schema.json'));
      else {
        if (parsed.data.provider !== offeringsMatch[1])
          issues.push({
            code: 'INVALID_DATA',
            path: `${file.path}.provider`,
            message: `Provider "${parsed.data.provider}" differs from the file name.`,
            fix: `Name the file offerings/${parsed.data.provider}.json.`,
          });
        offeringsFiles.push({
          path: file.path,
          models: parsed.data.offerings.map((offering, index) => ({ model: offering.model, index })),
        });
        wireIdsByProvider.set(parsed.data.provider, new Set(parsed.data.offerings.map((offering) => offering.wireId)));
      }
      checkSchemaRef(file.path, record.$schema, '../schema/offerings.schema.json', issues);
    } else if (SERVED_NAMES_PATH.test(file.path)) {
      const parsed = servedNamesFileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'served-names.schema.json'));
      else {
        checkProviderFile(file.path, parsed.data.provider, 'served-names', issues);
        offeringsFiles.push({
          path: file.path,
          models: parsed.data.names.map((entry, index) => ({ model: entry.model, index })),
        });
        checkUnique(
          file.path,
          'names',
          parsed.data.names.map((entry) => entry.name),
          'name',
          issues,
        );
      }
      checkSchemaRef(file.path, record.$schema, '../schema/served-names.schema.json', issues);
    } else if (RENAMES_PATH.test(file.path)) {
      const parsed = modelRenamesFileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'model-renames.schema.json'));
      else {
        checkProviderFile(file.path, parsed.data.provider, 'renames', issues);
        renamesFiles.push({ path: file.path, provider: parsed.data.provider, renames: parsed.data.renames });
        checkUnique(
          file.path,
          'renames',
          parsed.data.renames.map((rename) => rename.from),
          'from',
          issues,
        );
      }
      checkSchemaRef(file.path, record.$schema, '../schema/model-renames.schema.json', issues);
    } else {
      issues.push({
        code: 'INVALID_DATA',
        path: file.path,
        message: 'Not a catalog file location.',
        fix: 'Put profiles in models/<lab>/<id>.json, offerings in offerings/<plugin-id>.json, served names in served-names/<plugin-id>.json and renames in renames/<plugin-id>.json.',
      });
    }
  }
  for (const file of renamesFiles) {
    const wireIds = wireIdsByProvider.get(file.provider) ?? new Set<string>();
    file.renames.forEach(({ from, to }, index) => {
      if (!wireIds.has(to))
        issues.push({
          code: 'INVALID_DATA',
          path: `${file.path}.renames[${index}].to`,
          message: `"${to}" is not a wire id in offerings/${file.provider}.json.`,
          fix: `Point the rename at one of the provider's offerings, or add that offering.`,
        });
      if (wireIds.has(from))
        issues.push({
          code: 'INVALID_DATA',
          path: `${file.path}.renames[${index}].from`,
          message: `"${from}" is still an offering's wire id in offerings/${file.provider}.json.`,
          fix: 'Remove the rename, or the retired offering.',
        });
    });
  }
  for (const file of offeringsFiles) {
    for (const { model, index } of file.models) {
      const list = file.path.startsWith('served-names/') ? 'names' : 'offerings';
      if (!modelIds.has(model))
        issues.push({
          code: 'UNKNOWN_MODEL',
          path: `${file.path}.${list}[${index}].model`,
          message: `No model profile "${model}" in catalog/models.`,
          fix: `Add catalog/models/<lab>/${model}.json or correct the id.`,
        });
    }
  }
  return issues;
}

const LICENSE_FORMS =
  'a licence from the model card or the lab\'s page ({ "value": "<Hub licence id, e.g. mit>", "name", "url": "<licence text>", "source" }) or { "value": "unknown", "reason": "<why no source says>" }';

// @see issue 17 item 4: every profile's licence is a fact with a source, or `unknown` with a reason.
function checkLicense(path: string, license: LicenseFact, issues: CatalogIssue[]): void {
  const at = `${path}.openWeights.license`;
  if (license === 'unknown') {
    issues.push({
      code: 'INVALID_DATA',
      path: at,
      message: 'The licence is a bare "unknown", without a reason.',
      fix: `Write ${LICENSE_FORMS}.`,
    });
    return;
  }
  if ('reason' in license) return;
  const missing = [
    license.name === undefined ? 'name' : undefined,
    license.url === undefined ? 'url' : undefined,
  ].filter((field) => field !== undefined);
  if (missing.length > 0)
    issues.push({
      code: 'INVALID_DATA',
      path: at,
      message: `The licence "${license.value}" has no ${missing.join(' and no ')}.`,
      fix: 'Add its display "name" and a "url" to the licence text (the repo\'s LICENSE file, the card\'s license_link or the lab\'s page).',
    });
}

function checkProviderFile(path: string, provider: string, folder: string, issues: CatalogIssue[]): void {
  if (path !== `${folder}/${provider}.json`)
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.provider`,
      message: `Provider "${provider}" differs from the file name.`,
      fix: `Name the file ${folder}/${provider}.json.`,
    });
}

function checkUnique(
  path: string,
  list: string,
  values: readonly string[],
  field: string,
  issues: CatalogIssue[],
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value))
      issues.push({
        code: 'INVALID_DATA',
        path: `${path}.${list}[${index}].${field}`,
        message: `"${value}" is listed twice.`,
        fix: 'Keep one entry per name.',
      });
    seen.add(value);
  });
}

function checkSchemaRef(path: string, actual: unknown, expected: string, issues: CatalogIssue[]): void {
  if (actual !== expected) {
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.$schema`,
      message: `$schema is ${JSON.stringify(actual)}.`,
      fix: `Set "$schema": "${expected}" so editors validate the file.`,
    });
  }
}
