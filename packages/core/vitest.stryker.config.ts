import { defineConfig } from 'vitest/config';

// The test run StrykerJS mutates against (pnpm test:mutation): the unit tests without the type tests and without the
// tests that read the built dist/ or the source text (they execute none of src/, so no mutant can change their result).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/package-exports.test.ts', 'src/no-provider-branches.test.ts', 'src/zod-free-runtime.test.ts'],
    typecheck: { enabled: false },
  },
});
