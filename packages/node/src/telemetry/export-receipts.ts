import { checkRouteReceipt, type RouteReceipt } from '../ledger/route-receipt.js';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { otlpKeyValue, otlpSpan, type OtlpKeyValue } from './otlp-json.js';
import { NODE_PACKAGE_VERSION, RECEIPT_SCOPE_NAME } from './package-version.js';
import { receiptToSpan } from './receipt-span.js';
import { RECEIPT_TELEMETRY_ERROR_CODES, ReceiptTelemetryError } from './receipt-telemetry-error.js';
import { RECEIPT_REDACTIONS, redactReceipt } from './redact-receipt.js';

/** The export file formats: the ledger's own JSON Lines, or OTLP/JSON trace requests. */
export type ReceiptExportFormat = 'jsonl' | 'otlp-json';

/** Every {@link ReceiptExportFormat}. */
export const RECEIPT_EXPORT_FORMATS = ['jsonl', 'otlp-json'] as const satisfies readonly ReceiptExportFormat[];

/** What a receipt never holds, so no export can contain it (stated in every export's provenance). */
export const RECEIPT_NEVER_RECORDED = [
  'prompt and completion text (messages, tool calls and their results)',
  'credential values (only the source class, e.g. env:DEEPSEEK_API_KEY)',
  'request and response bodies, headers and provider error bodies',
  'URL query strings and user info',
] as const;

/** Options of {@link exportReceipts}. */
export interface ReceiptExportOptions {
  /** The receipts to export, e.g. `ledger.read({ since })`; they are read once, in order. */
  readonly receipts: Iterable<RouteReceipt> | AsyncIterable<RouteReceipt>;
  /** `jsonl` (a provenance header line, then one receipt per line) or `otlp-json` (OTLP/JSON trace requests). */
  readonly format: ReceiptExportFormat;
  /** Remove tag values, request digests and custom endpoints' origins and paths (see `redactReceipt`). */
  readonly redact?: boolean;
  /** Name of the tool that exports, written into the provenance (default `@codewhale/node`). */
  readonly tool?: string;
  /** Version of that tool. */
  readonly toolVersion: string;
  /** Only receipts that started at or after this time. */
  readonly since?: Date;
  /** Only receipts that started before this time. */
  readonly until?: Date;
  /**
   * Ledger lines skipped while reading (torn or invalid), recorded in the provenance as left out. Default: the length
   * of `receipts.skipped` after reading when `receipts` is a ledger reading (`ledger.read(...)`), else 0.
   */
  readonly skippedLines?: number;
  /** At most this many spans per OTLP/JSON line (default 1,000): each line is one complete request. */
  readonly spansPerLine?: number;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/** Where an export came from, what it holds and what it leaves out: the JSONL header line, the OTLP resource. */
export interface ReceiptExportProvenance {
  /** Always `codewhale.receipts.export`. */
  readonly kind: 'codewhale.receipts.export';
  /** Version of this provenance format. */
  readonly v: 1;
  /** The file's format. */
  readonly format: ReceiptExportFormat;
  /** The tool that exported. */
  readonly tool: string;
  /** Its version. */
  readonly toolVersion: string;
  /** When the export was made (ISO 8601 UTC). */
  readonly exportedAt: string;
  /** The requested lower bound (inclusive), when one was given. */
  readonly since?: string;
  /** The requested upper bound (exclusive), when one was given. */
  readonly until?: string;
  /** Start time of the earliest exported receipt (absent when none). */
  readonly first?: string;
  /** Start time of the latest exported receipt (absent when none). */
  readonly last?: string;
  /** How many receipts the file holds. */
  readonly receipts: number;
  /** The distinct catalog stamps of the exported receipts, sorted. */
  readonly catalogs: readonly string[];
  /** True when the receipts were redacted. */
  readonly redacted: boolean;
  /** What redaction removed (empty when not redacted). */
  readonly redactions: readonly string[];
  /** What receipts never hold, so this file cannot either. */
  readonly neverRecorded: readonly string[];
  /** Receipts given but outside `since`/`until`, left out. */
  readonly outsideRange: number;
  /** Receipts given that do not match the receipt schema, left out. */
  readonly invalid: number;
  /** Ledger lines skipped while reading (torn or invalid), left out. */
  readonly skippedLines: number;
}

/** An export: the file's text and its provenance. */
export interface ReceiptExport {
  /** The file's text (UTF-8, ends with a newline). */
  readonly text: string;
  /** What the file holds and leaves out (also inside the text). */
  readonly provenance: ReceiptExportProvenance;
}

/**
 * Turn receipts into an export file's text, with its provenance (tool and version, catalog stamps, time range,
 * redaction status, what was left out). `jsonl`: a first line `{"kind":"codewhale.receipts.export", ...}` with the
 * provenance, then one receipt per line. `otlp-json`: OTLP/JSON `ExportTraceServiceRequest` objects, one per line (at
 * most `spansPerLine` spans each), the provenance as `codewhale.export.*` resource attributes and one span per receipt
 * (see `receiptToSpan`), with trace and span ids derived from the receipt ids. Every receipt is checked against the
 * receipt schema first: only its fields go out, and one that does not match is left out and counted. Writes nothing:
 * see {@link writeReceiptExport}.
 */
export async function exportReceipts(options: ReceiptExportOptions): Promise<ReceiptExport> {
  if (!(RECEIPT_EXPORT_FORMATS as readonly string[]).includes(options.format))
    throw new ReceiptTelemetryError(
      RECEIPT_TELEMETRY_ERROR_CODES.EXPORT_FORMAT_INVALID,
      `Unknown receipt export format "${String(options.format).slice(0, 40)}": use ${RECEIPT_EXPORT_FORMATS.join(' or ')}.`,
    );
  const since = checkBound('since', options.since);
  const until = checkBound('until', options.until);
  const redact = options.redact === true;

  const receipts: RouteReceipt[] = [];
  const catalogs = new Set<string>();
  let outsideRange = 0;
  let invalid = 0;
  let first: number | undefined;
  let last: number | undefined;
  for await (const given of options.receipts) {
    // Only the receipt schema's fields go out: whatever else an object carries (a prompt, a key) is dropped here.
    const checked = checkRouteReceipt(given);
    if (!checked.ok) {
      invalid++;
      continue;
    }
    const receipt = checked.receipt;
    const time = Date.parse(receipt.time);
    if ((since !== undefined && !(time >= since)) || (until !== undefined && !(time < until))) {
      outsideRange++;
      continue;
    }
    receipts.push(redact ? redactReceipt(receipt) : receipt);
    catalogs.add(receipt.catalog);
    if (Number.isFinite(time)) {
      if (first === undefined || time < first) first = time;
      if (last === undefined || time > last) last = time;
    }
  }

  const provenance: ReceiptExportProvenance = {
    kind: 'codewhale.receipts.export',
    v: 1,
    format: options.format,
    tool: options.tool ?? RECEIPT_SCOPE_NAME,
    toolVersion: options.toolVersion,
    exportedAt: (options.now?.() ?? new Date()).toISOString(),
    ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
    ...(until !== undefined ? { until: new Date(until).toISOString() } : {}),
    ...(first !== undefined ? { first: new Date(first).toISOString() } : {}),
    ...(last !== undefined ? { last: new Date(last).toISOString() } : {}),
    receipts: receipts.length,
    catalogs: [...catalogs].sort(),
    redacted: redact,
    redactions: redact ? [...RECEIPT_REDACTIONS] : [],
    neverRecorded: [...RECEIPT_NEVER_RECORDED],
    outsideRange,
    invalid,
    skippedLines: options.skippedLines ?? skippedOf(options.receipts),
  };

  const lines =
    options.format === 'jsonl'
      ? [JSON.stringify(provenance), ...receipts.map((receipt) => JSON.stringify(receipt))]
      : otlpLines(receipts, provenance, options.spansPerLine ?? 1000);
  return { text: `${lines.join('\n')}\n`, provenance };
}

/**
 * Write an export's text to `path` atomically (temp file, fsync, rename) with mode 0600: readers see no file or the
 * whole file. Replaces an existing file. Failures are a {@link ReceiptTelemetryError} `RECEIPT_EXPORT_WRITE_FAILED`.
 */
export async function writeReceiptExport(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomically(path, text, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReceiptTelemetryError(
      RECEIPT_TELEMETRY_ERROR_CODES.EXPORT_WRITE_FAILED,
      `Could not write the receipt export to ${path}${code ? ` (${code})` : ''}: check that its directory exists and is writable. Nothing was written.`,
      { cause: error },
    );
  }
}

/** The number of lines a ledger reading skipped (its `skipped` list, filled while iterating), else 0. */
function skippedOf(receipts: unknown): number {
  const skipped = (receipts as { skipped?: unknown }).skipped;
  return Array.isArray(skipped) ? skipped.length : 0;
}

function checkBound(name: 'since' | 'until', value: Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(time))
    throw new ReceiptTelemetryError(
      RECEIPT_TELEMETRY_ERROR_CODES.EXPORT_RANGE_INVALID,
      `The export's ${name} bound is not a valid date: pass a Date (e.g. new Date("2026-12-01T00:00:00Z")).`,
    );
  return time;
}

/** The provenance as `codewhale.export.*` resource attributes (plus `service.name` / `service.version`). */
function resourceAttributes(provenance: ReceiptExportProvenance): OtlpKeyValue[] {
  const attributes: OtlpKeyValue[] = [
    otlpKeyValue('service.name', provenance.tool),
    otlpKeyValue('service.version', provenance.toolVersion),
    otlpKeyValue('codewhale.export.kind', provenance.kind),
    otlpKeyValue('codewhale.export.v', provenance.v),
    otlpKeyValue('codewhale.export.tool', provenance.tool),
    otlpKeyValue('codewhale.export.tool_version', provenance.toolVersion),
    otlpKeyValue('codewhale.export.exported_at', provenance.exportedAt),
  ];
  for (const key of ['since', 'until', 'first', 'last'] as const) {
    const value = provenance[key];
    if (value !== undefined) attributes.push(otlpKeyValue(`codewhale.export.${key}`, value));
  }
  attributes.push(
    otlpKeyValue('codewhale.export.receipts', provenance.receipts),
    otlpKeyValue('codewhale.export.catalogs', provenance.catalogs),
    otlpKeyValue('codewhale.export.redacted', provenance.redacted),
    otlpKeyValue('codewhale.export.redactions', provenance.redactions),
    otlpKeyValue('codewhale.export.never_recorded', provenance.neverRecorded),
    otlpKeyValue('codewhale.export.outside_range', provenance.outsideRange),
    otlpKeyValue('codewhale.export.invalid', provenance.invalid),
    otlpKeyValue('codewhale.export.skipped_lines', provenance.skippedLines),
  );
  return attributes;
}

function otlpLines(
  receipts: readonly RouteReceipt[],
  provenance: ReceiptExportProvenance,
  spansPerLine: number,
): string[] {
  const size = Number.isSafeInteger(spansPerLine) && spansPerLine > 0 ? spansPerLine : 1000;
  const resource = { attributes: resourceAttributes(provenance) };
  const scope = { name: RECEIPT_SCOPE_NAME, version: NODE_PACKAGE_VERSION };
  const lines: string[] = [];
  for (let start = 0; start === 0 || start < receipts.length; start += size) {
    const spans = receipts.slice(start, start + size).map((receipt) => otlpSpan(receiptToSpan(receipt)));
    lines.push(JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] }));
  }
  return lines;
}
