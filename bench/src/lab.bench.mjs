// @ts-check
// The Model Lab (issue 20): (a) what it ships, gzip -9 size of every file under packages/cli/dist/lab/ (target: at
// most 200 KB in all); (b) first paint of the page in headless Chromium, each load in a fresh incognito context so
// nothing is cached, measured from the start of the navigation to the token address (so it includes the redirect that
// sets the session cookie): 3 warm-up loads, then 21 measured; median and p90 (target: first paint at most 300 ms).
// Needs the built CLI (`pnpm turbo run build --filter=@codewhale/cli`) and a Chromium (CODEWHALE_CHROMIUM, else
// /usr/bin/chromium or /usr/bin/chromium-browser). Run: `node src/lab.bench.mjs`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WARMUP = 3;
const RUNS = Number(process.env.LAB_BENCH_RUNS ?? 21);
const SIZE_TARGET = 200 * 1024;
const PAINT_TARGET_MS = 300;

const cliDir = fileURLToPath(new URL('../../packages/cli/', import.meta.url));
const bin = join(cliDir, 'dist', 'codewhale-route.cjs');
const labDir = join(cliDir, 'dist', 'lab');
if (!existsSync(bin) || !existsSync(join(labDir, 'index.html')))
  throw new Error(`${labDir} is missing: build the CLI first (pnpm turbo run build --filter=@codewhale/cli).`);

// (a) Shipped assets.
/** @param {string} dir @returns {string[]} */
const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const assets = filesUnder(labDir)
  .map((file) => {
    const raw = readFileSync(file);
    return { file: relative(labDir, file), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
const gzipTotal = assets.reduce((sum, asset) => sum + asset.gzip, 0);
const rawTotal = assets.reduce((sum, asset) => sum + asset.raw, 0);

// (b) First paint. puppeteer-core is a devDependency of packages/cli: resolve it from there (no browser download).
const requireFromCli = createRequire(join(cliDir, 'package.json'));
/** @type {typeof import('puppeteer-core').default} */
const puppeteer = requireFromCli('puppeteer-core');
const chromium = [process.env.CODEWHALE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate !== undefined && candidate !== '' && existsSync(candidate),
);
if (chromium === undefined)
  throw new Error('No Chromium found: set CODEWHALE_CHROMIUM, or install it (apt-get install chromium).');

// A throw-away home: no config, no keys, an empty ledger; the page asks only for local files on load.
const home = mkdtempSync(join(tmpdir(), 'codewhale-lab-bench-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  XDG_CONFIG_HOME: join(home, 'config'),
  XDG_CACHE_HOME: join(home, 'cache'),
  CODEWHALE_CACHE_DIR: join(home, 'live'),
  CODEWHALE_STATE_DIR: join(home, 'state'),
  LANG: 'C.UTF-8',
};
const lab = spawn(process.execPath, [bin, 'lab', '--port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let labOut = '';
let labErr = '';
lab.stderr.on('data', (chunk) => (labErr += chunk));
/** @type {string} */
const url = await new Promise((resolve, reject) => {
  lab.stdout.on('data', (chunk) => {
    labOut += chunk;
    const newline = labOut.indexOf('\n');
    if (newline >= 0) resolve(JSON.parse(labOut.slice(0, newline)).url);
  });
  lab.once('close', (code) => reject(new Error(`lab exited (${code}) before listening:\n${labOut}\n${labErr}`)));
});

const profile = mkdtempSync(join(tmpdir(), 'codewhale-lab-bench-chromium-'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: profile,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
  defaultViewport: { width: 1280, height: 900 },
});

/** One load in a fresh incognito context: first-paint and first-contentful-paint in ms since navigation start. */
async function load() {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="lab-nav"]');
    // Paint entries can trail the load event by a frame.
    await page.waitForFunction(() => performance.getEntriesByType('paint').length >= 2, { timeout: 30_000 });
    /** @type {Record<string, number>} */
    const paints = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('paint').map((entry) => [entry.name, entry.startTime])),
    );
    const fp = paints['first-paint'];
    const fcp = paints['first-contentful-paint'];
    if (fp === undefined || fcp === undefined) throw new Error(`no paint entries: ${JSON.stringify(paints)}`);
    return { fp, fcp };
  } finally {
    await context.close();
  }
}

try {
  for (let round = 0; round < WARMUP; round++) await load();
  /** @type {{ fp: number; fcp: number }[]} */
  const loads = [];
  for (let round = 0; round < RUNS; round++) loads.push(await load());

  /** @param {number[]} values @param {number} q */
  const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  };
  const fps = loads.map((item) => item.fp);
  const fcps = loads.map((item) => item.fcp);
  const fpMedian = quantile(fps, 0.5);
  const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

  console.log('');
  console.log(`Summary (Node ${process.version}, ${(await browser.version()).trim()})`);
  console.log('  shipped assets (dist/lab/), gzip -9:');
  for (const asset of assets) console.log(`    ${asset.file}: ${kb(asset.raw)} raw, ${kb(asset.gzip)} gzip`);
  console.log(
    `  total: ${kb(rawTotal)} raw, ${kb(gzipTotal)} gzip  (target <= ${kb(SIZE_TARGET)}: ${gzipTotal <= SIZE_TARGET ? 'MET' : 'NOT MET'})`,
  );
  console.log(
    `  first paint, ${RUNS} loads after ${WARMUP} warm-up, each in a fresh incognito context (ms since the navigation to the token address, redirect included):`,
  );
  console.log(
    `    first-paint median ${fpMedian.toFixed(1)} ms, p90 ${quantile(fps, 0.9).toFixed(1)} ms  (target median <= ${PAINT_TARGET_MS} ms: ${fpMedian <= PAINT_TARGET_MS ? 'MET' : 'NOT MET'})`,
  );
  console.log(
    `    first-contentful-paint median ${quantile(fcps, 0.5).toFixed(1)} ms, p90 ${quantile(fcps, 0.9).toFixed(1)} ms`,
  );
} finally {
  await browser.close();
  lab.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
