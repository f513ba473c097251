import { isLoopbackHost, normalizeBaseUrl, type UsageMeter, type UsageMeterPart } from '@codewhale/core';

/**
 * Hosted NIM is billed in build.nvidia.com credits with no price or balance API, so every hosted offering's meter is
 * `unknown` (PROVIDERS.md section 3a). A self-hosted container on this machine runs on your own hardware (`local`);
 * any other custom URL (a container elsewhere, or a proxy) is `unknown`.
 */
export const nvidiaNimUsageMeter: UsageMeterPart = {
  describe(context): UsageMeter {
    if (!context.endpoint.official) {
      const url = normalizeBaseUrl(context.endpoint.baseUrl);
      if (url && isLoopbackHost(url.hostname))
        return { kind: 'local', note: 'a self-hosted NIM container on this machine: it runs on your own hardware' };
      return {
        kind: 'unknown',
        reason: 'custom endpoint (a self-hosted NIM container or a proxy): no catalog price applies',
      };
    }
    if (!context.offering)
      return { kind: 'unknown', reason: 'not in the NIM catalog; NVIDIA publishes no price API for the hosted models' };
    return context.offering.meter;
  },
};
