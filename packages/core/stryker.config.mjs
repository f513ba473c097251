// Mutation testing of @codewhale/core (`pnpm test:mutation`; scores and how to run it: bench/mutation.md).
import { strykerConfig, TEST_FILES } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  mutate: [
    'src/**/*.ts',
    TEST_FILES,
    '!src/**/*.test-d.ts',
    '!src/**/__fixtures__/**',
    // The barrel and the files that hold only types.
    '!src/index.ts',
    '!src/candidate/route-facts.ts',
    '!src/resolver/live-snapshot.ts',
    '!src/resolver/route-request.ts',
    '!src/registry/registry-types.ts',
  ],
  vitestConfig: 'vitest.stryker.config.ts',
  breakBelow: 80,
  // 2,206 of core's 6,569 mutants are static (schemas and tables built when a module loads): each reruns every test
  // that imports its file, about 10 s apiece here, 6 hours in all. One file's: `--ignoreStatic false --mutate <file>`.
  ignoreStatic: true,
});
