import type { MeterContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { nvidiaNimOfferings } from './nvidia-nim-offerings.js';
import { nvidiaNimUsageMeter } from './nvidia-nim-usage-meter.js';

const v4Pro = { ...nvidiaNimOfferings.find((offering) => offering.default === true)!, provider: 'nvidia-nim' };
const at = (baseUrl: string, official: boolean, offering: MeterContext['offering']): MeterContext => ({
  providerId: 'nvidia-nim',
  offering,
  endpoint: { key: 'chat', baseUrl, official },
});
const CREDITS =
  'NVIDIA bills the hosted API in build.nvidia.com credits, lists many models at $0 and publishes no price or balance API.';

describe('nvidiaNimUsageMeter', () => {
  it('hosted offerings are unknown (credit billing, no price API), never 0', () => {
    expect(nvidiaNimUsageMeter.describe(at('https://integrate.api.nvidia.com/v1', true, v4Pro))).toEqual({
      kind: 'unknown',
      reason: CREDITS,
    });
    for (const offering of nvidiaNimOfferings) expect(offering.meter).toEqual({ kind: 'unknown', reason: CREDITS });
  });

  it('an id outside the catalog on the hosted API is unknown', () => {
    expect(nvidiaNimUsageMeter.describe(at('https://integrate.api.nvidia.com/v1', true, undefined)).kind).toBe(
      'unknown',
    );
  });

  it.each(['http://127.0.0.1:8000/v1', 'http://localhost:8000/v1', 'http://[::1]:8000/v1'])(
    'a container on this machine (%s) is local',
    (baseUrl) => {
      expect(nvidiaNimUsageMeter.describe(at(baseUrl, false, undefined))).toEqual({
        kind: 'local',
        note: 'a self-hosted NIM container on this machine: it runs on your own hardware',
      });
    },
  );

  it('any other custom URL is unknown', () => {
    expect(nvidiaNimUsageMeter.describe(at('https://gpu.example.com/v1', false, v4Pro))).toEqual({
      kind: 'unknown',
      reason: 'custom endpoint (a self-hosted NIM container or a proxy): no catalog price applies',
    });
  });
});
