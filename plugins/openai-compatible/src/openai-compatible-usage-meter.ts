import type { UsageMeter, UsageMeterPart } from '@codewhale/core';
import type { ResolvedOpenAICompatibleSettings } from './openai-compatible-settings.js';

/** The meter you configured, on the endpoint you configured; otherwise `unknown` with the reason. */
export function createOpenAICompatibleUsageMeter(settings: ResolvedOpenAICompatibleSettings<string>): UsageMeterPart {
  const unpriced: UsageMeter = { kind: 'unknown', reason: `no price configured for ${settings.displayName}` };
  return {
    describe(context) {
      if (!context.endpoint.official)
        return {
          kind: 'unknown',
          reason: `the meter configured for ${settings.displayName} applies only at ${settings.baseUrl}`,
        };
      return settings.meter ?? unpriced;
    },
  };
}
