// The cost-per-day chart: uPlot, loaded only when the Spend page has something to draw (keeps first paint small).
// Days without a known cost are gaps, never zeros.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney } from '../format.js';
import { daySeconds, type SpendSeries } from '../spend-series.js';
import { TESTIDS } from '../testids.js';

/** Line colours, distinguishable in light and dark mode. */
const PALETTE = ['#2f7ed8', '#d9534f', '#3aa357', '#c77c02', '#8e5ac8', '#0f9aa6', '#c2185b', '#6d7a86'];

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** One chart: the cost per day of each provider in one currency. */
export function SpendChart(props: {
  readonly currency: string;
  readonly days: readonly string[];
  readonly series: readonly SpendSeries[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  // The axes take their colours from the page's light or dark theme when drawn: draw again when the theme changes.
  const [scheme, setScheme] = useState(0);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const changed = () => setScheme((count) => count + 1);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let cancelled = false;
    void import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        const axis = cssVariable('--fg-muted', '#555');
        const grid = cssVariable('--border', '#ddd');
        const money = (value: number | null) => (value === null ? '—' : formatMoney(value, props.currency));
        const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
        chart = new UPlot(
          {
            width: Math.max(320, element.clientWidth),
            height: 260,
            // Room on the right for the last day's label.
            padding: [8, 48, 0, 0],
            title: `Cost per day (${props.currency})`,
            scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
            axes: [
              {
                stroke: axis,
                grid: { stroke: grid },
                incrs: [86_400, 7 * 86_400, 28 * 86_400],
                values: (_u, ticks) => ticks.map(day),
              },
              {
                stroke: axis,
                grid: { stroke: grid },
                size: 70,
                values: (_u, ticks) => ticks.map((tick) => String(tick)),
              },
            ],
            series: [
              { label: 'Day (UTC)', value: (_u, seconds) => (seconds === null ? '—' : day(seconds)) },
              ...props.series.map((series, index) => ({
                label: series.provider,
                stroke: PALETTE[index % PALETTE.length] as string,
                width: 2,
                points: { show: true, size: 6 },
                spanGaps: false,
                value: (_u: unknown, value: number | null) => money(value),
              })),
            ],
          },
          [props.days.map(daySeconds), ...props.series.map((series) => [...series.values])],
          element,
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailed(error instanceof Error ? error.message : String(error));
      });
    // Follow the page's width (uPlot draws at a fixed size).
    const resize = new ResizeObserver(() => {
      if (chart !== undefined && element.clientWidth > 0)
        chart.setSize({ width: Math.max(320, element.clientWidth), height: 260 });
    });
    resize.observe(element);
    return () => {
      cancelled = true;
      resize.disconnect();
      chart?.destroy();
    };
  }, [props.currency, props.days, props.series, scheme]);
  return (
    <figure class="chart" data-testid={TESTIDS.spendChart} data-currency={props.currency}>
      <div ref={host} class="chart-host" />
      <figcaption class="muted">
        {props.series.map((series) => series.provider).join(', ')}: known costs only. A day whose requests have no known
        cost is a gap, never a zero; those requests are counted under "cost unknown".
        {failed !== undefined ? ` The chart could not be drawn: ${failed}` : ''}
      </figcaption>
    </figure>
  );
}
