// @ts-check
// resolve() benchmarks, in one run with a bare Map.get and the AI SDK's provider registry. `pnpm bench` runs it.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createRegistry, createRouteResolver } from '@codewhale/core';
import { createProviderRegistry } from 'ai';
import { bench, do_not_optimize, run, summary } from 'mitata';
import { firstPartyPlugins } from './first-party-plugins.mjs';
import { generatedCatalog } from './generated-catalog.mjs';

const TARGET_SMALL_NS = 1_000;
const TARGET_SCALE = 1.2;
// Uncached (`cache: false`): explicit and default at most 5 µs; auto at 10,000 offerings at most 2x the first-party time.
const TARGET_UNCACHED_NS = 5_000;
const TARGET_UNCACHED_AUTO_SCALE = 2;

// --- Setup (outside timing) ---------------------------------------------------------------------
const catalogs = {
  small: createRegistry({ plugins: firstPartyPlugins().plugins }),
  large: createRegistry({ plugins: generatedCatalog().plugins }),
};

/** The three request kinds, with a wire id taken from the middle of Together's offerings. */
function requestsFor(/** @type {ReturnType<typeof createRegistry>} */ registry) {
  const offerings = registry.findProvider('together')?.offerings ?? [];
  const wire = offerings[Math.floor(offerings.length / 2)]?.wireId;
  if (!wire) throw new Error('no together offering');
  return {
    explicit: () => ({ provider: 'together', model: wire }),
    default: () => ({ provider: 'together' }),
    auto: () => ({ provider: 'together', model: 'auto', purpose: 'summary' }),
  };
}

/** @type {Record<string, number>} */
const offeringCounts = {};
/** @type {Record<string, number>} */
const activeOfferings = {};
/** @type {Record<string, number>} */
const firstAutoNs = {};
const cases = [];
for (const [size, registry] of Object.entries(catalogs)) {
  offeringCounts[size] = registry.providers().reduce((sum, provider) => sum + provider.offerings.length, 0);
  activeOfferings[size] = registry.provider('together').offerings.length;
  const requests = requestsFor(registry);
  // The first auto resolve on a registry builds its auto index for the provider (kept with the registry): one sample.
  const started = process.hrtime.bigint();
  const first = createRouteResolver({ registry, cache: false }).resolve(requests.auto());
  firstAutoNs[size] = Number(process.hrtime.bigint() - started);
  if (!first.ok) throw new Error(`${size} auto: ${first.error.message}`);
  for (const cached of [true, false]) {
    const resolver = createRouteResolver({ registry, cache: cached });
    for (const [kind, make] of Object.entries(requests)) {
      const result = resolver.resolve(make());
      if (!result.ok) throw new Error(`${size} ${kind}: ${result.error.message}`);
      cases.push({ name: `resolve ${kind} ${size}${cached ? '' : ' uncached'}`, run: () => resolver.resolve(make()) });
    }
  }
}

// Warm every case, small and large alternating, before anything is timed: the real plugins' offerings and the generated
// ones have different object shapes, so code first optimised on one catalog is re-optimised when the other arrives.
// Warmed together, both sizes are timed with the same optimised code (otherwise the first-timed size looks faster).
for (let round = 0; round < 20; round++) for (const entry of cases) for (let call = 0; call < 250; call++) entry.run();

// Baseline 1: a bare Map.get with a precomputed key, over 10,000 entries.
const map = new Map(Array.from({ length: 10_000 }, (_, index) => [`together:org/model-${index}`, { index }]));
const mapKey = 'together:org/model-5000';

// Baseline 2: the AI SDK's provider registry over 7 OpenAI-compatible providers.
const hosts = {
  deepseek: 'https://api.deepseek.com',
  together: 'https://api.together.xyz/v1',
  nim: 'https://integrate.api.nvidia.com/v1',
  hf: 'https://router.huggingface.co/v1',
  sglang: 'http://127.0.0.1:30000/v1',
  vllm: 'http://127.0.0.1:8000/v1',
  ollama: 'http://127.0.0.1:11434/v1',
};
const aiRegistry = createProviderRegistry(
  Object.fromEntries(
    Object.entries(hosts).map(([name, baseURL]) => [
      name,
      createOpenAICompatible({ name, baseURL, apiKey: 'bench-not-a-key' }),
    ]),
  ),
);

// --- Benchmarks -----------------------------------------------------------------------------------
summary(() => {
  for (const entry of cases) bench(entry.name, entry.run);
  bench('Map.get (precomputed key, 10,000 entries)', () => do_not_optimize(map.get(mapKey)));
  bench('AI SDK registry.languageModel (7 providers)', () =>
    aiRegistry.languageModel('together:deepseek-ai/DeepSeek-V4-Pro'),
  );
});

const { benchmarks } = await run();

// Uncached small and large interleaved in the same rounds (after mitata): load on a shared machine drifts between
// mitata's back-to-back benchmarks, and alternating cancels most of that drift out of the large / small ratio.
const ROUNDS = 41;
const CALLS = 1_000;
/** @type {Record<string, { small: number, large: number }>} */
const interleaved = {};
for (const kind of ['explicit', 'default', 'auto']) {
  const runs = {
    small: cases.find((entry) => entry.name === `resolve ${kind} small uncached`)?.run,
    large: cases.find((entry) => entry.name === `resolve ${kind} large uncached`)?.run,
  };
  if (!runs.small || !runs.large) throw new Error(`no uncached ${kind} case`);
  /** @type {{ small: number[], large: number[] }} */
  const samples = { small: [], large: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of /** @type {const} */ (['small', 'large'])) {
      const started = process.hrtime.bigint();
      for (let call = 0; call < CALLS; call++) do_not_optimize(runs[size]());
      samples[size].push(Number(process.hrtime.bigint() - started) / CALLS);
    }
  }
  const mid = (/** @type {number[]} */ values) =>
    [...values].sort((left, right) => left - right)[values.length >> 1] ?? Number.NaN;
  interleaved[kind] = { small: mid(samples.small), large: mid(samples.large) };
}

// --- Summary --------------------------------------------------------------------------------------
/** @param {string} name */
function median(name) {
  const stats = benchmarks.find((trial) => trial.alias === name)?.runs[0]?.stats;
  if (!stats) throw new Error(`no stats for ${name}`);
  return stats.p50;
}
const format = (/** @type {number} */ ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
const mapNs = median('Map.get (precomputed key, 10,000 entries)');
const aiNs = median('AI SDK registry.languageModel (7 providers)');

console.log('');
console.log(
  `Summary (medians; Node ${process.version}; small = ${offeringCounts.small} offerings, ${activeOfferings.small} at together; large = ${offeringCounts.large}, ${activeOfferings.large} at together)`,
);
console.log(`  Map.get                          ${format(mapNs)}`);
console.log(`  AI SDK languageModel             ${format(aiNs)}`);
const verdicts = [];
const uncached = [];
for (const kind of ['explicit', 'default', 'auto']) {
  for (const suffix of ['', ' uncached']) {
    const small = median(`resolve ${kind} small${suffix}`);
    const large = median(`resolve ${kind} large${suffix}`);
    console.log(
      `  resolve ${`${kind}${suffix}`.padEnd(18)} small ${format(small).padStart(10)}   large ${format(large).padStart(10)}   large/small ${(large / small).toFixed(2)}   /Map.get ${(small / mapNs).toFixed(1)}   AI SDK/this ${(aiNs / small).toFixed(0)}`,
    );
    if (suffix === '') verdicts.push({ kind, small, large });
    else uncached.push({ kind, small, large });
  }
}
console.log(
  `  first auto on a registry (builds the index, 1 sample): small ${format(firstAutoNs.small)}, large ${format(firstAutoNs.large)}`,
);
console.log(`  uncached, small and large interleaved (${ROUNDS} rounds of ${CALLS} calls, medians):`);
for (const [kind, { small, large }] of Object.entries(interleaved)) {
  console.log(
    `    ${kind.padEnd(8)} small ${format(small).padStart(10)}   large ${format(large).padStart(10)}   large/small ${(large / small).toFixed(2)}`,
  );
}
console.log('');
console.log(`Targets (cached resolver, the default)`);
for (const { kind, small, large } of verdicts) {
  const smallMet = small <= TARGET_SMALL_NS;
  const scaleMet = large / small <= TARGET_SCALE;
  console.log(
    `  ${kind.padEnd(8)} small <= 1 µs: ${smallMet ? 'MET' : 'NOT MET'} (${format(small)});  large <= ${TARGET_SCALE}x small: ${scaleMet ? 'MET' : 'NOT MET'} (${(large / small).toFixed(2)}x)`,
  );
}
console.log('');
console.log('Targets (uncached: cache: false, every call runs the whole resolution)');
for (const { kind, small, large } of uncached) {
  if (kind === 'auto') {
    const met = large / small <= TARGET_UNCACHED_AUTO_SCALE;
    console.log(
      `  ${kind.padEnd(8)} large <= ${TARGET_UNCACHED_AUTO_SCALE}x small: ${met ? 'MET' : 'NOT MET'} (${(large / small).toFixed(2)}x: ${format(small)} -> ${format(large)})`,
    );
  } else {
    const met = Math.max(small, large) <= TARGET_UNCACHED_NS;
    console.log(
      `  ${kind.padEnd(8)} <= 5 µs: ${met ? 'MET' : 'NOT MET'} (small ${format(small)}, large ${format(large)})`,
    );
  }
}
console.log(
  `  (interleaved: auto large/small ${(interleaved.auto.large / interleaved.auto.small).toFixed(2)}x; explicit ${format(Math.max(interleaved.explicit.small, interleaved.explicit.large))}, default ${format(Math.max(interleaved.default.small, interleaved.default.large))} at most)`,
);
