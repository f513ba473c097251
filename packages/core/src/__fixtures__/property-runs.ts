// Test-only: how many runs the property and model-based tests make, and how often they expect each kind of case.
// A mutation run (vitest.stryker.config.ts sets CODEWHALE_PROPERTY_RUNS_DIVISOR and fixes fast-check's seed) reruns
// these tests for every mutant they cover, so it makes a tenth of the runs: a mutant that only a rarer case would
// catch then counts as survived, never as killed. Every other run makes them all.

const divisor = Number(process.env.CODEWHALE_PROPERTY_RUNS_DIVISOR ?? 1);
const scale = Number.isInteger(divisor) && divisor > 1 ? divisor : 1;

/** The runs a property test makes: `runs`, or `runs / divisor` (at least 50) in a mutation run. */
export function propertyRuns(runs: number): number {
  return scale === 1 ? runs : Math.max(50, Math.ceil(runs / scale));
}

/** How many times at least a kind of case must come up in `runs` (scaled as the runs are). */
export function expectedCases(count: number): number {
  return scale === 1 ? count : Math.floor(count / scale);
}
