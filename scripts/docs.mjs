// Builds the typedoc API reference of every documented workspace package into docs/reference/.
// Usage: node scripts/docs.mjs [extra typedoc options, e.g. --logLevel Verbose]
// (`pnpm docs` builds the packages first.)
//
// Options come from the root typedoc.json (entryPointStrategy "packages"). Its entryPoints globs
// (packages/*, plugins/*) are expanded here and only folders holding both a package.json and a
// typedoc.json are handed to typedoc, so an empty plugins/ or a package without docs config is
// skipped instead of producing a warning. Exits non-zero on ANY typedoc warning or error.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as td from 'typedoc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** Expand a glob made of plain and `*`/`?` path segments into existing directories. */
function expandDirGlob(pattern) {
  let dirs = [root];
  for (const segment of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    if (segment === '**' || /[{}[\]!]/.test(segment)) {
      throw new Error(`scripts/docs.mjs: unsupported glob segment "${segment}" in entryPoints "${pattern}"`);
    }
    if (!/[*?]/.test(segment)) {
      dirs = dirs.map((dir) => join(dir, segment)).filter((dir) => existsSync(dir));
      continue;
    }
    const re = new RegExp(`^${segment.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    dirs = dirs.flatMap((dir) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && re.test(entry.name))
        .map((entry) => join(dir, entry.name))
        .sort(),
    );
  }
  return dirs;
}

const rootConfig = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8'));
const entryPoints = [];
for (const pattern of rootConfig.entryPoints ?? []) {
  for (const dir of expandDirGlob(pattern)) {
    const rel = relative(root, dir);
    if (!existsSync(join(dir, 'package.json'))) continue;
    if (existsSync(join(dir, 'typedoc.json'))) entryPoints.push(rel);
    else console.log(`docs: skipping ${rel} (no typedoc.json)`);
  }
}
if (entryPoints.length === 0) {
  console.error('docs: no package with a typedoc.json matched the entryPoints of typedoc.json');
  process.exit(1);
}
console.log(`docs: documenting ${entryPoints.join(', ')}`);

// Same option sources as the typedoc CLI; the discovered package list overrides the globs.
const app = await td.Application.bootstrapWithPlugins({ entryPoints }, [
  new td.ArgumentsReader(0),
  new td.TypeDocReader(),
  new td.PackageJsonReader(),
  new td.TSConfigReader(),
  new td.ArgumentsReader(300).ignoreErrors(),
]);
const { logger } = app;
const clean = () => logger.errorCount === 0 && logger.warningCount === 0;

/** Print the summary and exit: any warning or error fails the run. */
function finish() {
  if (clean()) {
    console.log(`docs: API reference written to ${relative(root, app.options.getValue('out')) || '.'} with 0 warnings`);
    process.exit(0);
  }
  console.error(`docs: FAILED — typedoc reported ${logger.errorCount} error(s) and ${logger.warningCount} warning(s)`);
  process.exit(1);
}

if (!clean()) finish();
const project = await app.convert();
if (!project) {
  console.error('docs: FAILED — typedoc could not convert the packages');
  process.exit(1);
}
if (!clean()) finish();
app.validate(project);
if (!clean()) finish();
await app.generateOutputs(project);
finish();
