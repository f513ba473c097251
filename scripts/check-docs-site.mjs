// Checks the built docs site (docs/reference/, from `pnpm run docs`) for broken internal links.
// Usage: node scripts/check-docs-site.mjs [--site <dir>] [--page <path relative to the site>]... [--verbose]
//
// 1. Headless Chromium (Debian's `chromium` package, installed with apt-get when `command -v chromium` fails)
//    renders the front page, a guide and two API pages (the @codewhale/core module page and createRouteResolver's
//    page) with a fresh --user-data-dir each, and dumps the DOM after the page's scripts ran (so the navigation
//    tree, which typedoc builds in the browser, is checked too). Every href/src of the rendered DOM is resolved
//    against the page's file URL: an internal target must be a file inside the site, and a `#fragment` must be an
//    id (or name) in the target page (the rendered DOM for the page itself, the static HTML for other pages).
// 2. Every built HTML file is scanned statically for relative href/src targets and fragments that do not exist.
// External links (http/https and other schemes) are listed, never fetched. Dependency-free: Node + Chromium.
// Prints one summary line last; exits 1 on any broken link, 2 when the check itself cannot run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const optionValues = (name) => args.flatMap((arg, i) => (arg === name && args[i + 1] ? [args[i + 1]] : []));
const site = resolve(root, optionValues('--site').at(-1) ?? 'docs/reference');
const CHROMIUM_PAGES = optionValues('--page').length
  ? optionValues('--page')
  : [
      'index.html',
      'documents/getting-started.html',
      'modules/_codewhale_core.html',
      'functions/_codewhale_core.createRouteResolver.html',
    ];
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Let the page's scripts finish (typedoc builds the navigation tree asynchronously after load) before the DOM is
  // dumped; virtual time runs fast, so this costs well under a second. Without it the dump races the scripts.
  '--virtual-time-budget=10000',
];
const rel = (path) => relative(root, path) || '.';
/** A path as shown in the report: relative to the site when inside it. */
const show = (path) => (path === site || path.startsWith(site + sep) ? relative(site, path) || '.' : rel(path));

function fail(message) {
  console.error(`check-docs-site: ${message}`);
  console.log(`docs-site: FAILED — ${message.split('\n')[0]}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

function findChromium() {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Debian's chromium, installed on first use (a new machine does not have it). Returns its path and install time. */
function ensureChromium() {
  const existing = findChromium();
  if (existing) return { path: existing, installMs: 0 };
  console.log('check-docs-site: chromium not found; installing Debian package chromium (apt-get) ...');
  const started = Date.now();
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const path = findChromium();
  if (install.status !== 0 || !path) {
    fail(
      `could not install chromium with apt-get (exit ${install.status}; needs root and Debian):\n${`${install.stdout}${install.stderr}`.trim().split('\n').slice(-10).join('\n')}`,
    );
  }
  const installMs = Date.now() - started;
  console.log(`check-docs-site: installed ${path} in ${(installMs / 1000).toFixed(1)} s`);
  return { path, installMs };
}

/** Render one page headless and return its DOM after load. A fresh profile per page; removed afterwards. */
function dumpDom(chromium, file) {
  const profile = mkdtempSync(join(tmpdir(), 'codewhale-docs-chromium-'));
  return new Promise((resolveDom, rejectDom) => {
    const child = spawn(
      chromium,
      [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(file).href],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', rejectDom);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (code === 0 && /<html[\s>]/i.test(stdout)) resolveDom(stdout);
      else
        rejectDom(
          new Error(
            `chromium --dump-dom ${show(file)} ended with ${signal ?? `exit ${code}`}:\n${stderr.trim().split('\n').slice(-8).join('\n')}`,
          ),
        );
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// HTML (enough of it for typedoc's output: quoted attributes, character references)

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decodeEntities = (text) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** Strip what is not markup (comments, script and style bodies) so code samples cannot produce fake links. */
const markupOnly = (html) =>
  html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, '<$1$2></$1>');

/** Every href/src/xlink:href attribute value of the markup, decoded. */
function linkTargets(html) {
  const targets = [];
  for (const match of markupOnly(html).matchAll(/<[a-z][\w:-]*\s[^>]*>/gi)) {
    for (const attribute of match[0].matchAll(/\s(href|src|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      targets.push(decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4]).trim());
    }
  }
  return targets;
}

/** Every id (and <a name>) the markup defines. */
function anchorIds(html) {
  const ids = new Set();
  for (const match of markupOnly(html).matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    ids.add(decodeEntities(match[1] ?? match[2] ?? match[3]));
  }
  return ids;
}

const staticIds = new Map();
function idsOfFile(file) {
  if (!staticIds.has(file))
    staticIds.set(file, /\.(html?|svg)$/i.test(file) ? anchorIds(readFileSync(file, 'utf8')) : undefined);
  return staticIds.get(file);
}

function baseUrlOf(html, pageUrl) {
  const base = /<base\s[^>]*href\s*=\s*"([^"]*)"/i.exec(markupOnly(html))?.[1];
  return base ? new URL(decodeEntities(base), pageUrl) : pageUrl;
}

/**
 * Classify one link of a page: undefined when fine, `{ external }` for a link we do not follow, or
 * `{ broken: reason }`. `ownIds` are the ids of the page itself (its rendered DOM when Chromium rendered it).
 */
function checkTarget(target, baseUrl, pageFile, ownIds) {
  if (target === '' || target === '#') return undefined; // the page itself
  let url;
  try {
    url = new URL(target, baseUrl);
  } catch {
    return { broken: 'not a valid URL' };
  }
  if (url.protocol !== 'file:') {
    if (url.protocol === 'javascript:' && /^javascript:\s*(void\(0\))?;?$/i.test(target)) return undefined;
    return { external: url.href };
  }
  const file = fileURLToPath(new URL(url.pathname, 'file:///'));
  if (file !== site && !file.startsWith(site + sep)) return { broken: `points outside the site (${rel(file)})` };
  let targetFile = file;
  if (!existsSync(targetFile)) return { broken: `missing file ${show(targetFile)}` };
  if (statSync(targetFile).isDirectory()) {
    targetFile = join(targetFile, 'index.html');
    if (!existsSync(targetFile)) return { broken: `directory without index.html ${show(file)}` };
  }
  const fragment = url.hash.slice(1);
  if (!fragment) return undefined;
  let id;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    id = fragment;
  }
  const ids = targetFile === pageFile && ownIds ? ownIds : idsOfFile(targetFile);
  if (ids && !ids.has(id) && !ids.has(fragment)) return { broken: `no #${id} in ${show(targetFile)}` };
  return undefined;
}

/** Broken links by "page → href": the reason and which checks found it. */
const broken = new Map();
function addBroken(where, reason, mode) {
  const entry = broken.get(where) ?? { reason, modes: new Set() };
  entry.modes.add(mode);
  broken.set(where, entry);
}

/** Check every link of one page; record broken ones and external URLs. Returns the number of links seen. */
function checkPage(html, pageFile, ownIds, external, mode) {
  const baseUrl = baseUrlOf(html, pathToFileURL(pageFile));
  const targets = linkTargets(html);
  for (const target of targets) {
    const result = checkTarget(target, baseUrl, pageFile, ownIds);
    if (!result) continue;
    if (result.external) external.set(result.external, (external.get(result.external) ?? 0) + 1);
    else addBroken(`${show(pageFile)} → ${target}`, result.broken, mode);
  }
  return targets.length;
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return /\.html?$/i.test(entry.name) ? [path] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------------

const started = Date.now();
if (!existsSync(join(site, 'index.html')))
  fail(`no built site at ${rel(site)}/index.html — run \`pnpm run docs\` first`);
const pages = CHROMIUM_PAGES.map((page) => join(site, page));
const missingPages = pages.filter((page) => !existsSync(page));
if (missingPages.length) fail(`pages to render are missing from the built site: ${missingPages.map(rel).join(', ')}`);

const externalRendered = new Map();
const externalStatic = new Map();

// 1. Rendered in Chromium.
const chromium = ensureChromium();
const chromiumStarted = Date.now();
let doms;
try {
  doms = await Promise.all(pages.map((page) => dumpDom(chromium.path, page)));
} catch (error) {
  fail(error.message);
}
const chromiumMs = Date.now() - chromiumStarted;
let renderedLinks = 0;
const navigationPages = ['documents', 'modules'].flatMap((dir) =>
  existsSync(join(site, dir))
    ? readdirSync(join(site, dir))
        .filter((name) => name.endsWith('.html'))
        .map((name) => join(site, dir, name))
    : [],
);
pages.forEach((page, i) => {
  const dom = doms[i];
  const count = checkPage(dom, page, anchorIds(dom), externalRendered, 'chromium');
  renderedLinks += count;
  if (verbose) console.log(`check-docs-site: ${show(page)} rendered: ${count} links`);
  // typedoc builds the navigation tree in the browser, and it lists every guide and every package. If the rendered
  // page does not link to all of them, its scripts did not run and the check would not have looked at the tree.
  const linked = new Set(
    linkTargets(dom).map(
      (target) => URL.canParse(target, pathToFileURL(page)) && new URL(target, pathToFileURL(page)).pathname,
    ),
  );
  const unlisted = navigationPages.filter((file) => !linked.has(pathToFileURL(file).pathname));
  if (unlisted.length) {
    addBroken(
      `${show(page)} (rendered)`,
      `navigation not rendered: no link to ${unlisted.slice(0, 3).map(show).join(', ')}${unlisted.length > 3 ? ', …' : ''}`,
      'chromium',
    );
  }
});

// 2. Every built HTML file, statically.
const files = htmlFiles(site);
let staticLinks = 0;
for (const file of files)
  staticLinks += checkPage(readFileSync(file, 'utf8'), file, undefined, externalStatic, 'static');

// Report.
const externalAll = new Set([...externalRendered.keys(), ...externalStatic.keys()]);
if (externalAll.size) {
  const onRendered = (url) => (externalRendered.has(url) ? ' (on a rendered page)' : '');
  console.log(`check-docs-site: ${externalAll.size} external link(s), listed, not fetched:`);
  for (const url of [...externalAll].sort()) console.log(`  ${url}${onRendered(url)}`);
}
if (broken.size) {
  console.error(`check-docs-site: ${broken.size} broken internal link(s):`);
  for (const [where, { reason, modes }] of [...broken].sort(([a], [b]) => a.localeCompare(b))) {
    console.error(`  ${where}: ${reason} [${[...modes].join(', ')}]`);
  }
}
const timing = `${((Date.now() - started) / 1000).toFixed(1)} s, Chromium ${(chromiumMs / 1000).toFixed(1)} s${
  chromium.installMs ? `, install ${(chromium.installMs / 1000).toFixed(1)} s` : ''
}`;
const counts = `${pages.length} pages rendered in Chromium (${renderedLinks} links), ${files.length} HTML files scanned (${staticLinks} links), ${externalAll.size} external links not fetched`;
console.log(
  broken.size
    ? `docs-site: FAILED — ${broken.size} broken internal link(s); ${counts} (${timing})`
    : `docs-site: OK — 0 broken internal links; ${counts} (${timing})`,
);
process.exit(broken.size ? 1 : 0);
