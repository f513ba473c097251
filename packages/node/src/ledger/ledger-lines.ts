import { nodeFsPromises } from '../lazy-builtins.js';
import { parseReceiptLine, type RouteReceipt } from './route-receipt.js';

const NEWLINE = 0x0a;
/** Every receipt line starts like this (`v` is the schema's first key), so a line glued onto a torn one can be found. */
export const LINE_START = '{"v":';

/** Where a reading of a ledger file starts, and (after it) how far it got: the byte after the last whole line. */
export interface LinePosition {
  /** Bytes of whole lines (each ended by a newline) read so far. */
  offset: number;
  /** Whole lines read so far. */
  line: number;
}

/**
 * Hands the lines of a file to `onLine` from `position` on, a chunk at a time (a ledger file can be large), pausing
 * after each chunk, and moves `position` past each whole line. The last line is `torn` when no newline ends it (it is
 * not counted in `position`: a writer may still be appending it). A file that is gone reads as empty.
 */
export async function* readLines(
  file: string,
  onLine: (text: string, line: number, torn: boolean) => void,
  position: LinePosition = { offset: 0, line: 0 },
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
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position.offset + rest.length);
      if (bytesRead === 0) break;
      const data = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        position.line += 1;
        position.offset += end + 1 - start;
        onLine(data.toString('utf8', start, end), position.line, false);
        start = end + 1;
      }
      rest = Buffer.from(data.subarray(start));
      yield;
    }
    if (rest.length > 0) {
      onLine(rest.toString('utf8'), position.line + 1, true);
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
export function recoverReceipts(text: string): {
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
