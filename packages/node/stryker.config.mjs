// Mutation testing of @codewhale/node's credential binding and config parsing and editing (`pnpm test:mutation`;
// scores and how to run it: bench/mutation.md).
import { strykerConfig, TEST_FILES } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  mutate: ['src/credentials/**/*.ts', 'src/config/**/*.ts', TEST_FILES, '!src/config/__test-utils__/**'],
  vitestConfig: 'vitest.stryker.config.ts',
  breakBelow: 75,
});
