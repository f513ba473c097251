import { defineConfig } from 'vitest/config';

// The test run StrykerJS mutates against (pnpm test:mutation): the unit tests without the type tests and without the
// tests that read the built dist/ or the source text (they execute none of src/, so no mutant can change their result).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/package-exports.test.ts', 'src/no-provider-branches.test.ts', 'src/zod-free-runtime.test.ts'],
    typecheck: { enabled: false },
    // Property and model-based tests make a tenth of their runs, with a fixed seed (src/__fixtures__/property-runs.ts):
    // they cover most mutants and made up 77 of the suite's 80 s, each rerun for every mutant they cover.
    env: { CODEWHALE_PROPERTY_RUNS_DIVISOR: '10' },
    setupFiles: ['src/__fixtures__/mutation-setup.ts'],
  },
});
