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
import { checkRouteReceipt, parseReceiptLine, type RouteReceipt } from './route-receipt.js';
import { defaultReceiptsDir } from './state-dir.js';

/** Longest ledger line `append` writes (a receipt is a few hundred bytes; this leaves room for reasoning parameters and tags). */
export const RECEIPT_LINE_MAX_BYTES = 64 * 1024;

const FILE_NAME = /^receipts-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const NEWLINE = 0x0a;
const DAY_MS = 86_400_000;
/** Every receipt line starts like this (`v` is the schema's first key), so a line glued onto a torn one can be found. */
const LINE_START = '{"v":';

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
  /** The receipts matching a query; damaged and torn lines are skipped and reported in `skipped`, never thrown. */
  read(query?: LedgerQuery): LedgerReading;
  /** Totals per provider / model / day / tag of the receipts matching a query. */
  summarise(by: SummaryKey, options?: SummariseOptions): Promise<LedgerSummary>;
  /** Apply retention (`keepDays`) and the size cap (`maxBytes`). */
  prune(): Promise<PruneResult>;
  /** Close the file `append` keeps open (the next append opens it again). */
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

  // The file appended to last stays open (appends in a row cost one fstat, one pread and one write each).
  let current: { readonly file: string; readonly fd: number } | undefined;
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
      let out = line;
      if (info.size > 0 && readSync(fd, lastByte, 0, 1, info.size - 1) === 1 && lastByte[0] !== NEWLINE)
        out = Buffer.concat([Buffer.from('\n'), line]);
      // One write of the whole line on a file opened with O_APPEND.
      const written = writeSync(fd, out);
      if (written !== out.length) throw new Error(`short write: ${written} of ${out.length} bytes (disk full?)`);
    } catch (error) {
      closeFile();
      throw new LedgerError(LEDGER_ERROR_CODES.WRITE_FAILED, `Could not append to the receipts file ${file}.`, {
        cause: error,
      });
    }
    options.onAppend?.(checked.receipt);
    return checked.receipt;
  };

  /**
   * Hands every matching receipt to `onReceipt`, a chunk of lines at a time: the generator pauses after each chunk (one
   * await per chunk, not per receipt, and nothing kept alive longer than it must be).
   */
  const scan = async function* (
    query: LedgerQuery,
    skipped: SkippedLine[],
    onReceipt: (receipt: RouteReceipt) => void,
  ): AsyncGenerator<void> {
    const match = compileQuery(query);
    for (const name of await receiptFiles(dir, match.firstDay, match.lastDay)) {
      const onLine = (text: string, line: number, torn: boolean): void => {
        if (text.length === 0) return;
        const receipts = recoverReceipts(text);
        for (const problem of receipts.problems)
          skipped.push({ file: name, line, torn: torn || problem.torn, reason: problem.reason });
        for (const receipt of receipts.receipts) if (match.test(receipt)) onReceipt(receipt);
      };
      yield* readLines(join(dir, name), onLine);
    }
  };

  const read = (query: LedgerQuery = {}): LedgerReading => {
    const skipped: SkippedLine[] = [];
    return {
      skipped,
      async *[Symbol.asyncIterator]() {
        const batch: RouteReceipt[] = [];
        for await (const _ of scan(query, skipped, (receipt) => batch.push(receipt))) {
          yield* batch;
          batch.length = 0;
        }
      },
    };
  };

  const summarise = async (by: SummaryKey, summariseOptions: SummariseOptions = {}): Promise<LedgerSummary> => {
    const groups = new Map<string, GroupTotals>();
    const total = newTotals('total');
    const skipped: SkippedLine[] = [];
    const add = (receipt: RouteReceipt): void => {
      addTo(total, receipt);
      for (const key of groupKeys(by, receipt, summariseOptions.tagName)) {
        let group = groups.get(key);
        if (!group) {
          group = newTotals(key);
          groups.set(key, group);
        }
        addTo(group, receipt);
      }
    };
    for await (const _ of scan(summariseOptions, skipped, add));
    return {
      by,
      groups: [...groups.values()].sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : 1)),
      total,
      skipped,
    };
  };

  const prune = async (): Promise<PruneResult> => {
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
    return { removed, keptBytes, overCap: maxBytes !== undefined && keptBytes > maxBytes };
  };

  return Object.freeze({ dir, append, read, summarise, prune, close: closeFile });
}

/** Make a file or directory we own no more open than `mode` (group/other bits dropped). Not on Windows. */
function tightenMode(info: Stats, mode: number, chmod: (mode: number) => void): void {
  if (process.platform === 'win32') return;
  if ((info.mode & 0o077) === 0) return;
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) return;
  chmod(mode);
}

/** The UTC day (`YYYY-MM-DD`) of a time. */
function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
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

/**
 * Hands the lines of a file to `onLine`, a chunk at a time (a ledger file can be large), pausing after each chunk. The
 * last line is `torn` when no newline ends it.
 */
async function* readLines(
  file: string,
  onLine: (text: string, line: number, torn: boolean) => void,
): AsyncGenerator<void> {
  let handle: Awaited<ReturnType<ReturnType<typeof nodeFsPromises>['open']>>;
  try {
    handle = await nodeFsPromises().open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // pruned meanwhile
    throw error;
  }
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let rest: Buffer = Buffer.alloc(0);
    let line = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      const data = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        line += 1;
        onLine(data.toString('utf8', start, end), line, false);
        start = end + 1;
      }
      rest = Buffer.from(data.subarray(start));
      yield;
    }
    if (rest.length > 0) {
      onLine(rest.toString('utf8'), line + 1, true);
      yield;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The receipts of one line: normally one. A line whose start was torn off by a killed writer and glued to the next
 * writer's receipt is split at the last receipt start, so the whole receipt after the fragment is kept.
 */
function recoverReceipts(text: string): {
  receipts: RouteReceipt[];
  problems: { torn: boolean; reason: string }[];
} {
  const parsed = parseReceiptLine(text);
  if (parsed.ok) return { receipts: [parsed.receipt], problems: [] };
  const glued = text.lastIndexOf(LINE_START);
  if (glued > 0) {
    const tail = parseReceiptLine(text.slice(glued));
    if (tail.ok)
      return {
        receipts: [tail.receipt],
        problems: [{ torn: true, reason: 'a torn fragment of an earlier append, followed by a whole receipt (kept)' }],
      };
  }
  // A line that starts like a receipt but is not JSON is what a writer killed mid-append leaves: a torn line.
  const torn = text.startsWith(LINE_START) && parsed.reason.startsWith('not JSON');
  return { receipts: [], problems: [{ torn, reason: parsed.reason }] };
}

function timeOf(value: Date | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms))
    throw new LedgerError(
      LEDGER_ERROR_CODES.INVALID_OPTION,
      `${name} is not a valid time (use ISO 8601, e.g. 2026-12-01T00:00:00Z).`,
    );
  return ms;
}

function compileQuery(query: LedgerQuery): {
  firstDay?: string;
  lastDay?: string;
  test: (receipt: RouteReceipt) => boolean;
} {
  const since = timeOf(query.since, 'since');
  const until = timeOf(query.until, 'until');
  const tags = query.tag ? Object.entries(query.tag) : [];
  return {
    ...(since !== undefined ? { firstDay: dayOf(new Date(since)) } : {}),
    ...(until !== undefined ? { lastDay: dayOf(new Date(until - 1)) } : {}),
    test: (receipt) => {
      if (since !== undefined || until !== undefined) {
        const time = Date.parse(receipt.time);
        if (since !== undefined && time < since) return false;
        if (until !== undefined && time >= until) return false;
      }
      if (query.provider !== undefined && receipt.provider !== query.provider) return false;
      if (query.model !== undefined && receipt.model.wire !== query.model && receipt.model.canonical !== query.model)
        return false;
      for (const [name, value] of tags) if (receipt.tags?.[name] !== value) return false;
      return true;
    },
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type GroupTotals = Mutable<Omit<SummaryGroup, 'cost' | 'costUnknown'>> & {
  cost: Record<string, number>;
  costUnknown: { count: number; reasons: Record<string, number> };
};

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

function addTo(group: GroupTotals, receipt: RouteReceipt): void {
  group.requests += 1;
  const outcome = receipt.outcome.kind;
  if (outcome === 'ok') group.ok += 1;
  else {
    group.errors += 1;
    if (outcome === 'http-error') group.httpErrors += 1;
    else if (outcome === 'network-error') group.networkErrors += 1;
    else group.aborted += 1;
  }
  if (receipt.usage.known) {
    const usage = receipt.usage.usage;
    group.tokens.input += usage.inputTokens ?? 0;
    group.tokens.cachedInput += usage.cachedInputTokens ?? 0;
    group.tokens.cacheWrite += usage.cacheWriteTokens ?? 0;
    group.tokens.output += usage.outputTokens ?? 0;
    group.tokens.reasoning += usage.reasoningTokens ?? 0;
    group.tokens.total += usage.totalTokens ?? 0;
  } else group.usageUnknown += 1;
  if (receipt.cost.known)
    group.cost[receipt.cost.currency] = (group.cost[receipt.cost.currency] ?? 0) + receipt.cost.amount;
  else {
    group.costUnknown.count += 1;
    group.costUnknown.reasons[receipt.cost.reason] = (group.costUnknown.reasons[receipt.cost.reason] ?? 0) + 1;
  }
  group.bytes.sent += receipt.bytes.sent;
  group.bytes.received += receipt.bytes.received;
}

function groupKeys(by: SummaryKey, receipt: RouteReceipt, tagName: string | undefined): readonly string[] {
  switch (by) {
    case 'provider':
      return [receipt.provider];
    case 'model':
      return [receipt.model.canonical ?? receipt.model.wire];
    case 'day':
      return [receipt.time.slice(0, 10)];
    case 'tag': {
      if (tagName !== undefined) {
        const value = receipt.tags?.[tagName];
        return [value === undefined ? '(untagged)' : `${tagName}=${value}`];
      }
      const entries = Object.entries(receipt.tags ?? {});
      return entries.length === 0 ? ['(untagged)'] : entries.map(([name, value]) => `${name}=${value}`);
    }
  }
}
