import type { MeterContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { huggingfaceOfferings } from './huggingface-offerings.js';
import { huggingfaceUsageMeter } from './huggingface-usage-meter.js';

const v4Pro = { ...huggingfaceOfferings.find((offering) => offering.default === true)!, provider: 'huggingface' };
const at = (baseUrl: string, official: boolean, offering: MeterContext['offering']): MeterContext => ({
  providerId: 'huggingface',
  offering,
  endpoint: { key: 'chat', baseUrl, official },
});
const UPSTREAM = 'price depends on the upstream provider (:provider suffix); see the live listing';

describe('huggingfaceUsageMeter', () => {
  it('every offering is unknown: the price is the upstream’s', () => {
    expect(huggingfaceUsageMeter.describe(at('https://router.huggingface.co/v1', true, v4Pro))).toEqual({
      kind: 'unknown',
      reason: UPSTREAM,
    });
    for (const offering of huggingfaceOfferings) expect(offering.meter).toEqual({ kind: 'unknown', reason: UPSTREAM });
  });

  it('an id outside the catalog is unknown', () => {
    expect(huggingfaceUsageMeter.describe(at('https://router.huggingface.co/v1', true, undefined))).toEqual({
      kind: 'unknown',
      reason: 'not in the catalog; the price depends on the upstream provider (see the live listing)',
    });
  });

  it('a custom endpoint is unknown', () => {
    expect(huggingfaceUsageMeter.describe(at('https://hf-proxy.example.com/v1', false, v4Pro))).toEqual({
      kind: 'unknown',
      reason: 'custom endpoint: the Hugging Face router catalog applies only on router.huggingface.co',
    });
  });
});
