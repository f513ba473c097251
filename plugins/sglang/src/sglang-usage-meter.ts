import type { UsageMeterPart } from '@codewhale/core';

/** SGLang's meter: always `local` (your own GPUs, never "free"). No live read: SGLang has no usage API. */
export const sglangUsageMeter: UsageMeterPart = {
  describe: () => ({ kind: 'local' }),
};
