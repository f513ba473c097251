import type { UsageMeter, UsageMeterPart } from '@codewhale/core';

/**
 * Catalog prices apply only on Together's official endpoints (core enforces this too). Together has no public balance
 * or credits endpoint (PROVIDERS.md section 2), so there is no live read.
 */
export const togetherUsageMeter: UsageMeterPart = {
  describe(context): UsageMeter {
    if (!context.endpoint.official)
      return {
        kind: 'unknown',
        reason: "custom endpoint: Together's catalog prices apply only on api.together.xyz / api.together.ai",
      };
    if (!context.offering)
      return {
        kind: 'unknown',
        reason:
          "not in Together's catalog: Together prices it on its model pages and in /models (pricing.input/output)",
      };
    return context.offering.meter;
  },
};
