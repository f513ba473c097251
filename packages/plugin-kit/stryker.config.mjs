// Mutation testing of @codewhale/plugin-kit (`pnpm test:mutation`; scores and how to run it: bench/mutation.md).
import { strykerConfig, TEST_FILES } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  mutate: [
    'src/**/*.ts',
    TEST_FILES,
    '!src/**/*.test-d.ts',
    '!src/__test-utils__/**',
    // The barrel and the file that holds only types.
    '!src/index.ts',
    '!src/http/http-client-types.ts',
  ],
  breakBelow: 75,
});
