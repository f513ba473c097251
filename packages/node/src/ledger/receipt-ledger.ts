import {
  chmodSync,
  closeSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { nodeFsPromises } from '../lazy-builtins.js';
import { LEDGER_ERROR_CODES, LedgerError } from './ledger-error.js';
import { readLines, recoverReceipts } from './ledger-lines.js';
import {
  compileQuery,
  createSummaryTotals,
  dayOf,
  type LedgerQuery,
  queryFieldsOf,
  type SummaryGroup,
  type SummaryKey,
} from './ledger-summary.js';
import { flushReceipts } from './pending-receipts.js';
import { checkRouteReceipt, type RouteReceipt } from './route-receipt.js';
import { defaultReceiptsDir } from './state-dir.js';
import { SUMMARY_INDEX_DIR, summaryIndexPath, summaryRows } from './summary-index.js';

export type { LedgerQuery, SummaryGroup, SummaryKey } from './ledger-summary.js';

/** Longest ledger line `append` writes (a receipt is a few hundred bytes; this leaves room for reasoning parameters and tags). */
export const RECEIPT_LINE_MAX_BYTES = 64 * 1024;

const FILE_NAME = /^receipts-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const NEWLINE = 0x0a;
const DAY_MS = 86_400_000;

/** Options of {@link openLedger}. */
export interface LedgerOptions {
  /** The ledger's directory (default: `defaultReceiptsDir()`, i.e. `<state dir>/receipts`). Created 0700 on first append. */
  readonly dir?: string;
  /**
   * Retention: UTC days kept, today included (1 keeps today only). Applied by `prune()`, and by itself in the background
   * on the first append to each day's file. Unset: no age limit.
   */
  readonly keepDays?: number;
  /** Size cap (applied like `keepDays`): total bytes of receipt files; the oldest days go first, today's never. Unset: no cap. */
  readonly maxBytes?: number;
  /** The clock `prune()` uses for "today" (default: the system clock). */
  readonly now?: () => Date;
  /**
   * Apply `keepDays` and `maxBytes` by themselves, in the background, on the first append to each day's file (default
   * true). False: only when you call `prune()`.
   */
  readonly autoPrune?: boolean;
  /** Hears a failure of the automatic retention (`keepDays`, `maxBytes`), which never fails an append. Default: ignored. */
  readonly onRetentionError?: (error: unknown) => void;
  /** Called after each receipt is durably appended (e.g. to emit a span); an error it throws is not the ledger's. */
  readonly onAppend?: (receipt: RouteReceipt) => void;
  /**
   * Keep a summary index beside the day files (in `.summary-index/`, default true): `summarise` then parses only the
   * receipts appended since its last call. A cache of what the receipts hold, rebuilt whenever it does not match its
   * day file, and removed with it. False: `summarise` reads every receipt each time and writes nothing.
   */
  readonly summaryIndex?: boolean;
}

/** A ledger line that was skipped: where, and why (never its contents). */
export interface SkippedLine {
  /** File name inside the ledger directory. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /**
   * True for what a writer killed mid-append leaves: the start of a receipt line that is not JSON (followed by the next
   * append's line), or a last line without its newline (which may also be an append still being written).
   */
  readonly torn: boolean;
  readonly reason: string;
}

/** The receipts a query matched, in file order, plus the lines skipped on the way (filled while iterating). */
export interface LedgerReading extends AsyncIterable<RouteReceipt> {
  /** Lines that were not receipts: torn lines, damaged or foreign lines. */
  readonly skipped: readonly SkippedLine[];
}

/** A summary of the receipts a query matched. */
export interface LedgerSummary {
  readonly by: SummaryKey;
  /** Groups, largest request count first. */
  readonly groups: readonly SummaryGroup[];
  /** Totals over every matched receipt (each counted once, also when `by: 'tag'` puts it in several groups). */
  readonly total: SummaryGroup;
  readonly skipped: readonly SkippedLine[];
}

/** Options of `summarise`. */
export interface SummariseOptions extends LedgerQuery {
  /** With `by: 'tag'`: group by this tag's value only (receipts without it go to `(untagged)`). */
  readonly tagName?: string;
}

/** What `prune()` did. */
export interface PruneResult {
  /** File names removed. */
  readonly removed: readonly string[];
  /** Total bytes of the receipt files left. */
  readonly keptBytes: number;
  /** True when today's file alone is over `maxBytes` (it is never removed). */
  readonly overCap: boolean;
}

/** The receipts ledger: append-only JSON Lines, one file per UTC day of the request's start. */
export interface Ledger {
  /** The directory holding `receipts-YYYY-MM-DD.jsonl`. */
  readonly dir: string;
  /**
   * Validate and append one receipt as one line, with one `write` on a file opened for appending (0600), and return the
   * stored receipt (unknown keys dropped). Synchronous: when it returns, the line is in the file. The file stays open
   * until the next append goes to another day's file, `prune()` or `close()`.
   */
  append(receipt: RouteReceipt): RouteReceipt;
  /**
   * The receipts matching a query; damaged and torn lines are skipped and reported in `skipped`, never thrown. Like
   * `summarise` and `prune`, it first writes the receipts of requests that are over (see `flushReceipts`).
   */
  read(query?: LedgerQuery): LedgerReading;
  /** Totals per provider / model / day / tag of the receipts matching a query. */
  summarise(by: SummaryKey, options?: SummariseOptions): Promise<LedgerSummary>;
  /** Apply retention (`keepDays`) and the size cap (`maxBytes`). */
  prune(): Promise<PruneResult>;
  /** Write the receipts of requests that are over (see `flushReceipts`), then close the file `append` keeps open (the next append opens it again). */
  close(): void;
}

/** Open the receipts ledger (nothing is created until the first append). */
export function openLedger(options: LedgerOptions = {}): Ledger {
  const dir = options.dir ?? defaultReceiptsDir();
  const now = options.now ?? (() => new Date());
  const { keepDays, maxBytes } = options;
  if (keepDays !== undefined && !(Number.isInteger(keepDays) && keepDays >= 1))
    throw new LedgerError(LEDGER_ERROR_CODES.INVALID_OPTION, 'keepDays must be a whole number of days, at least 1.');
  if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes >= 1))
    throw new LedgerError(LEDGER_ERROR_CODES.INVALID_OPTION, 'maxBytes must be a whole number of bytes, at least 1.');
  let dirReady = false;
  const checkedFiles = new Set<string>();
  const lastByte = Buffer.alloc(1);

  const ensureDir = (): void => {
    if (dirReady) return;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    tightenMode(statSync(dir), 0o700, (mode) => chmodSync(dir, mode));
    dirReady = true;
  };

  // The file appended to last stays open (appends in a row cost one fstat and one write each, plus one pread of the
  // last byte when another process appended since).
  // `end`: the file's size right after this ledger's last append through `fd` (when nobody else appended first).
  let current: { readonly file: string; readonly fd: number; end?: number } | undefined;
  const openFile = (file: string): number => {
    if (current?.file === file) return current.fd;
    closeFile();
    ensureDir();
    // 'a+' = O_APPEND | O_CREAT | O_RDWR: every write lands at the end, atomically with respect to other appenders.
    const fd = openSync(file, 'a+', 0o600);
    current = { file, fd };
    applyRetention(file);
    return fd;
  };
  // Retention and the size cap apply by themselves: once per day file a process starts appending to (so at least once a
  // day in a long-running host), in the background, never failing or delaying an append.
  const retained = new Set<string>();
  const applyRetention = (file: string): void => {
    if (options.autoPrune === false || (keepDays === undefined && maxBytes === undefined) || retained.has(file)) return;
    retained.add(file);
    // After this append (prune may close the file this append is about to write).
    setImmediate(() => {
      prune().catch((error: unknown) => options.onRetentionError?.(error));
    });
  };
  const closeFile = (): void => {
    if (!current) return;
    const { fd } = current;
    current = undefined;
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  };

  const append = (receipt: RouteReceipt): RouteReceipt => {
    const checked = checkRouteReceipt(receipt);
    if (!checked.ok)
      throw new LedgerError(
        LEDGER_ERROR_CODES.RECEIPT_INVALID,
        `Not a valid receipt (${checked.reason}); nothing was written.`,
      );
    // `v` first, whatever the caller's key order: every line starts with LINE_START (see recoverReceipts).
    const { v, ...fields } = checked.receipt;
    const line = Buffer.from(`${JSON.stringify({ v, ...fields })}\n`, 'utf8');
    if (line.length > RECEIPT_LINE_MAX_BYTES)
      throw new LedgerError(
        LEDGER_ERROR_CODES.RECEIPT_TOO_LARGE,
        `The receipt is ${line.length} bytes as a line, over the ${RECEIPT_LINE_MAX_BYTES}-byte limit (large reasoning parameters or tags?); nothing was written.`,
      );
    const file = join(dir, fileNameOf(checked.receipt.time));
    try {
      let fd = openFile(file);
      let info = fstatSync(fd);
      // Removed meanwhile (another process's prune): append to a new file of that name, not to the removed one.
      if (info.nlink === 0) {
        closeFile();
        fd = openFile(file);
        info = fstatSync(fd);
      }
      if (!checkedFiles.has(file)) {
        tightenMode(info, 0o600, (mode) => fchmodSync(fd, mode));
        checkedFiles.add(file);
      }
      // A torn last line (a writer killed mid-append) must not swallow this receipt: start a new line after it. A
      // writer dying between this check and the write below can still glue a fragment in front of this line; `read`
      // recovers the receipt from such a line, as every line starts with LINE_START.
      // The file ends where this ledger's last append to it ended: that line's own newline ends it, no need to look.
      let out = line;
      if (
        info.size > 0 &&
        info.size !== current?.end &&
        readSync(fd, lastByte, 0, 1, info.size - 1) === 1 &&
        lastByte[0] !== NEWLINE
      )
        out = Buffer.concat([Buffer.from('\n'), line]);
      // One write of the whole line on a file opened with O_APPEND.
      const written = writeSync(fd, out);
      if (written !== out.length) throw new Error(`short write: ${written} of ${out.length} bytes (disk full?)`);
      // With O_APPEND the line landed at the end: where the file ends now, unless another process appended meanwhile.
      if (current) current.end = info.size + written;
    } catch (error) {
      closeFile();
      throw new LedgerError(LEDGER_ERROR_CODES.WRITE_FAILED, `Could not append to the receipts file ${file}.`, {
        cause: error,
      });
    }
    options.onAppend?.(checked.receipt);
    return checked.receipt;
  };

  const invalidTime = (name: string): LedgerError =>
    new LedgerError(
      LEDGER_ERROR_CODES.INVALID_OPTION,
      `${name} is not a valid time (use ISO 8601, e.g. 2026-12-01T00:00:00Z).`,
    );

  const read = (query: LedgerQuery = {}): LedgerReading => {
    const skipped: SkippedLine[] = [];
    return {
      skipped,
      async *[Symbol.asyncIterator]() {
        flushReceipts();
        const match = compileQuery(query, invalidTime);
        const batch: RouteReceipt[] = [];
        for (const name of await receiptFiles(dir, match.firstDay, match.lastDay)) {
          const onLine = (text: string, line: number, torn: boolean): void => {
            if (text.length === 0) return;
            const found = recoverReceipts(text);
            for (const problem of found.problems)
              skipped.push({ file: name, line, torn: torn || problem.torn, reason: problem.reason });
            for (const receipt of found.receipts) if (match.test(queryFieldsOf(receipt))) batch.push(receipt);
          };
          // A chunk of lines at a time: one await per chunk, not per receipt, and nothing kept longer than it must be.
          for await (const _ of readLines(join(dir, name), onLine)) {
            yield* batch;
            batch.length = 0;
          }
        }
      },
    };
  };

  const summarise = async (by: SummaryKey, summariseOptions: SummariseOptions = {}): Promise<LedgerSummary> => {
    flushReceipts();
    const match = compileQuery(summariseOptions, invalidTime);
    const totals = createSummaryTotals(by, summariseOptions.tagName);
    const skipped: SkippedLine[] = [];
    for (const name of await receiptFiles(dir, match.firstDay, match.lastDay)) {
      const rows = summaryRows(
        dir,
        name,
        (row) => {
          if (match.test(row)) totals.add(row);
        },
        (skip) => skipped.push({ file: name, ...skip }),
        options.summaryIndex !== false,
      );
      for await (const _ of rows);
    }
    return { by, groups: totals.groups(), total: totals.total, skipped };
  };

  const prune = async (): Promise<PruneResult> => {
    flushReceipts();
    closeFile();
    const fs = nodeFsPromises();
    const today = dayOf(now());
    const files: { name: string; day: string; size: number }[] = [];
    for (const name of await receiptFiles(dir)) {
      try {
        files.push({
          name,
          day: (FILE_NAME.exec(name) as RegExpExecArray)[1] as string,
          size: (await fs.stat(join(dir, name))).size,
        });
      } catch {
        // Removed meanwhile by another process.
      }
    }
    files.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const removed: string[] = [];
    const remove = async (name: string): Promise<void> => {
      await fs.rm(join(dir, name), { force: true });
      await fs.rm(summaryIndexPath(dir, name), { force: true });
      removed.push(name);
    };
    const firstKept =
      keepDays === undefined ? undefined : dayOf(new Date(Date.parse(`${today}T00:00:00Z`) - (keepDays - 1) * DAY_MS));
    let left = files;
    if (firstKept !== undefined) {
      for (const file of files) if (file.day < firstKept) await remove(file.name);
      left = files.filter((file) => file.day >= firstKept);
    }
    let keptBytes = left.reduce((sum, file) => sum + file.size, 0);
    if (maxBytes !== undefined) {
      for (const file of left) {
        if (keptBytes <= maxBytes || file.day >= today) break;
        await remove(file.name);
        keptBytes -= file.size;
      }
    }
    await removeOrphanIndexes(dir);
    return { removed, keptBytes, overCap: maxBytes !== undefined && keptBytes > maxBytes };
  };

  const close = (): void => {
    flushReceipts();
    closeFile();
  };

  return Object.freeze({ dir, append, read, summarise, prune, close });
}

/** Make a file or directory we own no more open than `mode` (group/other bits dropped). Not on Windows. */
function tightenMode(info: Stats, mode: number, chmod: (mode: number) => void): void {
  if (process.platform === 'win32') return;
  if ((info.mode & 0o077) === 0) return;
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) return;
  chmod(mode);
}

/** The file of a receipt: the UTC day its request started. */
function fileNameOf(time: string): string {
  return `receipts-${dayOf(new Date(time))}.jsonl`;
}

/** Receipt files in the directory, oldest day first, optionally limited to a day range; none when it does not exist. */
async function receiptFiles(dir: string, firstDay?: string, lastDay?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await nodeFsPromises().readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => {
      const day = FILE_NAME.exec(name)?.[1];
      return (
        day !== undefined && (firstDay === undefined || day >= firstDay) && (lastDay === undefined || day <= lastDay)
      );
    })
    .sort();
}

/** Remove the summary index files whose day file is gone (removed by hand, or by a prune that was interrupted). */
async function removeOrphanIndexes(dir: string): Promise<void> {
  const fs = nodeFsPromises();
  const names = await fs.readdir(join(dir, SUMMARY_INDEX_DIR)).catch(() => [] as string[]);
  for (const name of names) {
    const dayFile = name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
    if (dayFile === undefined || !FILE_NAME.test(dayFile)) continue;
    const exists = await fs.stat(join(dir, dayFile)).then(
      () => true,
      () => false,
    );
    if (!exists) await fs.rm(join(dir, SUMMARY_INDEX_DIR, name), { force: true });
  }
}
