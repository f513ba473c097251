import type { RouteReceipt } from './route-receipt.js';

/** What a summary groups by. */
export type SummaryKey = 'provider' | 'model' | 'day' | 'tag';

/** Totals of one group of receipts. Unknown usage and unknown costs are counted apart, never added as 0. */
export interface SummaryGroup {
  /** Provider id, model (canonical id, else wire id), UTC day, or `name=value` (`(untagged)` for receipts without tags). */
  readonly key: string;
  readonly requests: number;
  readonly ok: number;
  /** Requests that did not end `ok`: HTTP errors, network errors and aborts (also counted one by one below). */
  readonly errors: number;
  readonly httpErrors: number;
  readonly networkErrors: number;
  readonly aborted: number;
  /** Sums of the token counts receipts carried (a count a receipt did not carry adds nothing). */
  readonly tokens: {
    readonly input: number;
    readonly cachedInput: number;
    readonly cacheWrite: number;
    readonly output: number;
    readonly reasoning: number;
    readonly total: number;
  };
  /** Receipts whose usage is unknown. */
  readonly usageUnknown: number;
  /** Known costs summed per currency (ISO 4217 code → amount). */
  readonly cost: Readonly<Record<string, number>>;
  /** Receipts whose cost is unknown, with their reasons counted. */
  readonly costUnknown: { readonly count: number; readonly reasons: Readonly<Record<string, number>> };
  /** Bytes sent and received. */
  readonly bytes: { readonly sent: number; readonly received: number };
}

/** Which receipts to read: all conditions must hold. */
export interface LedgerQuery {
  /** Receipts whose request started at or after this time. */
  readonly since?: Date | string;
  /** Receipts whose request started before this time. */
  readonly until?: Date | string;
  /** Provider id. */
  readonly provider?: string;
  /** A model id: matches the wire id or the canonical id. */
  readonly model?: string;
  /** Tags that must all be present with these values. */
  readonly tag?: Readonly<Record<string, string>>;
}

/**
 * @internal The fields of a receipt that queries and summaries read (one row of the summary index). Token counts a
 * receipt did not carry are `null`; `usage` is `null` when the usage is unknown; `cost` is the reason when unknown.
 */
export interface SummaryRow {
  readonly time: string;
  readonly provider: string;
  readonly wire: string;
  readonly canonical: string | null;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly outcome: RouteReceipt['outcome']['kind'];
  /** input, cached input, cache write, output, reasoning, total. */
  readonly usage: readonly (number | null)[] | null;
  readonly cost: { readonly currency: string; readonly amount: number } | string;
  readonly sent: number;
  readonly received: number;
}

/** @internal The summary row of a receipt. */
export function rowOf(receipt: RouteReceipt): SummaryRow {
  const usage = receipt.usage.known ? receipt.usage.usage : undefined;
  return {
    ...queryFieldsOf(receipt),
    outcome: receipt.outcome.kind,
    usage: usage
      ? [
          usage.inputTokens ?? null,
          usage.cachedInputTokens ?? null,
          usage.cacheWriteTokens ?? null,
          usage.outputTokens ?? null,
          usage.reasoningTokens ?? null,
          usage.totalTokens ?? null,
        ]
      : null,
    cost: receipt.cost.known ? { currency: receipt.cost.currency, amount: receipt.cost.amount } : receipt.cost.reason,
    sent: receipt.bytes.sent,
    received: receipt.bytes.received,
  };
}

/** @internal The fields of a receipt a query tests. */
export type QueryFields = Pick<SummaryRow, 'time' | 'provider' | 'wire' | 'canonical' | 'tags'>;

/** @internal The fields a query tests, of a receipt. */
export function queryFieldsOf(receipt: RouteReceipt): QueryFields {
  return {
    time: receipt.time,
    provider: receipt.provider,
    wire: receipt.model.wire,
    canonical: receipt.model.canonical ?? null,
    tags: receipt.tags ?? null,
  };
}

/** @internal A query compiled once: the day files it can touch, and a test of each receipt's fields. */
export interface CompiledQuery {
  readonly firstDay?: string;
  readonly lastDay?: string;
  test(fields: QueryFields): boolean;
}

/** @internal Check a query's times and compile it; an invalid time throws `invalidTime(name)`. */
export function compileQuery(query: LedgerQuery, invalidTime: (name: string) => Error): CompiledQuery {
  const timeOf = (value: Date | string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    const ms = value instanceof Date ? value.getTime() : Date.parse(value);
    if (Number.isNaN(ms)) throw invalidTime(name);
    return ms;
  };
  const since = timeOf(query.since, 'since');
  const until = timeOf(query.until, 'until');
  const tags = query.tag ? Object.entries(query.tag) : [];
  return {
    ...(since !== undefined ? { firstDay: dayOf(new Date(since)) } : {}),
    ...(until !== undefined ? { lastDay: dayOf(new Date(until - 1)) } : {}),
    test: (row) => {
      if (since !== undefined || until !== undefined) {
        const time = Date.parse(row.time);
        if (since !== undefined && time < since) return false;
        if (until !== undefined && time >= until) return false;
      }
      if (query.provider !== undefined && row.provider !== query.provider) return false;
      if (query.model !== undefined && row.wire !== query.model && row.canonical !== query.model) return false;
      for (const [name, value] of tags) if (row.tags?.[name] !== value) return false;
      return true;
    },
  };
}

/** @internal The UTC day (`YYYY-MM-DD`) of a time. */
export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type GroupTotals = Mutable<Omit<SummaryGroup, 'cost' | 'costUnknown'>> & {
  cost: Record<string, number>;
  costUnknown: { count: number; reasons: Record<string, number> };
};

/** @internal Totals per group and overall, row by row. */
export function createSummaryTotals(
  by: SummaryKey,
  tagName: string | undefined,
): { add(row: SummaryRow): void; groups(): SummaryGroup[]; total: SummaryGroup } {
  const groups = new Map<string, GroupTotals>();
  const total = newTotals('total');
  return {
    add(row) {
      addTo(total, row);
      for (const key of groupKeys(by, row, tagName)) {
        let group = groups.get(key);
        if (!group) {
          group = newTotals(key);
          groups.set(key, group);
        }
        addTo(group, row);
      }
    },
    groups: () => [...groups.values()].sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : 1)),
    total,
  };
}

function newTotals(key: string): GroupTotals {
  return {
    key,
    requests: 0,
    ok: 0,
    errors: 0,
    httpErrors: 0,
    networkErrors: 0,
    aborted: 0,
    tokens: { input: 0, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0, total: 0 },
    usageUnknown: 0,
    cost: {},
    costUnknown: { count: 0, reasons: {} },
    bytes: { sent: 0, received: 0 },
  };
}

function addTo(group: GroupTotals, row: SummaryRow): void {
  group.requests += 1;
  const outcome = row.outcome;
  if (outcome === 'ok') group.ok += 1;
  else {
    group.errors += 1;
    if (outcome === 'http-error') group.httpErrors += 1;
    else if (outcome === 'network-error') group.networkErrors += 1;
    else group.aborted += 1;
  }
  const usage = row.usage;
  if (usage) {
    group.tokens.input += usage[0] ?? 0;
    group.tokens.cachedInput += usage[1] ?? 0;
    group.tokens.cacheWrite += usage[2] ?? 0;
    group.tokens.output += usage[3] ?? 0;
    group.tokens.reasoning += usage[4] ?? 0;
    group.tokens.total += usage[5] ?? 0;
  } else group.usageUnknown += 1;
  const cost = row.cost;
  if (typeof cost === 'string') {
    group.costUnknown.count += 1;
    group.costUnknown.reasons[cost] = (group.costUnknown.reasons[cost] ?? 0) + 1;
  } else group.cost[cost.currency] = (group.cost[cost.currency] ?? 0) + cost.amount;
  group.bytes.sent += row.sent;
  group.bytes.received += row.received;
}

function groupKeys(by: SummaryKey, row: SummaryRow, tagName: string | undefined): readonly string[] {
  switch (by) {
    case 'provider':
      return [row.provider];
    case 'model':
      return [row.canonical ?? row.wire];
    case 'day':
      return [row.time.slice(0, 10)];
    case 'tag': {
      if (tagName !== undefined) {
        const value = row.tags?.[tagName];
        return [value === undefined ? '(untagged)' : `${tagName}=${value}`];
      }
      const entries = Object.entries(row.tags ?? {});
      return entries.length === 0 ? ['(untagged)'] : entries.map(([name, value]) => `${name}=${value}`);
    }
  }
}
