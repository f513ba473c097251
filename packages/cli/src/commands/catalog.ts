import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { catalogJsonSchemas, validateCatalogFiles, type CatalogFileInput, type CatalogIssue } from '@codewhale/core';
import { CliError, EXIT_CODES, usageError } from '../cli/exit-codes.js';
import { renderTable, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { suggest } from '../cli/argv.js';

/** The bundled catalog as catalog files (what `catalog/` held when the plugins were built). */
function bundledFiles(session: Session): CatalogFileInput[] {
  const files: CatalogFileInput[] = [];
  const models = new Map<string, unknown>();
  for (const provider of session.registry.providers()) {
    if (provider.descriptor.class === 'custom') continue;
    const { offerings, models: profiles } = provider.plugin;
    if (offerings.length > 0)
      files.push({
        path: `offerings/${provider.id}.json`,
        json: { $schema: '../schema/offerings.schema.json', provider: provider.id, offerings },
      });
    for (const profile of profiles)
      models.set(`models/${profile.lab}/${profile.id}.json`, {
        ...profile,
        $schema: '../../schema/model-profile.schema.json',
      });
  }
  for (const [path, json] of models) files.push({ path, json });
  return files;
}

async function directoryFiles(dir: string): Promise<{ files: CatalogFileInput[]; issues: CatalogIssue[] }> {
  const files: CatalogFileInput[] = [];
  const issues: CatalogIssue[] = [];
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).map(String);
  } catch (error) {
    throw usageError(
      `Cannot read the catalog directory ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Point --dir at a folder holding models/<lab>/<id>.json and offerings/<id>.json.',
      'bad-catalog-dir',
    );
  }
  for (const name of names.sort()) {
    const path = name.split(sep).join('/');
    if (!path.endsWith('.json') || !(path.startsWith('models/') || path.startsWith('offerings/'))) continue;
    try {
      files.push({ path, json: JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown });
    } catch (error) {
      issues.push({
        code: 'INVALID_DATA',
        path,
        message: `Not valid JSON (${error instanceof SyntaxError ? error.message : 'unreadable'}).`,
        fix: 'Fix the JSON syntax.',
      });
    }
  }
  return { files, issues };
}

/** `catalog validate [--dir DIR]`: check the bundled catalog (or a catalog directory) with core's schema. Exit 6 on problems. */
export async function runCatalogValidate(session: Session, output: Output, dir: string | undefined): Promise<number> {
  const { files, issues: readIssues } =
    dir === undefined ? { files: bundledFiles(session), issues: [] } : await directoryFiles(dir);
  const issues = [...readIssues, ...validateCatalogFiles(files)];
  const offerings = files
    .filter((file) => file.path.startsWith('offerings/'))
    .reduce((sum, file) => sum + (((file.json as { offerings?: unknown[] }).offerings ?? []).length || 0), 0);
  const models = files.filter((file) => file.path.startsWith('models/')).length;
  const counts =
    dir === undefined ? { providers: session.registry.providerIds.length, offerings, models } : { offerings, models };
  const source = dir === undefined ? 'bundled' : relative(process.cwd(), dir) || '.';
  const valid = issues.length === 0;
  if (output.json) output.printJson({ schemaVersion: 1, source, valid, counts, issues });
  else {
    const { colors } = output;
    const what = `${dir === undefined ? `bundled catalog (${counts.providers} providers)` : source}: ${offerings} offerings, ${models} model profiles`;
    output.out(
      `${valid ? colors.green('✓') : colors.red('✗')} ${what}${valid ? '' : `, ${issues.length} problem${issues.length === 1 ? '' : 's'}`}`,
    );
    for (const issue of issues)
      output.out(
        `  ${colors.red(issue.path)}: ${issue.message}\n    ${colors.dim(`fix: ${issue.fix} [${issue.code}]`)}`,
      );
  }
  return valid ? EXIT_CODES.ok : EXIT_CODES.catalog;
}

/** `catalog schema [name]`: list the JSON Schemas (catalog files, config, and every --json output), or print one. */
export async function runCatalogSchema(output: Output, name: string | undefined): Promise<number> {
  const { OUTPUT_SCHEMAS, outputJsonSchemas } = await import('../output/schemas.js');
  const all: Record<string, Record<string, unknown>> = { ...catalogJsonSchemas(), ...outputJsonSchemas() };
  if (name !== undefined) {
    const key = name.endsWith('.json') ? name : `${name}.schema.json`;
    const schema = all[key];
    if (!schema) {
      const close = suggest(key, Object.keys(all));
      throw new CliError('usage', `No schema "${name}".${close ? ` Did you mean ${close}?` : ''}`, {
        code: 'unknown-schema',
        hint: 'Run `codewhale-route catalog schema` to list them.',
      });
    }
    output.printJson(schema);
    return EXIT_CODES.ok;
  }
  if (output.json) {
    output.printJson({ schemaVersion: 1, schemas: all });
    return EXIT_CODES.ok;
  }
  const rows = Object.entries(all).map(([file, schema]) => [
    file,
    output.colors.dim(String(schema.title ?? (OUTPUT_SCHEMAS as Record<string, { title: string }>)[file]?.title ?? '')),
  ]);
  output.out(
    `${renderTable(rows)}\n\n${output.colors.dim('Print one with `codewhale-route catalog schema <name>`; all with --json.')}`,
  );
  return EXIT_CODES.ok;
}
