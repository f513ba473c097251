import type { MeterContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { togetherOfferings } from './together-offerings.js';
import { togetherUsageMeter } from './together-usage-meter.js';

const v4Pro = { ...togetherOfferings.find((offering) => offering.model === 'deepseek-v4-pro')!, provider: 'together' };
const kimi = { ...togetherOfferings.find((offering) => offering.model === 'kimi-k2.6')!, provider: 'together' };
const at = (baseUrl: string, official: boolean, offering: MeterContext['offering']): MeterContext => ({
  providerId: 'together',
  offering,
  endpoint: { key: 'chat', baseUrl, official },
});

describe('togetherUsageMeter', () => {
  it('prices DeepSeek V4 Pro on both official hosts, from the quickstart', () => {
    for (const host of ['https://api.together.xyz/v1', 'https://api.together.ai/v1']) {
      expect(togetherUsageMeter.describe(at(host, true, v4Pro))).toEqual({
        kind: 'token-pricing',
        currency: 'USD',
        rates: { input: 2.1, cachedInput: 0.2, output: 4.4 },
        source: expect.objectContaining({
          url: 'https://docs.together.ai/docs/deepseek-v4-quickstart',
          kind: 'official',
          retrieved: '2026-11-21',
        }),
      });
    }
  });

  it('is unknown (never 0) for an unpriced offering', () => {
    const meter = togetherUsageMeter.describe(at('https://api.together.xyz/v1', true, kimi));
    expect(meter).toEqual({
      kind: 'unknown',
      reason:
        'Together publishes prices on its model pages and in /models; no price for this offering is sourced here.',
    });
  });

  it('is unknown for an id outside the catalog', () => {
    expect(togetherUsageMeter.describe(at('https://api.together.xyz/v1', true, undefined)).kind).toBe('unknown');
  });

  it('is unknown on a custom endpoint even when an offering is passed', () => {
    expect(togetherUsageMeter.describe(at('https://proxy.example.com/v1', false, v4Pro))).toEqual({
      kind: 'unknown',
      reason: "custom endpoint: Together's catalog prices apply only on api.together.xyz / api.together.ai",
    });
  });
});
