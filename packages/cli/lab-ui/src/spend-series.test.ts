import { describe, expect, it } from 'vitest';
import { daySeconds, spendChartData } from './spend-series.js';
import type { ReceiptsSummaryOutput, SummaryGroup } from './types.js';

function group(key: string, requests: number, cost: Record<string, number>, unknown = 0): SummaryGroup {
  return {
    key,
    requests,
    ok: requests,
    errors: 0,
    httpErrors: 0,
    networkErrors: 0,
    aborted: 0,
    tokens: { input: 0, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0, total: 0 },
    usageUnknown: 0,
    cost,
    costUnknown: { count: unknown, reasons: unknown > 0 ? { 'no price': unknown } : {} },
    bytes: { sent: 0, received: 0 },
  };
}

function byDay(groups: SummaryGroup[]): ReceiptsSummaryOutput {
  return { schemaVersion: 1, ledgerDir: '/ledger', by: 'day', groups, total: group('total', 0, {}), skipped: [] };
}

describe('spendChartData', () => {
  it('aligns every provider on the same sorted days, one series per currency', () => {
    const data = spendChartData(
      new Map([
        ['together', byDay([group('2026-12-02', 1, { USD: 0.1 }), group('2026-11-29', 1, { USD: 0.4 })])],
        ['deepseek', byDay([group('2026-12-01', 2, { USD: 0.5, CNY: 1 })])],
      ]),
    );
    // 2026-11-30 has no receipt at all: a real day at 0, so no line is drawn across it as if it had spend.
    expect(data.days).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(data.series).toEqual([
      { provider: 'deepseek', currency: 'CNY', values: [0, 0, 1, 0] },
      { provider: 'deepseek', currency: 'USD', values: [0, 0, 0.5, 0] },
      { provider: 'together', currency: 'USD', values: [0.4, 0, 0, 0.1] },
    ]);
  });

  it('leaves a gap (null), never a 0, on a day whose requests have no known cost', () => {
    const data = spendChartData(
      new Map([['vllm', byDay([group('2026-12-01', 1, { USD: 0.2 }), group('2026-12-02', 3, {}, 3)])]]),
    );
    expect(data.series).toEqual([{ provider: 'vllm', currency: 'USD', values: [0.2, null] }]);
  });

  it('draws nothing for a provider with no known cost at all', () => {
    const data = spendChartData(new Map([['vllm', byDay([group('2026-12-02', 1, {}, 1)])]]));
    expect(data.series).toEqual([]);
  });

  it('spans month ends', () => {
    const data = spendChartData(new Map([['x', byDay([group('2026-12-30', 1, {}), group('2027-01-02', 1, {})])]]));
    expect(data.days).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('puts days on uPlot seconds at UTC midnight', () => {
    expect(daySeconds('2026-12-01')).toBe(Date.UTC(2026, 11, 1) / 1000);
  });
});
