// Mutation testing of this plugin's model-id policy and usage meter (`pnpm test:mutation`; scores and how to run it:
// bench/mutation.md).
import { strykerConfig } from '../../scripts/stryker-config.mjs';

export default strykerConfig({
  mutate: ['src/vllm-model-id-policy.ts', 'src/vllm-usage-meter.ts'],
  breakBelow: 75,
});
