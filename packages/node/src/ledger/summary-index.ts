import { join } from 'node:path';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { nodeFsPromises } from '../lazy-builtins.js';
import { type LinePosition, readLines, recoverReceipts } from './ledger-lines.js';
import { rowOf, type SummaryRow } from './ledger-summary.js';

/**
 * @internal The folder (inside the ledger directory) of the summary index: per day file, the summary rows of its whole
 * lines (`<day file>.json`). A cache that `summarise` builds and keeps up to date, and can always rebuild from the day
 * files; it holds nothing the receipts do not (times, providers, models, tags, outcomes, token counts, costs, bytes).
 */
export const SUMMARY_INDEX_DIR = '.summary-index';
const INDEX_VERSION = 1;
/** Bytes of the day file just before the indexed end, kept to notice a file replaced since (not only grown). */
const END_CHECK_BYTES = 64;
const OUTCOMES: ReadonlySet<string> = new Set(['ok', 'http-error', 'network-error', 'aborted']);

/** A line the summary skipped (never its contents). */
export interface IndexedSkip {
  readonly line: number;
  readonly torn: boolean;
  readonly reason: string;
}

/** The index file of one day file. */
interface IndexFile {
  readonly v: typeof INDEX_VERSION;
  readonly file: string;
  /**
   * Which file the day file was (inode and creation time: a file written anew under the same name, even in a reused
   * inode, differs), and its bytes before `offset` (base64): the index is of this file, up to `offset`.
   */
  readonly identity: string;
  readonly end: string;
  readonly offset: number;
  readonly line: number;
  readonly rows: readonly unknown[][];
  readonly skipped: readonly IndexedSkip[];
}

/** @internal Where the index of a day file is. */
export function summaryIndexPath(dir: string, name: string): string {
  return join(dir, SUMMARY_INDEX_DIR, `${name}.json`);
}

/**
 * @internal Hands the summary row of every receipt in a day file to `onRow`, and every skipped line to `onSkip`, a
 * chunk at a time. With `useIndex`, the rows of the lines an earlier call indexed come from the index (checked against
 * the day file: same file, same bytes at the indexed end; any doubt and the file is read whole again), only the lines
 * appended since are parsed, and the index is brought up to date (best effort: a read-only directory only makes the
 * next call slower). The rows are the same either way.
 */
export async function* summaryRows(
  dir: string,
  name: string,
  onRow: (row: SummaryRow) => void,
  onSkip: (skip: IndexedSkip) => void,
  useIndex: boolean,
): AsyncGenerator<void> {
  const file = join(dir, name);
  const indexed = useIndex ? await loadIndex(dir, name) : undefined;
  const rows: unknown[][] = [];
  const skipped: IndexedSkip[] = [];
  if (indexed) {
    for (const row of indexed.rows) onRow(row);
    for (const skip of indexed.skipped) onSkip(skip);
    yield;
  }
  const position: LinePosition = indexed ? { offset: indexed.offset, line: indexed.line } : { offset: 0, line: 0 };
  const start = position.offset;
  const onLine = (text: string, line: number, torn: boolean): void => {
    if (text.length === 0) return;
    const found = recoverReceipts(text);
    for (const problem of found.problems) {
      const skip = { line, torn: torn || problem.torn, reason: problem.reason };
      onSkip(skip);
      // A last line without its newline may still be being written: read it again next time.
      if (!torn) skipped.push(skip);
    }
    for (const receipt of found.receipts) {
      const row = rowOf(receipt);
      onRow(row);
      if (useIndex && !torn) rows.push(rowToJson(row));
    }
  };
  yield* readLines(file, onLine, position);
  if (!useIndex || position.offset === start) return;
  await saveIndex(dir, name, position, indexed, rows, skipped).catch(() => undefined);
}

/** The index of a day file when it is valid for the file as it is now, else undefined. */
async function loadIndex(
  dir: string,
  name: string,
): Promise<
  | { rows: SummaryRow[]; raw: readonly unknown[][]; skipped: readonly IndexedSkip[]; offset: number; line: number }
  | undefined
> {
  const fs = nodeFsPromises();
  let text: string;
  try {
    text = await fs.readFile(summaryIndexPath(dir, name), 'utf8');
  } catch {
    return undefined;
  }
  let index: Partial<IndexFile>;
  try {
    index = JSON.parse(text) as Partial<IndexFile>;
  } catch {
    return undefined;
  }
  if (
    typeof index !== 'object' ||
    index === null ||
    index.v !== INDEX_VERSION ||
    index.file !== name ||
    !Number.isSafeInteger(index.offset) ||
    !Number.isSafeInteger(index.line) ||
    typeof index.end !== 'string' ||
    !Array.isArray(index.rows) ||
    !Array.isArray(index.skipped)
  )
    return undefined;
  const offset = index.offset as number;
  const ending = await fileEnding(join(dir, name), offset);
  if (ending === undefined || ending.identity !== index.identity || ending.end !== index.end) return undefined;
  const rows: SummaryRow[] = [];
  for (const value of index.rows) {
    const row = rowFromJson(value);
    if (!row) return undefined;
    rows.push(row);
  }
  for (const skip of index.skipped as unknown[]) if (!isSkip(skip)) return undefined;
  return { rows, raw: index.rows, skipped: index.skipped, offset, line: index.line as number };
}

async function saveIndex(
  dir: string,
  name: string,
  position: LinePosition,
  previous: { raw: readonly unknown[][]; skipped: readonly IndexedSkip[] } | undefined,
  rows: readonly unknown[][],
  skipped: readonly IndexedSkip[],
): Promise<void> {
  const ending = await fileEnding(join(dir, name), position.offset);
  if (!ending) return;
  const index: IndexFile = {
    v: INDEX_VERSION,
    file: name,
    identity: ending.identity,
    end: ending.end,
    offset: position.offset,
    line: position.line,
    rows: previous ? [...previous.raw, ...rows] : rows,
    skipped: previous ? [...previous.skipped, ...skipped] : skipped,
  };
  const indexDir = join(dir, SUMMARY_INDEX_DIR);
  await nodeFsPromises().mkdir(indexDir, { recursive: true, mode: 0o700 });
  // A cache: the next reader checks it against the day file and rebuilds it when in doubt, so no fsync is needed.
  await writeFileAtomically(summaryIndexPath(dir, name), JSON.stringify(index), { mode: 0o600, durable: false });
}

/** Which file this is, and its bytes just before `offset` (base64), or undefined when it is gone or shorter. */
async function fileEnding(file: string, offset: number): Promise<{ identity: string; end: string } | undefined> {
  let handle: Awaited<ReturnType<ReturnType<typeof nodeFsPromises>['open']>>;
  try {
    handle = await nodeFsPromises().open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (info.size < offset) return undefined;
    const length = Math.min(offset, END_CHECK_BYTES);
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, offset - length);
    if (bytesRead !== length) return undefined;
    return { identity: `${info.ino}:${info.birthtimeMs}`, end: bytes.toString('base64') };
  } finally {
    await handle.close();
  }
}

/** A row as stored: an array, smaller and faster to parse than an object with the field names. */
function rowToJson(row: SummaryRow): unknown[] {
  return [
    row.time,
    row.provider,
    row.wire,
    row.canonical,
    row.tags,
    row.outcome,
    row.usage,
    typeof row.cost === 'string' ? row.cost : [row.cost.currency, row.cost.amount],
    row.sent,
    row.received,
  ];
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A stored row back as a summary row, or undefined when it is not one (the index is then rebuilt). */
function rowFromJson(value: unknown): SummaryRow | undefined {
  if (!Array.isArray(value) || value.length !== 10) return undefined;
  const [time, provider, wire, canonical, tags, outcome, usage, cost, sent, received] = value as unknown[];
  if (!isText(time) || !isText(provider) || !isText(wire) || !(canonical === null || isText(canonical)))
    return undefined;
  if (!(tags === null || (typeof tags === 'object' && !Array.isArray(tags) && Object.values(tags).every(isText))))
    return undefined;
  if (!isText(outcome) || !OUTCOMES.has(outcome) || !isCount(sent) || !isCount(received)) return undefined;
  if (!(usage === null || (Array.isArray(usage) && usage.length === 6 && usage.every((n) => n === null || isCount(n)))))
    return undefined;
  let price: SummaryRow['cost'];
  if (isText(cost)) price = cost;
  else if (Array.isArray(cost) && cost.length === 2 && isText(cost[0]) && Number.isFinite(cost[1]) && cost[1] >= 0)
    price = { currency: cost[0], amount: cost[1] };
  else return undefined;
  return {
    time,
    provider,
    wire,
    canonical,
    tags: tags as SummaryRow['tags'],
    outcome: outcome as SummaryRow['outcome'],
    usage: usage as SummaryRow['usage'],
    cost: price,
    sent,
    received,
  };
}

function isSkip(value: unknown): value is IndexedSkip {
  if (typeof value !== 'object' || value === null) return false;
  const skip = value as Partial<IndexedSkip>;
  return isCount(skip.line) && typeof skip.torn === 'boolean' && isText(skip.reason);
}
