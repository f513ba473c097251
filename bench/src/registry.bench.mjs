// @ts-check
// Registry construction benchmarks. Run with `pnpm bench` from the repository root (builds first).
import { createRegistry } from '@codewhale/core';
import { bench, run } from 'mitata';
import { firstPartyPlugins as realFirstPartyPlugins } from './first-party-plugins.mjs';
import { generatedCatalog } from './generated-catalog.mjs';

const TARGET_RATIO = 1.5;
const TARGET_FIRST_PARTY_MS = 3;

// --- Setup (outside timing) ---------------------------------------------------------------------
const firstParty = realFirstPartyPlugins();
const generated = generatedCatalog();
// The same data the 10k plugins hold (descriptors, offerings, model profiles), without their functions.
const generatedJson = JSON.stringify(generated.data);

// One cold call (first createRegistry in this process, before any warm-up): informative only.
const started = performance.now();
const firstPartyRegistry = createRegistry({ plugins: firstParty.plugins });
const coldFirstPartyMs = performance.now() - started;

/** Sanity checks: both catalogs are valid and complete, and the JSON holds exactly the plugins' data. */
function checkCatalogs() {
  const generatedRegistry = createRegistry({ plugins: generated.plugins });
  const countOfferings = (/** @type {ReturnType<typeof createRegistry>} */ registry) =>
    registry.providers().reduce((sum, provider) => sum + provider.offerings.length, 0);
  if (countOfferings(firstPartyRegistry) !== firstParty.offeringCount)
    throw new Error('first-party catalog lost offerings');
  if (countOfferings(generatedRegistry) !== 10_000 || generated.offeringCount !== 10_000)
    throw new Error('generated catalog is not 10,000 offerings');
  if (firstPartyRegistry.models().length !== firstParty.modelCount)
    throw new Error('first-party catalog lost model profiles');
  const reparsed = JSON.parse(generatedJson);
  for (const [index, plugin] of generated.plugins.entries()) {
    const { spec, id, version, descriptor, offerings, models } = plugin;
    if (JSON.stringify({ spec, id, version, descriptor, offerings, models }) !== JSON.stringify(reparsed[index])) {
      throw new Error(`JSON text differs from the data of plugin ${id}`);
    }
  }
}
// Run in a function so the registries and the parsed copy built here are garbage before timing starts.
checkCatalogs();

const firstPartyPlugins = firstParty.plugins;
const generatedPlugins = generated.plugins;

// --- Benchmarks -----------------------------------------------------------------------------------
// Plugins are frozen by definePlugin and createRegistry keeps no per-object cache, so the same plugin
// objects are reused across iterations: each iteration validates and indexes everything from scratch.
const NAMES = {
  firstParty: `createRegistry first-party (${firstPartyPlugins.length} plugins, ${firstParty.offeringCount} offerings, ${firstParty.modelCount} models)`,
  generated: `createRegistry generated (${generatedPlugins.length} plugins, 10,000 offerings)`,
  parse: `JSON.parse same 10,000-offering data (${(generatedJson.length / 1e6).toFixed(1)} MB)`,
};
bench(NAMES.firstParty, () => createRegistry({ plugins: firstPartyPlugins }));
bench(NAMES.generated, () => createRegistry({ plugins: generatedPlugins }));
bench(NAMES.parse, () => JSON.parse(generatedJson));

const { benchmarks } = await run();

// --- Summary --------------------------------------------------------------------------------------
/** @param {string} name */
function statsOf(name) {
  const trial = benchmarks.find((candidate) => candidate.alias === name);
  const stats = trial?.runs[0]?.stats;
  if (!stats) throw new Error(`no stats for ${name}: ${String(trial?.runs[0]?.error ?? 'not run')}`);
  return stats;
}
const ms = (/** @type {number} */ ns) => ns / 1e6;
const firstPartyStats = statsOf(NAMES.firstParty);
const generatedStats = statsOf(NAMES.generated);
const parseStats = statsOf(NAMES.parse);

const ratioMedian = generatedStats.p50 / parseStats.p50;
const ratioAvg = generatedStats.avg / parseStats.avg;
const firstPartyMedianMs = ms(firstPartyStats.p50);
const ratioMet = ratioMedian <= TARGET_RATIO;
const firstPartyMet = firstPartyMedianMs < TARGET_FIRST_PARTY_MS;

const line = (/** @type {string} */ label, /** @type {{ p50: number, avg: number, samples: number[] }} */ stats) =>
  `  ${label.padEnd(30)} median ${ms(stats.p50).toFixed(3).padStart(9)} ms   avg ${ms(stats.avg).toFixed(3).padStart(9)} ms   (${stats.samples.length} samples)`;

console.log('');
console.log(`Summary (median = mitata p50; Node ${process.version}, ${process.platform}/${process.arch})`);
console.log(line('createRegistry first-party', firstPartyStats));
console.log(line('createRegistry 10k', generatedStats));
console.log(line('JSON.parse 10k', parseStats));
console.log(`  first-party cold first call:   ${coldFirstPartyMs.toFixed(3)} ms (single sample, informative)`);
console.log(
  `  ratio createRegistry(10k) / JSON.parse(10k): ${ratioMedian.toFixed(2)} (medians), ${ratioAvg.toFixed(2)} (averages)`,
);
console.log('');
console.log('Targets');
console.log(
  `  10k offerings <= ${TARGET_RATIO.toFixed(2)}x JSON.parse: ${ratioMet ? 'MET' : 'NOT MET'} (${ratioMedian.toFixed(2)}x, medians)`,
);
console.log(
  `  first-party < ${TARGET_FIRST_PARTY_MS} ms: ${firstPartyMet ? 'MET' : 'NOT MET'} (${firstPartyMedianMs.toFixed(3)} ms, median)`,
);
