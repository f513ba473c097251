// Test-only: the set-up of mutation runs (vitest.stryker.config.ts). fast-check's seed is fixed, so that the shortened
// property tests (see property-runs.ts) try the same cases for every mutant: a result never depends on luck.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_261_203 });
