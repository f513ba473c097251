// @ts-check
// resolve() benchmarks, in one run with a bare Map.get and the AI SDK's provider registry. `pnpm bench` runs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createRegistry, createRouteResolver } from '@codewhale/core';
import { createProviderRegistry } from 'ai';
import { bench, do_not_optimize, run, summary } from 'mitata';
import { firstPartyLikeCatalog } from './first-party-like-catalog.mjs';
import { generatedCatalog } from './generated-catalog.mjs';

const TARGET_SMALL_NS = 1_000;
const TARGET_SCALE = 1.2;

// --- Setup (outside timing) ---------------------------------------------------------------------
const modelsDir = fileURLToPath(new URL('../../catalog/models/', import.meta.url));
const profiles = readdirSync(modelsDir, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(modelsDir, file), 'utf8')));

const catalogs = {
  small: createRegistry({ plugins: firstPartyLikeCatalog(profiles).plugins }),
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
const cases = [];
for (const [size, registry] of Object.entries(catalogs)) {
  offeringCounts[size] = registry.providers().reduce((sum, provider) => sum + provider.offerings.length, 0);
  const requests = requestsFor(registry);
  for (const cached of [true, false]) {
    const resolver = createRouteResolver({ registry, cache: cached });
    for (const [kind, make] of Object.entries(requests)) {
      const result = resolver.resolve(make());
      if (!result.ok) throw new Error(`${size} ${kind}: ${result.error.message}`);
      cases.push({ name: `resolve ${kind} ${size}${cached ? '' : ' uncached'}`, run: () => resolver.resolve(make()) });
    }
  }
}

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
  Object.fromEntries(Object.entries(hosts).map(([name, baseURL]) => [name, createOpenAICompatible({ name, baseURL, apiKey: 'bench-not-a-key' })])),
);

// --- Benchmarks -----------------------------------------------------------------------------------
summary(() => {
  for (const entry of cases) bench(entry.name, entry.run);
  bench('Map.get (precomputed key, 10,000 entries)', () => do_not_optimize(map.get(mapKey)));
  bench('AI SDK registry.languageModel (7 providers)', () => aiRegistry.languageModel('together:deepseek-ai/DeepSeek-V4-Pro'));
});

const { benchmarks } = await run();

// --- Summary --------------------------------------------------------------------------------------
/** @param {string} name */
function median(name) {
  const stats = benchmarks.find((trial) => trial.alias === name)?.runs[0]?.stats;
  if (!stats) throw new Error(`no stats for ${name}`);
  return stats.p50;
}
const format = (/** @type {number} */ ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const mapNs = median('Map.get (precomputed key, 10,000 entries)');
const aiNs = median('AI SDK registry.languageModel (7 providers)');

console.log('');
console.log(`Summary (medians; Node ${process.version}; small = ${offeringCounts.small} offerings, large = ${offeringCounts.large})`);
console.log(`  Map.get                          ${format(mapNs)}`);
console.log(`  AI SDK languageModel             ${format(aiNs)}`);
const verdicts = [];
for (const kind of ['explicit', 'default', 'auto']) {
  for (const suffix of ['', ' uncached']) {
    const small = median(`resolve ${kind} small${suffix}`);
    const large = median(`resolve ${kind} large${suffix}`);
    console.log(
      `  resolve ${`${kind}${suffix}`.padEnd(18)} small ${format(small).padStart(10)}   large ${format(large).padStart(10)}   large/small ${(large / small).toFixed(2)}   /Map.get ${(small / mapNs).toFixed(1)}   AI SDK/this ${(aiNs / small).toFixed(0)}`,
    );
    if (suffix === '') verdicts.push({ kind, small, large });
  }
}
console.log('');
console.log(`Targets (cached resolver, the default)`);
for (const { kind, small, large } of verdicts) {
  const smallMet = small <= TARGET_SMALL_NS;
  const scaleMet = large / small <= TARGET_SCALE;
  console.log(`  ${kind.padEnd(8)} small <= 1 µs: ${smallMet ? 'MET' : 'NOT MET'} (${format(small)});  large <= ${TARGET_SCALE}x small: ${scaleMet ? 'MET' : 'NOT MET'} (${(large / small).toFixed(2)}x)`);
}
