// Mutation testing of this plugin's model-id policy and usage meter (`pnpm test:mutation`; scores and how to run it:
// bench/mutation.md).
import { strykerConfig } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  mutate: ['src/nvidia-nim-model-id-policy.ts', 'src/nvidia-nim-usage-meter.ts'],
  breakBelow: 75,
});
