// Builds a registry from the bundled catalog and prints what it holds. Offline; reads only catalog/.
// Usage: node scripts/catalog-summary.mjs [--json]
import { CatalogError, createRegistry, validateCatalogFiles } from '@codewhale/core';
import { readCatalogFiles } from './catalog-files.mjs';

const { files, syntaxErrors } = await readCatalogFiles();
const issues = validateCatalogFiles(files);
if (syntaxErrors.length > 0 || issues.length > 0) {
  for (const error of syntaxErrors) console.error(`✗ ${error.path}: not valid JSON (${error.message})`);
  for (const issue of issues) console.error(`✗ ${issue.path}: ${issue.message} Fix: ${issue.fix}`);
  process.exit(1);
}

let registry;
try {
  registry = createRegistry({
    plugins: [],
    models: files.filter((file) => file.path.startsWith('models/')).map((file) => file.json),
  });
} catch (error) {
  if (CatalogError.isInstance(error)) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const tokens = (limit) => (limit === 'unknown' ? 'unknown' : limit.value.toLocaleString('en-US'));
const state = (fact) => (fact === 'unknown' ? '?' : fact.value === 'yes' ? 'yes' : 'no');
const rows = registry.models().map((model) => ({
  id: model.id,
  lab: model.lab,
  context: tokens(model.limits.contextWindow),
  maxOutput: tokens(model.limits.maxOutput),
  reasoning: state(model.capabilities.reasoning),
  tools: state(model.capabilities.tools),
  vision: state(model.capabilities.vision),
}));

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { models: rows, offeringsFiles: files.filter((file) => file.path.startsWith('offerings/')).length },
      null,
      2,
    ),
  );
} else {
  const headers = ['model', 'lab', 'context', 'max out', 'reasoning', 'tools', 'vision'];
  const table = [
    headers,
    ...rows.map((row) => [row.id, row.lab, row.context, row.maxOutput, row.reasoning, row.tools, row.vision]),
  ];
  const widths = headers.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  console.log(`CodeWhale catalog: ${rows.length} model profiles (every number sourced; ? = no source says)\n`);
  for (const row of table)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
}
