import type { CatalogIssue } from '../errors/catalog-error.js';
import { catalogIssuesFromZod } from '../registry/zod-issues.js';
import { modelProfileSchema } from '../schema/model-profile.js';
import { offeringsFileSchema } from '../schema/offering.js';

/** One catalog file: its path relative to the catalog root (`models/<lab>/<canonical-id>.json`) and parsed JSON. */
export interface CatalogFileInput {
  readonly path: string;
  readonly json: unknown;
}

const MODEL_PATH = /^models\/([a-z0-9-]+)\/([a-z0-9.-]+)\.json$/;
const OFFERINGS_PATH = /^offerings\/([a-z0-9-]+)\.json$/;

/**
 * Check a set of catalog files without I/O: each against its schema, its `$schema` reference, its file
 * name against its id, and every offering's model against the profiles present. Returns every issue.
 */
export function validateCatalogFiles(files: readonly CatalogFileInput[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const modelIds = new Set<string>();
  const offeringsFiles: { path: string; models: { model: string; index: number }[] }[] = [];
  for (const file of files) {
    const modelMatch = MODEL_PATH.exec(file.path);
    const offeringsMatch = OFFERINGS_PATH.exec(file.path);
    const record = typeof file.json === 'object' && file.json !== null ? (file.json as Record<string, unknown>) : {};
    if (modelMatch) {
      const parsed = modelProfileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'model-profile.schema.json'));
      else {
        modelIds.add(parsed.data.id);
        if (parsed.data.id !== modelMatch[2]) issues.push({ code: 'INVALID_DATA', path: `${file.path}.id`, message: `Id "${parsed.data.id}" differs from the file name.`, fix: `Rename the file to ${parsed.data.id}.json or correct the id.` });
        if (parsed.data.lab !== modelMatch[1]) issues.push({ code: 'INVALID_DATA', path: `${file.path}.lab`, message: `Lab "${parsed.data.lab}" differs from the folder "${modelMatch[1]}".`, fix: `Move the file to models/${parsed.data.lab}/ or correct the lab.` });
      }
      checkSchemaRef(file.path, record.$schema, '../../schema/model-profile.schema.json', issues);
    } else if (offeringsMatch) {
      const parsed = offeringsFileSchema.safeParse(file.json);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, file.path, 'offerings.schema.json'));
      else {
        if (parsed.data.provider !== offeringsMatch[1]) issues.push({ code: 'INVALID_DATA', path: `${file.path}.provider`, message: `Provider "${parsed.data.provider}" differs from the file name.`, fix: `Name the file offerings/${parsed.data.provider}.json.` });
        offeringsFiles.push({ path: file.path, models: parsed.data.offerings.map((offering, index) => ({ model: offering.model, index })) });
      }
      checkSchemaRef(file.path, record.$schema, '../schema/offerings.schema.json', issues);
    } else {
      issues.push({ code: 'INVALID_DATA', path: file.path, message: 'Not a catalog file location.', fix: 'Put profiles in models/<lab>/<id>.json and offerings in offerings/<plugin-id>.json.' });
    }
  }
  for (const file of offeringsFiles) {
    for (const { model, index } of file.models) {
      if (!modelIds.has(model)) issues.push({ code: 'UNKNOWN_MODEL', path: `${file.path}.offerings[${index}].model`, message: `No model profile "${model}" in catalog/models.`, fix: `Add catalog/models/<lab>/${model}.json or correct the id.` });
    }
  }
  return issues;
}

function checkSchemaRef(path: string, actual: unknown, expected: string, issues: CatalogIssue[]): void {
  if (actual !== expected) {
    issues.push({ code: 'INVALID_DATA', path: `${path}.$schema`, message: `$schema is ${JSON.stringify(actual)}.`, fix: `Set "$schema": "${expected}" so editors validate the file.` });
  }
}
