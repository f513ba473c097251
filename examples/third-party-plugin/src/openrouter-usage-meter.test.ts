import type { RouteEndpointContext } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { openrouterOfferings } from './openrouter-offerings.js';
import { openrouterUsageMeter } from './openrouter-usage-meter.js';

const official: RouteEndpointContext = { key: 'chat', baseUrl: 'https://openrouter.ai/api/v1', official: true };
const custom: RouteEndpointContext = {
  key: 'chat',
  baseUrl: 'https://openrouter-proxy.example.com/api/v1',
  official: false,
};
const offering = (wireId: string) => {
  const found = openrouterOfferings.find((entry) => entry.wireId === wireId);
  if (!found) throw new Error(`no offering ${wireId}`);
  return { ...found, provider: 'openrouter' };
};

describe('openrouterUsageMeter', () => {
  it('token pricing for a priced offering on the official endpoint, with its provenance', () => {
    expect(
      openrouterUsageMeter.describe({
        providerId: 'openrouter',
        offering: offering('deepseek/deepseek-v4-pro'),
        endpoint: official,
      }),
    ).toMatchObject({
      kind: 'token-pricing',
      currency: 'USD',
      rates: { input: 0.435, output: 0.87 },
      source: {
        url: 'https://github.com/anomalyco/models.dev/tree/f3fc692/providers/openrouter',
        retrieved: '2026-07-02',
        kind: 'third-party',
        uncertain: true,
      },
    });
  });

  it('unknown, never 0, for unpriced offerings, ids outside the catalog and custom endpoints', () => {
    expect(
      openrouterUsageMeter.describe({
        providerId: 'openrouter',
        offering: offering('qwen/qwen3-coder'),
        endpoint: official,
      }).kind,
    ).toBe('unknown');
    expect(
      openrouterUsageMeter.describe({ providerId: 'openrouter', offering: undefined, endpoint: official }),
    ).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('USD per token') });
    expect(
      openrouterUsageMeter.describe({
        providerId: 'openrouter',
        offering: offering('deepseek/deepseek-v4-pro'),
        endpoint: custom,
      }),
    ).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('custom endpoint') });
  });

  it('has no live read: OpenRouter credits need a management key', () => {
    expect(openrouterUsageMeter.read).toBeUndefined();
  });
});
