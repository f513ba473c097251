// @ts-check
// Config loading is linear in the file: a command reading a 2,000-key file starts within 3× one reading a 20-key file
// (the warnings for unknown keys used to rescan the file per key: 2,000 keys took 84 s). Measured as a command does it
// (a fresh process importing @codewhale/node and loading the file), and in-process per byte (2,000 vs 200 keys: a linear
// loader costs the same per byte). Also 1,000 provider tables. `node src/config-load.bench.mjs` (after building node).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@codewhale/node';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { median } from './stats.mjs';

const ROUNDS = 15;
const providers = [vllmPlugin.descriptor];
const dir = mkdtempSync(join(tmpdir(), 'codewhale-bench-config-'));

/** A config with `count` unknown keys spread over the root and a provider table (each one is a warning with a line). */
function unknownKeys(count) {
  const lines = ['provider = "vllm"', '[providers.vllm]', 'base_url = "http://127.0.0.1:8000/v1"'];
  for (let index = 0; index < count; index++) lines.push(`unknown_key_${index} = "value ${index}"`);
  return `${lines.join('\n')}\n`;
}

/** A config with `count` provider tables no provider owns (each one is a warning with a line). */
function tables(count) {
  const lines = [];
  for (let index = 0; index < count; index++) lines.push(`[providers.custom-${index}]`, `model = "m-${index}"`, '');
  return `${lines.join('\n')}\n`;
}

async function time(name, text, expectedWarnings) {
  const file = join(dir, `${name}.toml`);
  writeFileSync(file, text);
  const samples = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const started = performance.now();
    const loaded = await loadConfig({ explicit: file, providers });
    const elapsed = performance.now() - started;
    if (loaded.warnings.length !== expectedWarnings)
      throw new Error(`${name}: expected ${expectedWarnings} warnings, got ${loaded.warnings.length}`);
    if (round >= 2) samples.push(elapsed); // two warm-up rounds
  }
  return { ms: median(samples), bytes: Buffer.byteLength(text) };
}

/** A fresh process that imports @codewhale/node and loads the file, as every CLI command does (median wall time). */
function cold(name, text) {
  const file = join(dir, `cold-${name}.toml`);
  writeFileSync(file, text);
  const script = `const { loadConfig } = await import('@codewhale/node'); await loadConfig({ explicit: ${JSON.stringify(file)} });`;
  const samples = [];
  for (let round = 0; round < 9; round++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error(`${name}: the child failed`);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const coldSmall = cold('keys-20', unknownKeys(20));
const coldLarge = cold('keys-2000', unknownKeys(2000));
const mid = await time('keys-200', unknownKeys(200), 200);
const large = await time('keys-2000', unknownKeys(2000), 2000);
const manyTables = await time('tables-1000', tables(1000), 1000);
rmSync(dir, { recursive: true, force: true });

const coldRatio = coldLarge / coldSmall;
const perByte = large.ms / large.bytes / (mid.ms / mid.bytes);
console.log(`Summary (medians; Node ${process.version})`);
console.log(`  a command loading 20 unknown keys (fresh process): ${coldSmall.toFixed(1)} ms`);
console.log(`  a command loading 2,000 unknown keys (fresh process): ${coldLarge.toFixed(1)} ms`);
console.log(`  ratio 2,000 / 20 keys: ${coldRatio.toFixed(2)}  (target <= 3: ${coldRatio <= 3 ? 'MET' : 'NOT MET'})`);
console.log(
  `  loadConfig in-process, 200 keys: ${mid.ms.toFixed(2)} ms (${mid.bytes} bytes); 2,000 keys: ${large.ms.toFixed(2)} ms (${large.bytes} bytes)`,
);
console.log(
  `  cost per byte, 2,000 / 200 keys: ${perByte.toFixed(2)}  (linear: <= 3: ${perByte <= 3 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `  loadConfig in-process, 1,000 unknown provider tables (${manyTables.bytes} bytes): ${manyTables.ms.toFixed(2)} ms`,
);
if (coldRatio > 3 || perByte > 3) process.exitCode = 1;
