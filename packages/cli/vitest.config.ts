import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // lab-ui/: the Model Lab front end's pure functions (formatters, filters, chart data), run in node.
    include: ['src/**/*.test.ts', 'lab-ui/src/**/*.test.ts'],
    // CLI tests run the built binary as child processes.
    testTimeout: 60_000,
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
