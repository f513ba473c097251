// Spend: the receipts ledger summed by provider (`receipts summary --by provider`), then each provider by day for the
// chart. Requests whose cost is unknown are counted apart and labelled, never drawn or summed as 0.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { asLabError, useApi } from '../components/use-api.js';
import { formatCosts, formatShare, groupNumber, plural } from '../format.js';
import { type SpendFilter, spendParams } from '../query-params.js';
import { spendChartData } from '../spend-series.js';
import { TESTIDS } from '../testids.js';
import type { ReceiptsSummaryOutput, SummaryGroup } from '../types.js';
import { SpendChart } from './spend-chart.js';

/** The Spend page. */
export function SpendPage() {
  const [filter, setFilter] = useState<SpendFilter>({ since: '', until: '', session: '' });
  const [summary, load] = useApi<ReceiptsSummaryOutput>('receipts-summary');
  const [days, setDays] = useState<ReadonlyMap<string, ReceiptsSummaryOutput>>(new Map());
  const [daysError, setDaysError] = useState<ReturnType<typeof asLabError> | undefined>(undefined);
  const [applied, setApplied] = useState<SpendFilter>(filter);
  // The filter the shown summary was read with: the per-day reads use the same one.
  const summaryFilter = useRef<SpendFilter>(applied);

  // The ledger is a local file: read it when the page opens, and again when the filter is applied.
  useEffect(() => {
    summaryFilter.current = applied;
    void load({ by: 'provider', ...spendParams(applied) });
  }, [applied, load]);

  useEffect(() => {
    setDays(new Map());
    setDaysError(undefined);
    if (summary.status !== 'ok') return;
    const controller = new AbortController();
    void (async () => {
      const next = new Map<string, ReceiptsSummaryOutput>();
      try {
        for (const group of summary.data.groups) {
          const byDay = await callApi<ReceiptsSummaryOutput>(
            'receipts-summary',
            { by: 'day', provider: group.key, ...spendParams(summaryFilter.current) },
            controller.signal,
          );
          next.set(group.key, byDay);
        }
        if (!controller.signal.aborted) setDays(next);
      } catch (error) {
        if (!controller.signal.aborted) setDaysError(asLabError(error));
      }
    })();
    return () => controller.abort();
  }, [summary]);

  return (
    <section aria-labelledby="spend-heading">
      <h1 id="spend-heading">Spend</h1>
      <p class="lead">What the requests recorded in the local receipts ledger cost, by provider and by day.</p>
      <form
        class="form-grid"
        data-testid={TESTIDS.spendForm}
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(filter);
        }}
      >
        <label>
          Since
          <input
            name="since"
            value={filter.since}
            placeholder="2026-12-01 or 7d"
            onInput={(event) => setFilter({ ...filter, since: event.currentTarget.value })}
          />
        </label>
        <label>
          Until
          <input
            name="until"
            value={filter.until}
            placeholder="2026-12-31"
            onInput={(event) => setFilter({ ...filter, until: event.currentTarget.value })}
          />
        </label>
        <label>
          Session tag
          <input
            name="session"
            value={filter.session}
            placeholder="session id"
            onInput={(event) => setFilter({ ...filter, session: event.currentTarget.value })}
          />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            Apply
          </button>
        </div>
      </form>
      {summary.status === 'loading' || summary.status === 'idle' ? <Loading label="Reading the ledger…" /> : null}
      {summary.status === 'error' ? <ErrorBox error={summary.error} /> : null}
      {summary.status === 'ok' ? <SpendResult summary={summary.data} days={days} /> : null}
      {daysError !== undefined ? <ErrorBox error={daysError} /> : null}
    </section>
  );
}

function SpendResult(props: {
  readonly summary: ReceiptsSummaryOutput;
  readonly days: ReadonlyMap<string, ReceiptsSummaryOutput>;
}) {
  const { summary } = props;
  const { total } = summary;
  const ledger = (
    <p class="muted" data-testid={TESTIDS.spendLedger} data-dir={summary.ledgerDir}>
      Ledger: <code>{summary.ledgerDir}</code>
    </p>
  );
  if (total.requests === 0) {
    return (
      <div class="empty" data-testid={TESTIDS.spendEmpty}>
        <h2>No receipts</h2>
        <p data-testid={TESTIDS.spendLedger} data-dir={summary.ledgerDir}>
          No receipt matches in the ledger at <code>{summary.ledgerDir}</code>.
        </p>
        <p>
          Receipts are written, one per request, by applications that send through CodeWhale with a ledger (the AI SDK
          adapter's <code>ledger</code> option, or the recording fetch of <code>@codewhale/node</code>) and by{' '}
          <code>codewhale-route eval run</code>. They hold the route, token counts and cost, never prompt or answer
          text. <code>[receipts] dir</code> in the config moves the ledger.
        </p>
        <SkippedLines summary={summary} />
      </div>
    );
  }
  const charts = useMemo(() => chartsByCurrency(props.days), [props.days]);
  return (
    <>
      {ledger}
      <dl class="totals">
        <dt>Requests</dt>
        <dd data-testid={TESTIDS.spendTotalRequests} data-value={total.requests}>
          {groupNumber(total.requests)} ({plural(total.errors, 'error')})
        </dd>
        <dt>Known cost</dt>
        <dd data-testid={TESTIDS.spendTotalCost} data-cost={JSON.stringify(total.cost)}>
          {formatCosts(total.cost)}
        </dd>
        <dt>Cost unknown</dt>
        <dd data-testid={TESTIDS.spendUnknownCount} data-value={total.costUnknown.count}>
          {plural(total.costUnknown.count, 'request')} with cost unknown, not counted in the cost
          <UnknownReasons reasons={total.costUnknown.reasons} />
        </dd>
        <dt>Cache hits</dt>
        <dd>{formatShare(total.tokens.cachedInput, total.tokens.input)} of input tokens</dd>
      </dl>
      <h2>Cost per day</h2>
      {props.days.size === 0 ? <Loading label="Reading each provider by day…" /> : null}
      {props.days.size > 0 && charts.length === 0 ? (
        <p class="muted">No known cost to draw: every request's cost is unknown.</p>
      ) : null}
      {charts.map((chart) => (
        <SpendChart key={chart.currency} currency={chart.currency} days={chart.days} series={chart.series} />
      ))}
      <h2>By provider</h2>
      <div class="table-wrap">
        <table data-testid={TESTIDS.spendTable}>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" class="num">
                Requests
              </th>
              <th scope="col" class="num">
                Errors
              </th>
              <th scope="col" class="num">
                Input tokens
              </th>
              <th scope="col" class="num">
                Output tokens
              </th>
              <th scope="col" class="num">
                Cache-hit share
              </th>
              <th scope="col" class="num">
                Known cost
              </th>
              <th scope="col" class="num">
                Cost unknown
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.groups.map((group) => (
              <ProviderRow key={group.key} group={group} />
            ))}
          </tbody>
        </table>
      </div>
      <SkippedLines summary={summary} />
    </>
  );
}

/** One chart per currency (amounts in different currencies never share an axis). */
function chartsByCurrency(days: ReadonlyMap<string, ReceiptsSummaryOutput>) {
  const data = spendChartData(days);
  const currencies = [...new Set(data.series.map((series) => series.currency))].sort();
  return currencies.map((currency) => ({
    currency,
    days: data.days,
    series: data.series.filter((series) => series.currency === currency),
  }));
}

function ProviderRow({ group }: { readonly group: SummaryGroup }) {
  return (
    <tr
      data-testid={TESTIDS.spendRow}
      data-provider={group.key}
      data-requests={group.requests}
      data-errors={group.errors}
      data-cost={JSON.stringify(group.cost)}
      data-unknown={group.costUnknown.count}
    >
      <th scope="row">{group.key}</th>
      <td class="num">{groupNumber(group.requests)}</td>
      <td class="num" title={`HTTP ${group.httpErrors}, network ${group.networkErrors}, aborted ${group.aborted}`}>
        {groupNumber(group.errors)}
      </td>
      <td class="num">{groupNumber(group.tokens.input)}</td>
      <td class="num">{groupNumber(group.tokens.output)}</td>
      <td class="num" title={`${group.tokens.cachedInput} cached of ${group.tokens.input} input tokens`}>
        {formatShare(group.tokens.cachedInput, group.tokens.input)}
      </td>
      <td class="num">{formatCosts(group.cost)}</td>
      <td class="num">
        {group.costUnknown.count > 0 ? (
          <span
            title={Object.entries(group.costUnknown.reasons)
              .map(([reason, n]) => `${n}: ${reason}`)
              .join('\n')}
          >
            {groupNumber(group.costUnknown.count)} cost unknown
          </span>
        ) : (
          '0'
        )}
      </td>
    </tr>
  );
}

function UnknownReasons({ reasons }: { readonly reasons: Readonly<Record<string, number>> }) {
  const entries = Object.entries(reasons);
  if (entries.length === 0) return null;
  return (
    <ul class="plain muted">
      {entries.map(([reason, count]) => (
        <li key={reason}>
          {groupNumber(count)}: {reason}
        </li>
      ))}
    </ul>
  );
}

function SkippedLines({ summary }: { readonly summary: ReceiptsSummaryOutput }) {
  if (summary.skipped.length === 0) return null;
  return (
    <details>
      <summary>{summary.skipped.length} unreadable ledger lines skipped</summary>
      <ul>
        {summary.skipped.map((line) => (
          <li key={`${line.file}:${line.line}`}>
            <code>
              {line.file}:{line.line}
            </code>{' '}
            {line.torn ? '(torn write) ' : ''}
            {line.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
