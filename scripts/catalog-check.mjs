// pnpm catalog:check — validate every catalog file against @codewhale/core's schema and regenerate catalog/schema/.
// Under CI (CI=true or --check) a stale catalog/schema/ is an error: commit the regenerated files.
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogJsonSchemas, validateCatalogFiles } from '@codewhale/core';
import { catalogRoot, readCatalogFiles } from './catalog-files.mjs';

const strict = process.argv.includes('--check') || process.env.CI === 'true';
const { files, syntaxErrors } = await readCatalogFiles();
const issues = validateCatalogFiles(files);
for (const error of syntaxErrors) console.error(`✗ ${error.path}: not valid JSON (${error.message})`);
for (const issue of issues) console.error(`✗ ${issue.path}: ${issue.message}\n  fix: ${issue.fix} [${issue.code}]`);

const schemaDir = join(catalogRoot, 'schema');
await mkdir(schemaDir, { recursive: true });
const stale = [];
for (const [name, schema] of Object.entries(catalogJsonSchemas())) {
  const target = join(schemaDir, name);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const before = await readFile(target, 'utf8').catch(() => undefined);
  if (before === text) continue;
  stale.push(name);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, target);
}
if (stale.length > 0) console.log(`regenerated catalog/schema/: ${stale.join(', ')}`);

const models = files.filter((file) => file.path.startsWith('models/')).length;
const offerings = files.filter((file) => file.path.startsWith('offerings/')).length;
const servedNames = files.filter((file) => file.path.startsWith('served-names/')).length;
const renames = files.filter((file) => file.path.startsWith('renames/')).length;
// Licences (issue 17): how many profiles carry a sourced licence, how many of those are uncertain, how many are unknown.
const licences = files
  .filter((file) => file.path.startsWith('models/'))
  .map((file) => file.json?.openWeights?.license)
  .filter((license) => license !== undefined);
const sourced = licences.filter((license) => typeof license === 'object' && license.source !== undefined);
const uncertain = sourced.filter((license) => license.source.uncertain === true).length;
const unknownLicences = licences.length - sourced.length;
const failed = syntaxErrors.length + issues.length;
console.log(
  `catalog: ${models} model profiles, ${offerings} offerings files, ${servedNames} served-names files, ${renames} renames files, ${failed} problem${failed === 1 ? '' : 's'}`,
);
console.log(
  `licences: ${sourced.length} sourced (${uncertain} uncertain), ${unknownLicences} unknown (each needs a reason)`,
);
if (strict && stale.length > 0)
  console.error('✗ catalog/schema/ was out of date: run pnpm catalog:check and commit catalog/schema/.');
process.exit(failed > 0 || (strict && stale.length > 0) ? 1 : 0);
