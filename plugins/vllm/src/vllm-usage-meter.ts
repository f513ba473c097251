import type { UsageMeterPart } from '@codewhale/core';

/** vLLM's meter: always `local` (your own GPUs, never "free"). No live read: vLLM has no per-account usage API. */
export const vllmUsageMeter: UsageMeterPart = {
  describe: () => ({ kind: 'local' }),
};
