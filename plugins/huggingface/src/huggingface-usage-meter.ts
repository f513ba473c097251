import type { UsageMeter, UsageMeterPart } from '@codewhale/core';

/**
 * Prices on the router are the upstream provider's, set per (model, provider) and reported live in `/models`, so no
 * offering has a single catalog price. HF documents no balance API (credits are on huggingface.co/settings/billing).
 */
export const huggingfaceUsageMeter: UsageMeterPart = {
  describe(context): UsageMeter {
    if (!context.endpoint.official)
      return {
        kind: 'unknown',
        reason: 'custom endpoint: the Hugging Face router catalog applies only on router.huggingface.co',
      };
    if (!context.offering)
      return {
        kind: 'unknown',
        reason: 'not in the catalog; the price depends on the upstream provider (see the live listing)',
      };
    return context.offering.meter;
  },
};
