import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,mjs}'],
    // The host runs as a child process against a loopback server: give it room on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
