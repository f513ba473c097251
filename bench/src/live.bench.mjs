// @ts-check
// Live data benchmarks: discovery of 8 loopback endpoints with staggered delays vs the slowest single endpoint, and a
// cache snapshot (a "cache hit" for every provider) vs the 1 ms target. `pnpm bench` runs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@codewhale/core';
import { createLiveCache, discover } from '@codewhale/node';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { bench, do_not_optimize, run } from 'mitata';
import { median } from './stats.mjs';

const DELAYS_MS = [40, 80, 120, 160, 200, 240, 280, 320];
const ROUNDS = 15;
const listing = readFileSync(new URL('../../packages/node/src/__fixtures__/vllm-models.json', import.meta.url), 'utf8');

/** A loopback endpoint answering /v1/models after `delay` ms. */
function serve(delay) {
  const server = createServer((_request, response) =>
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(listing), delay),
  );
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers = await Promise.all(DELAYS_MS.map(serve));
// Eight copies of one runtime: each owns its own names (the registry refuses two providers sharing an env var).
const plugins = servers.map((_, index) => ({
  ...vllmPlugin,
  id: `vllm-${index}`,
  descriptor: {
    ...vllmPlugin.descriptor,
    id: `vllm-${index}`,
    auth: { ...vllmPlugin.descriptor.auth, envVars: [`VLLM_${index}_API_KEY`] },
    env: {},
  },
}));
const registry = createRegistry({ plugins });
const config = {
  providers: Object.fromEntries(
    servers.map((server, index) => [`vllm-${index}`, { base_url: `http://127.0.0.1:${server.address().port}/v1` }]),
  ),
};
const dir = mkdtempSync(join(tmpdir(), 'codewhale-bench-'));
const cache = createLiveCache({ dir });

async function timeDiscovery(providers) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const results = await discover({ registry, config, cache, providers, concurrency: 8 });
    samples.push(performance.now() - started);
    if (results.some((result) => result.status !== 'ok')) throw new Error('discovery failed');
  }
  return median(samples);
}

const slowestId = `vllm-${DELAYS_MS.indexOf(Math.max(...DELAYS_MS))}`;
await timeDiscovery([slowestId]); // warm-up (JIT, first connections)
const slowest = await timeDiscovery([slowestId]);
const all = await timeDiscovery(undefined);

// A cache hit for all providers: one snapshot reads all 8 files and answers a look-up.
const firstUrl = config.providers['vllm-0'].base_url;
bench('cache snapshot of 8 providers + look-up', () =>
  do_not_optimize(cache.snapshot().model('vllm-0', firstUrl, 'seongil-dn/bge-m3-3800_steps_v2_234')),
);
const { benchmarks } = await run();
const snapshotMs = benchmarks[0].runs[0].stats.p50 / 1e6;

for (const server of servers) server.close();
rmSync(dir, { recursive: true, force: true });

console.log('');
console.log(`Summary (medians of ${ROUNDS} rounds; Node ${process.version})`);
console.log(`  discover, slowest single endpoint (${Math.max(...DELAYS_MS)} ms delay): ${slowest.toFixed(1)} ms`);
console.log(`  discover, all 8 endpoints (delays ${DELAYS_MS.join('/')} ms): ${all.toFixed(1)} ms`);
console.log(
  `  ratio all / slowest: ${(all / slowest).toFixed(2)}  (target <= 1.20: ${all / slowest <= 1.2 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `  cache hit for all providers (snapshot of 8 files + look-up): ${snapshotMs.toFixed(3)} ms  (target < 1 ms: ${snapshotMs < 1 ? 'MET' : 'NOT MET'})`,
);
