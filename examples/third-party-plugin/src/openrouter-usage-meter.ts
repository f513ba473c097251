import type { UsageMeter, UsageMeterPart } from '@codewhale/core';

/**
 * Catalog prices apply only on OpenRouter's official endpoint (core enforces this too). There is no live read:
 * OpenRouter's credits endpoint (`GET /api/v1/credits`) needs a management key, not the inference key a route is
 * bound to (https://openrouter.ai/docs), so this plugin never asks for one.
 */
export const openrouterUsageMeter: UsageMeterPart = {
  describe(context): UsageMeter {
    if (!context.endpoint.official)
      return {
        kind: 'unknown',
        reason: "custom endpoint: OpenRouter's catalog prices apply only on https://openrouter.ai/api/v1",
      };
    if (!context.offering)
      return {
        kind: 'unknown',
        reason:
          "not in this plugin's catalog: OpenRouter reports its price in /models (pricing.prompt/completion, USD per token)",
      };
    return context.offering.meter;
  },
};
