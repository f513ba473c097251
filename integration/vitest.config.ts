import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Packing and installing tarballs into a temp project takes a while on a 2-core machine.
    testTimeout: 240_000,
  },
});
