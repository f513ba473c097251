import { dirname } from 'node:path';
import {
  exportReceipts,
  type Ledger,
  type LedgerQuery,
  type LedgerSummary,
  type LoadedConfig,
  ledgerOptionsFromConfig,
  openLedger,
  type ReceiptExportFormat,
  type RouteReceipt,
  type SummaryGroup,
  type SummaryKey,
  writeReceiptExport,
} from '@codewhale/node';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { type Output, renderTable } from '../cli/output.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';
import { VERSION } from '../version.js';

/** The flags of `receipts` (list, summary and export share the filters). */
export interface ReceiptsFlags {
  readonly action: 'list' | 'summary' | 'export';
  readonly since?: string;
  readonly until?: string;
  readonly provider?: readonly string[];
  readonly model?: string;
  readonly tag?: readonly string[];
  readonly limit?: number;
  readonly by?: string;
  readonly tagName?: string;
  readonly format?: string;
  readonly out?: string;
  readonly redact?: boolean;
  readonly dir?: string;
}

const SUMMARY_KEYS: readonly SummaryKey[] = ['provider', 'model', 'day', 'tag'];
const RELATIVE = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `--since 7d`, `--since 2026-12-01`, `--since 2026-12-01T08:00:00Z`: a time, or a usage error naming the forms. */
export function parseWhen(flag: string, value: string, now: Date): Date {
  const relative = RELATIVE.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(`${value.trim()}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new CliError('usage', `--${flag} "${untrusted(value)}" is not a time.`, {
      code: 'invalid-time',
      hint: 'Give a span back from now (30m, 24h, 7d, 2w), a UTC day (2026-12-01) or an ISO time (2026-12-01T08:00:00Z).',
    });
  return date;
}

/** The ledger of this config (`[receipts] dir`, CODEWHALE_STATE_DIR, the platform's state folder), or `--dir`. */
function ledgerFor(loaded: LoadedConfig, env: Readonly<Record<string, string | undefined>>, dir?: string): Ledger {
  const options = ledgerOptionsFromConfig(loaded.config, { env, configDir: dirname(loaded.location.path) });
  return openLedger({ ...options, ...(dir !== undefined ? { dir } : {}) });
}

function queryOf(flags: ReceiptsFlags, now: Date): LedgerQuery {
  const tags: Record<string, string> = {};
  for (const pair of flags.tag ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new CliError('usage', `--tag "${untrusted(pair)}" is not name=value.`, {
        code: 'invalid-tag',
        hint: 'Filter by a tag the host recorded, e.g. --tag session=abc123 (repeat for several).',
      });
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (flags.provider && flags.provider.length > 1)
    throw new CliError('usage', 'receipts takes one --provider.', {
      code: 'one-provider',
      hint: 'Leave --provider out to see every provider, or use `receipts summary --by provider`.',
    });
  return {
    ...(flags.since !== undefined ? { since: parseWhen('since', flags.since, now) } : {}),
    ...(flags.until !== undefined ? { until: parseWhen('until', flags.until, now) } : {}),
    ...(flags.provider?.[0] !== undefined ? { provider: flags.provider[0] } : {}),
    ...(flags.model !== undefined ? { model: flags.model } : {}),
    ...(Object.keys(tags).length > 0 ? { tag: tags } : {}),
  };
}

function refuseFlags(flags: ReceiptsFlags, names: readonly (keyof ReceiptsFlags)[]): void {
  for (const name of names) {
    if (flags[name] === undefined || flags[name] === false) continue;
    const flag = name === 'tagName' ? 'tag-name' : name;
    const owner =
      name === 'by' || name === 'tagName'
        ? 'receipts summary'
        : name === 'limit'
          ? 'receipts (the list)'
          : 'receipts export';
    throw new CliError('usage', `--${flag} belongs to \`${owner}\`, not \`receipts ${flags.action}\`.`, {
      code: 'flag-not-here',
      hint: `Run \`codewhale-route receipts --help\` for which flag goes with which action.`,
    });
  }
}

/** `receipts [list|summary|export]`: read the local ledger. Nothing here contacts the network. */
export async function runReceipts(
  loaded: LoadedConfig,
  output: Output,
  env: Readonly<Record<string, string | undefined>>,
  flags: ReceiptsFlags,
  now: Date = new Date(),
): Promise<number> {
  const ledger = ledgerFor(loaded, env, flags.dir);
  const query = queryOf(flags, now);
  switch (flags.action) {
    case 'list':
      refuseFlags(flags, ['by', 'tagName', 'format', 'out', 'redact']);
      return listReceipts(ledger, output, query, flags.limit ?? 20);
    case 'summary':
      refuseFlags(flags, ['limit', 'format', 'out', 'redact']);
      return summariseReceipts(ledger, output, query, flags);
    case 'export':
      refuseFlags(flags, ['by', 'tagName', 'limit']);
      return exportLedger(ledger, output, query, flags, now);
  }
}

async function listReceipts(ledger: Ledger, output: Output, query: LedgerQuery, limit: number): Promise<number> {
  const reading = ledger.read(query);
  // The newest `limit`, oldest first: a bounded window, never the whole ledger in memory.
  const recent: RouteReceipt[] = [];
  for await (const receipt of reading) {
    recent.push(receipt);
    if (recent.length > limit) recent.shift();
  }
  if (output.json) {
    output.printJson({ schemaVersion: 1, ledgerDir: ledger.dir, receipts: recent, skipped: reading.skipped });
    return EXIT_CODES.ok;
  }
  reportSkipped(output, reading.skipped.length);
  if (recent.length === 0) {
    output.out(`No receipts${describeQuery(query)} in ${ledger.dir}.`);
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const table: string[][] = [
    ['time (UTC)', 'route', 'outcome', 'tokens in/out', 'cost', 'sent → to', 'ms'].map((title) => colors.bold(title)),
  ];
  for (const receipt of recent) {
    table.push([
      receipt.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      untrusted(receipt.route),
      outcomeText(receipt, output),
      tokensText(receipt),
      receipt.cost.known ? money(receipt.cost.amount, receipt.cost.currency) : colors.dim('unknown'),
      `${bytes(receipt.bytes.sent)} → ${untrusted(receipt.bytes.origin)}`,
      receipt.timing.totalMs === undefined ? '-' : String(Math.round(receipt.timing.totalMs)),
    ]);
  }
  output.out(renderTable(table));
  output.out(
    colors.dim(
      `${recent.length} most recent${describeQuery(query)}; ledger ${ledger.dir}. Prompts and completions are never recorded.`,
    ),
  );
  return EXIT_CODES.ok;
}

async function summariseReceipts(
  ledger: Ledger,
  output: Output,
  query: LedgerQuery,
  flags: ReceiptsFlags,
): Promise<number> {
  const by = (flags.by ?? 'provider') as SummaryKey;
  if (!SUMMARY_KEYS.includes(by))
    throw new CliError('usage', `--by "${untrusted(flags.by ?? '')}" is not a grouping.`, {
      code: 'invalid-value',
      hint: `Group by one of: ${SUMMARY_KEYS.join(', ')}.`,
    });
  if (flags.tagName !== undefined && by !== 'tag')
    throw new CliError('usage', '--tag-name goes with --by tag.', {
      code: 'flag-not-here',
      hint: 'Run `codewhale-route receipts summary --by tag --tag-name session`.',
    });
  const summary = await ledger.summarise(by, { ...query, ...(flags.tagName ? { tagName: flags.tagName } : {}) });
  if (output.json) {
    output.printJson({ schemaVersion: 1, ledgerDir: ledger.dir, ...summary });
    return EXIT_CODES.ok;
  }
  reportSkipped(output, summary.skipped.length);
  output.out(summaryTable(summary, output));
  output.out(
    output.colors.dim(
      `Grouped by ${by}${describeQuery(query)}. Unknown costs are counted apart, never added as 0; ledger ${ledger.dir}.`,
    ),
  );
  return EXIT_CODES.ok;
}

function summaryTable(summary: LedgerSummary, output: Output): string {
  const { colors } = output;
  const row = (group: SummaryGroup, label: string): string[] => [
    label,
    String(group.requests),
    String(group.ok),
    String(group.errors),
    String(group.tokens.input),
    String(group.tokens.cachedInput),
    String(group.tokens.output),
    costText(group),
    `${bytes(group.bytes.sent)} / ${bytes(group.bytes.received)}`,
  ];
  const table: string[][] = [
    [summary.by, 'requests', 'ok', 'errors', 'input', 'cached', 'output', 'cost', 'sent / received'].map((title) =>
      colors.bold(title),
    ),
    ...summary.groups.map((group) => row(group, untrusted(group.key))),
    row(summary.total, colors.bold('total')),
  ];
  return renderTable(table);
}

function costText(group: SummaryGroup): string {
  const known = Object.entries(group.cost).map(([currency, amount]) => money(amount, currency));
  const unknown = group.costUnknown.count > 0 ? [`${group.costUnknown.count} unknown`] : [];
  return [...known, ...unknown].join(' + ') || '-';
}

async function exportLedger(
  ledger: Ledger,
  output: Output,
  query: LedgerQuery,
  flags: ReceiptsFlags,
  now: Date,
): Promise<number> {
  if (flags.format !== 'jsonl' && flags.format !== 'otlp-json')
    throw new CliError(
      'usage',
      flags.format
        ? `--format "${untrusted(flags.format)}" is not an export format.`
        : 'receipts export needs --format.',
      {
        code: 'invalid-value',
        hint: "Give --format jsonl (the ledger's own lines) or --format otlp-json (OpenTelemetry GenAI spans), and --out FILE.",
      },
    );
  if (!flags.out)
    throw new CliError('usage', 'receipts export needs --out FILE.', {
      code: 'missing-value',
      hint: 'Export writes a file and never uploads anything: name the file, e.g. --out receipts.otlp.json.',
    });
  const reading = ledger.read(query);
  const exported = await exportReceipts({
    receipts: reading,
    format: flags.format as ReceiptExportFormat,
    redact: flags.redact === true,
    tool: 'codewhale-route',
    toolVersion: VERSION,
    ...(query.since !== undefined ? { since: new Date(query.since) } : {}),
    ...(query.until !== undefined ? { until: new Date(query.until) } : {}),
    now: () => now,
  });
  await writeReceiptExport(flags.out, exported.text);
  const { provenance } = exported;
  if (output.json) {
    output.printJson({ schemaVersion: 1, file: flags.out, provenance });
    return EXIT_CODES.ok;
  }
  reportSkipped(output, reading.skipped.length);
  output.out(
    `Wrote ${provenance.receipts} receipt${provenance.receipts === 1 ? '' : 's'} as ${provenance.format} to ${flags.out}${provenance.redacted ? ' (redacted)' : ''}. Nothing was uploaded.`,
  );
  const left = provenance.outsideRange + provenance.invalid + provenance.skippedLines;
  if (left > 0)
    output.out(
      output.colors.dim(
        `Left out: ${provenance.invalid} invalid receipt(s), ${provenance.skippedLines} damaged or torn line(s).`,
      ),
    );
  return EXIT_CODES.ok;
}

function reportSkipped(output: Output, count: number): void {
  if (count > 0)
    output.warn(
      `${count} ledger line${count === 1 ? ' was' : 's were'} not a receipt (torn by a crash, or damaged) and ${count === 1 ? 'was' : 'were'} skipped; \`--json\` lists where.`,
    );
}

function describeQuery(query: LedgerQuery): string {
  const parts: string[] = [];
  if (query.since !== undefined) parts.push(`since ${new Date(query.since).toISOString()}`);
  if (query.until !== undefined) parts.push(`until ${new Date(query.until).toISOString()}`);
  if (query.provider !== undefined) parts.push(`provider ${untrusted(query.provider)}`);
  if (query.model !== undefined) parts.push(`model ${untrusted(query.model)}`);
  for (const [name, value] of Object.entries(query.tag ?? {})) parts.push(`${untrusted(name)}=${untrusted(value)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function outcomeText(receipt: RouteReceipt, output: Output): string {
  const { outcome } = receipt;
  switch (outcome.kind) {
    case 'ok':
      return output.colors.green(String(outcome.status));
    case 'http-error':
      return output.colors.red(`HTTP ${outcome.status}`);
    case 'aborted':
      return output.colors.yellow('aborted');
    case 'network-error':
      return output.colors.red(untrusted(outcome.code));
  }
}

function tokensText(receipt: RouteReceipt): string {
  if (!receipt.usage.known) return 'unknown';
  const { inputTokens, cachedInputTokens, outputTokens } = receipt.usage.usage;
  const input = inputTokens === undefined ? '?' : String(inputTokens);
  const cached = cachedInputTokens ? ` (${cachedInputTokens} cached)` : '';
  return `${input}${cached} / ${outputTokens === undefined ? '?' : outputTokens}`;
}

function money(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 4;
  return `${amount.toFixed(digits)} ${currency}`;
}

function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / 1024 / 1024).toFixed(1)} MiB`;
}
