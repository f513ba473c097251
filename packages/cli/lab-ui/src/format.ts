// Formatting of the API's facts for people. Pure functions (tested in node): an unknown stays "unknown", never 0.

/** `1234567` → `1,234,567` (same digit grouping in every locale, like the CLI). */
export function groupNumber(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A token count as the catalog states it (`1,048,576`), or `unknown`. */
export function formatTokens(value: number | 'unknown' | undefined): string {
  return value === undefined || value === 'unknown' ? 'unknown' : groupNumber(value);
}

/** A per-million-token rate (`0.66`), or `unknown` when the meter gives none. */
export function formatRate(value: number | undefined): string {
  return value === undefined ? 'unknown' : groupNumber(roundTo(value, 6));
}

/** An amount of money with its currency: at least two decimals, up to six for fractions of a cent (`USD 0.00012`). */
export function formatMoney(amount: number, currency: string): string {
  const [whole, fraction = ''] = roundTo(amount, 6).toFixed(6).split('.') as [string, string?];
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${currency} ${groupNumber(Number(whole))}.${decimals}`;
}

/** `1 request`, `2 requests`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${groupNumber(count)} ${count === 1 ? one : many}`;
}

/** Costs per currency (`USD 1.2000 + EUR 0.5000`), or `none` when no receipt had a known cost. */
export function formatCosts(cost: Readonly<Record<string, number>>): string {
  const entries = Object.entries(cost).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([currency, amount]) => formatMoney(amount, currency)).join(' + ');
}

/** `part / whole` as a percentage with one decimal (`60.0%`), or `n/a` when the whole is 0. */
export function formatShare(part: number, whole: number): string {
  return whole <= 0 ? 'n/a' : `${roundTo((part / whole) * 100, 1).toFixed(1)}%`;
}

/** A duration in milliseconds (`120 ms`, `2.4 s`). */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${roundTo(ms / 1000, 1)} s`;
}

/** An ISO time as `YYYY-MM-DD HH:MM:SS UTC`, or the input unchanged when it is not a date. */
export function formatTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Round half away from zero to `digits` decimals, without floating noise (`0.1 + 0.2` → `0.3`). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
}

/** The `title` text of a sourced fact: kind, date and URL on one line each (shown on hover). */
export function sourceTitle(source: {
  readonly kind?: string | undefined;
  readonly url?: string | undefined;
  readonly date?: string | undefined;
  readonly uncertain?: boolean | undefined;
  readonly note?: string | undefined;
}): string {
  return [
    source.kind !== undefined ? `Source kind: ${source.kind}${source.uncertain ? ' (uncertain)' : ''}` : undefined,
    source.date !== undefined ? `Retrieved: ${source.date}` : undefined,
    source.url,
    source.note,
  ]
    .filter((line): line is string => line !== undefined && line !== '')
    .join('\n');
}

/** The host of a URL for a short link label (`api-docs.deepseek.com`), or the text itself when it is not a URL. */
export function urlLabel(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Only http(s) URLs become links (a `javascript:` URL from a catalog or a server never does). */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
