// @ts-check
// Cold start of the codewhale-route CLI: `explain` on the bundled catalog in fresh processes, against a bare
// `node -e 0` measured in the same run (interleaved, same machine state). `pnpm bench` runs it after the build.
// The throw-away home's cache directory holds Node's compile cache of the CLI (written by the warm-up rounds), as a
// user's would after their first command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 31);
const WARMUP = 3;
const TARGET = 1.5;
const bin = fileURLToPath(new URL('../../packages/cli/dist/codewhale-route.cjs', import.meta.url));
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run \`pnpm bench\` from the repository root (it builds first).`);

// A throw-away home: no config file, an empty live cache, no keys; nothing touches the network.
const home = mkdtempSync(join(tmpdir(), 'codewhale-cli-bench-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  XDG_CONFIG_HOME: join(home, 'config'),
  XDG_CACHE_HOME: join(home, 'cache'),
  CODEWHALE_CACHE_DIR: join(home, 'live'),
  LANG: 'C.UTF-8',
};

// The same home with a config file, for the case that reads one (it loads the TOML parser and the config schema).
const configured = join(home, 'configured.toml');
mkdirSync(home, { recursive: true });
writeFileSync(configured, 'provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
// A config with a custom OpenAI-compatible endpoint: its plugin is made and schema-checked at run time (zod).
const custom = join(home, 'custom.toml');
writeFileSync(custom, '[providers.lmstudio]\nbase_url = "http://127.0.0.1:1234/v1"\n');

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  {
    name: 'codewhale-route explain',
    args: [bin, 'explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'],
  },
  {
    name: 'codewhale-route resolve --json',
    args: [bin, 'resolve', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro', '--json'],
  },
  { name: 'codewhale-route --version', args: [bin, '--version'] },
  {
    name: 'codewhale-route explain (with a config file)',
    args: [bin, 'explain'],
    env: { CODEWHALE_CONFIG: configured },
  },
  {
    name: 'codewhale-route explain (config with a custom endpoint)',
    args: [bin, 'explain', '--provider', 'lmstudio', '--model', 'qwen3-coder'],
    env: { CODEWHALE_CONFIG: custom },
  },
  // What Node's compile cache buys (the launcher turns it on; this is every start without it, e.g. the very first).
  {
    name: 'codewhale-route explain (compile cache off)',
    args: [bin, 'explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'],
    env: { NODE_DISABLE_COMPILE_CACHE: '1' },
  },
];

/** Wall time of one fresh process, in ms. */
function once(args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const times = cases.map(() => /** @type {number[]} */ ([]));
for (let round = 0; round < WARMUP + RUNS; round++) {
  // Interleaved: every case sees the same machine state in each round.
  cases.forEach((item, index) => {
    const elapsed = once(item.args, item.env);
    if (round >= WARMUP) times[index]?.push(elapsed);
  });
}
rmSync(home, { recursive: true, force: true });

const sorted = (values) => [...values].sort((a, b) => a - b);
const quantile = (values, q) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const medians = times.map((values) => quantile(values, 0.5));
const base = medians[0] ?? NaN;

console.log(
  `CLI cold start: ${RUNS} fresh processes per case (after ${WARMUP} warm-up rounds), interleaved; Node ${process.version}`,
);
console.log('');
console.log('| case | median | p25 | p75 | / node -e 0 |');
console.log('| --- | ---: | ---: | ---: | ---: |');
cases.forEach((item, index) => {
  const values = times[index] ?? [];
  console.log(
    `| \`${item.name}\` | ${(medians[index] ?? NaN).toFixed(1)} ms | ${quantile(values, 0.25).toFixed(1)} ms | ${quantile(values, 0.75).toFixed(1)} ms | ${((medians[index] ?? NaN) / base).toFixed(2)}× |`,
  );
});
const ratio = (medians[1] ?? NaN) / base;
console.log('');
console.log(
  `explain / node -e 0 = ${ratio.toFixed(2)}× (target at most ${TARGET}×: ${ratio <= TARGET ? 'met' : 'NOT met'})`,
);
