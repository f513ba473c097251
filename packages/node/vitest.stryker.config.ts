import { defineConfig } from 'vitest/config';

// The test run StrykerJS mutates against (pnpm test:mutation): the unit tests without the crash tests, whose writers
// are child processes that load the built dist/ (no mutant of src/ can change what they do) and take minutes.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.crash.test.ts'],
    testTimeout: 120_000,
    typecheck: { enabled: false },
  },
});
