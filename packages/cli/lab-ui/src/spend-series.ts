// Turn per-provider `receipts summary --by day` answers into chart data: one series per provider and currency, known
// costs only. A day with requests but no known cost in that currency has no point (null), never a 0; a day without
// any request of that provider is a real 0.
import type { ReceiptsSummaryOutput } from './types.js';

/** One line of the spend chart. */
export interface SpendSeries {
  readonly provider: string;
  readonly currency: string;
  /** Cost per day, aligned with `SpendChartData.days`: 0 without requests, null when no request's cost is known. */
  readonly values: readonly (number | null)[];
}

/** The chart's x axis (UTC days, `YYYY-MM-DD`) and its series. */
export interface SpendChartData {
  readonly days: readonly string[];
  readonly series: readonly SpendSeries[];
}

/** Build the chart from each provider's by-day summary. */
export function spendChartData(byProvider: ReadonlyMap<string, ReceiptsSummaryOutput>): SpendChartData {
  const days = new Set<string>();
  for (const summary of byProvider.values()) for (const group of summary.groups) days.add(group.key);
  const sortedDays = everyDay([...days].filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day)).sort());
  const series: SpendSeries[] = [];
  for (const [provider, summary] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
    const currencies = new Set<string>();
    for (const group of summary.groups) for (const currency of Object.keys(group.cost)) currencies.add(currency);
    for (const currency of [...currencies].sort()) {
      const byDay = new Map(summary.groups.map((group) => [group.key, group]));
      const values = sortedDays.map((day) => {
        const group = byDay.get(day);
        if (group === undefined || group.requests === 0) return 0;
        return group.cost[currency] ?? null;
      });
      series.push({ provider, currency, values });
    }
  }
  return { days: sortedDays, series };
}

/** Every UTC day from the first to the last of `sorted` (days without receipts are real days, at 0). */
function everyDay(sorted: readonly string[]): string[] {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const days: string[] = [];
  for (let time = Date.parse(`${first}T00:00:00Z`); time <= Date.parse(`${last}T00:00:00Z`); time += 86_400_000) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

/** A UTC day (`YYYY-MM-DD`) as seconds since the epoch (uPlot's time axis). */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
