// Builds the docs site into docs/reference/: the hand-written guides (docs/*.md) and the typedoc API
// reference of every documented workspace package, in one static site whose front page is docs/index.md.
// Usage: node scripts/docs.mjs [extra typedoc options, e.g. --logLevel Verbose]
// (`pnpm run docs` builds the packages first; `node scripts/check-docs-site.mjs` then checks its links.)
//
// Options come from the root typedoc.json (entryPointStrategy "packages"). Its entryPoints globs
// (packages/*, plugins/*) are expanded here and only folders holding both a package.json and a
// typedoc.json are handed to typedoc, so an empty plugins/ or a package without docs config is
// skipped instead of producing a warning.
// Guides: typedoc.json's `readme` (docs/index.md) is the front page and its `projectDocuments` list the
// guides in reading order. A docs/*.md that is in neither is appended (and reported), so a new guide is
// never silently left out of the site. Each guide is titled after its first `# ` heading (the part before
// a colon, without backticks) unless its front matter sets `title`.
// Exits non-zero on ANY typedoc warning or error (broken {@link}, missing relative file, ...).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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
    const re = new RegExp(
      `^${segment
        .replace(/[.+^$()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}$`,
    );
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

// The guides: the listed ones in their order, then any other docs/*.md (sorted).
const listedDocs = rootConfig.projectDocuments ?? [];
if (listedDocs.some((doc) => /[*?{}[\]!]/.test(doc))) {
  throw new Error('scripts/docs.mjs: list projectDocuments in typedoc.json as plain paths (reading order), not globs');
}
const docsDir = join(root, 'docs');
const knownDocs = new Set(
  [...listedDocs, ...(rootConfig.readme ? [rootConfig.readme] : [])].map((doc) => resolve(root, doc)),
);
const extraDocs = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md') && !knownDocs.has(join(docsDir, name)))
  .sort()
  .map((name) => relative(root, join(docsDir, name)));
for (const doc of extraDocs) console.log(`docs: adding ${doc} (not listed in projectDocuments of typedoc.json)`);
const projectDocuments = [...listedDocs, ...extraDocs];

// Same option sources as the typedoc CLI; the discovered package list overrides the globs.
const app = await td.Application.bootstrapWithPlugins({ entryPoints, projectDocuments }, [
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
    const out = relative(root, app.options.getValue('out')) || '.';
    console.log(
      `docs: site (${projectDocuments.length} guides + API reference) written to ${out}/index.html with 0 warnings`,
    );
    process.exit(0);
  }
  console.error(`docs: FAILED — typedoc reported ${logger.errorCount} error(s) and ${logger.warningCount} warning(s)`);
  process.exit(1);
}

/** Guide → its file's stem: its page stays documents/<stem>.html whatever its title. */
const guideStems = new WeakMap();

/**
 * typedoc names a document after its file (`getting-started`) unless its front matter sets `title`; name it
 * after its first `# ` heading instead, as a reader sees it (`# Concepts: four kinds of fact` → `Concepts`).
 */
function titleDocuments(project) {
  const byStem = new Map(projectDocuments.map((doc) => [basename(doc).replace(/\.[^.]+$/, ''), doc]));
  for (const document of project.getReflectionsByKind(td.ReflectionKind.Document)) {
    const file = byStem.get(document.name);
    if (!file || document.parent !== project) continue; // front-matter title, or not one of ours
    guideStems.set(document, document.name);
    const heading = /^# +(.+?) *#* *$/m.exec(readFileSync(join(root, file), 'utf8'))?.[1];
    if (!heading) continue;
    const plain = heading.replace(/`([^`]*)`/g, '$1').replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1');
    document.name = plain.split(/: /)[0].trim() || plain;
  }
}

/** typedoc's default ("kind") router, except that a guide's page is named after its file, not its title. */
class GuideFileRouter extends td.KindRouter {
  getIdealBaseName(reflection) {
    const stem = guideStems.get(reflection);
    return stem === undefined ? super.getIdealBaseName(reflection) : `documents/${stem}`;
  }
}
app.renderer.defineRouter('codewhale-guides', GuideFileRouter);
if (app.options.getValue('router') === 'kind') app.options.setValue('router', 'codewhale-guides');

// markdown-it's linkify also turns bare names into links: `hub-api.md` and `PROVIDERS.md` in a comment became
// http://hub-api.md/ (.md is a top-level domain). Link only what is written as a URL (https://…) or as a link.
// And typedoc names a heading (its anchor and its "On This Page" entry) after the heading's plain-text tokens only, so
// `## \`[providers.<id>]\`` got an empty entry and the anchor `#_`. Give code in headings a text token: it renders
// as the same <code> element, and the heading is named `[providers.<id>]` (anchor `#providersid`).
const markdownItLoader = app.options.getValue('markdownItLoader');
app.options.setValue('markdownItLoader', (parser) => {
  parser.linkify.set({ fuzzyLink: false });
  parser.core.ruler.push('codewhale_heading_code_text', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type !== 'inline' || state.tokens[i - 1]?.type !== 'heading_open' || !token.children) return;
      token.children = token.children.flatMap((child) => {
        if (child.type !== 'code_inline') return [child];
        const open = new state.Token('html_inline', '', 0);
        open.content = '<code>';
        const text = new state.Token('text', '', 0);
        text.content = child.content;
        const close = new state.Token('html_inline', '', 0);
        close.content = '</code>';
        return [open, text, close];
      });
    });
  });
  markdownItLoader(parser);
});

if (!clean()) finish();
const project = await app.convert();
if (!project) {
  console.error('docs: FAILED — typedoc could not convert the packages');
  process.exit(1);
}
if (!clean()) finish();
titleDocuments(project);
app.validate(project);
if (!clean()) finish();
await app.generateOutputs(project);
finish();
