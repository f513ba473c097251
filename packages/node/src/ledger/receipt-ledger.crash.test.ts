import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from './receipt-ledger.js';
import { parseReceiptLine } from './route-receipt.js';

// Real `node` children appending through the built package (turbo builds before tests), killed with SIGKILL.
const writer = fileURLToPath(new URL('./__fixtures__/receipt-writer.mjs', import.meta.url));
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-ledger-crash-'));
  dirs.push(dir);
  return dir;
}

/** A writer child and the ids it acknowledged (printed after `append` returned). */
function start(
  dir: string,
  id: number,
  count: number | 'forever',
): { child: ChildProcess; acked: string[]; firstAck: Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, [writer, dir, String(id), String(count)], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let pending = '';
  let onFirst: () => void = () => {};
  const firstAck = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    acked.push(...lines);
    if (acked.length > 0) onFirst();
  });
  child.once('exit', () => onFirst());
  return { child, acked, firstAck, stderr: () => stderr };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });
}

/** Every raw line of every ledger file: the ones that parse, and the ones that do not (torn by a kill). */
function rawLines(dir: string): { whole: string[]; glued: string[]; broken: number; lastEndsWithNewline: boolean } {
  const whole: string[] = [];
  // A writer killed between its newline check and its write can leave a fragment glued in front of the next writer's
  // whole line: that line does not parse, but the receipt at its end is whole (and the ledger recovers it).
  const glued: string[] = [];
  let broken = 0;
  let lastEndsWithNewline = true;
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    lastEndsWithNewline = text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const parsed = parseReceiptLine(line);
      if (parsed.ok) whole.push(parsed.receipt.id);
      else {
        broken++;
        const start = line.lastIndexOf('{"v":');
        const tail = start > 0 ? parseReceiptLine(line.slice(start)) : undefined;
        if (tail?.ok) glued.push(tail.receipt.id);
      }
    }
  }
  return { whole, glued, broken, lastEndsWithNewline };
}

describe('receipts ledger under crashes and concurrency', () => {
  it('200 writers killed with SIGKILL mid-append lose no acknowledged receipt; only torn fragments fail to parse', async () => {
    const dir = tempDir();
    const acknowledged: string[] = [];
    let killed = 0;
    // 25 batches of 8 writers at once keep the wall time reasonable on a busy 2-core machine.
    for (let batch = 0; batch < 25; batch++) {
      const writers = Array.from({ length: 8 }, (_, index) => start(dir, batch * 8 + index, 'forever'));
      await Promise.all(
        writers.map(async ({ child, firstAck }) => {
          // Wait for its first acknowledged append (start-up varies), then kill at a random moment of the ones after it.
          await firstAck;
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 30)));
          child.kill('SIGKILL');
          await exited(child);
          if (child.signalCode === 'SIGKILL') killed++;
        }),
      );
      for (const { acked } of writers) acknowledged.push(...acked);
    }
    expect(killed).toBe(200);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const ledger = openLedger({ dir });
    const reading = ledger.read();
    const ids = new Set<string>();
    for await (const receipt of reading) ids.add(receipt.id);
    // No acknowledged receipt is lost.
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // On disk: every line is a whole receipt except fragments a kill tore (at most one per kill), and each of those
    // is reported as skipped, never thrown.
    const raw = rawLines(dir);
    expect(raw.broken).toBeLessThanOrEqual(200);
    expect(reading.skipped.filter((line) => line.torn)).toHaveLength(raw.broken);
    expect(new Set(raw.whole).size).toBe(raw.whole.length);
    // Every whole line, and every whole receipt glued behind a torn fragment, reads back; nothing else.
    expect(ids.size).toBe(raw.whole.length + raw.glued.length);

    // The next append starts on a line of its own whatever the last kill left, and reads back.
    const last = openLedger({ dir }).append({ ...(await firstReceipt(dir)), id: 'after-the-crashes' });
    const after = new Set<string>();
    for await (const receipt of openLedger({ dir }).read()) after.add(receipt.id);
    expect(after.has(last.id)).toBe(true);
    expect(after.size).toBe(ids.size + 1);
  }, 600_000);

  it('8 concurrent writers produce only whole lines: exactly one line per receipt', async () => {
    const dir = tempDir();
    const perWriter = 150;
    const writers = Array.from({ length: 8 }, (_, id) => start(dir, id, perWriter));
    await Promise.all(writers.map(({ child }) => exited(child)));
    for (const { child, stderr } of writers) expect(child.exitCode, stderr()).toBe(0);
    const acknowledged = writers.flatMap(({ acked }) => acked);
    expect(acknowledged).toHaveLength(8 * perWriter);

    const raw = rawLines(dir);
    expect(raw.broken).toBe(0);
    expect(raw.lastEndsWithNewline).toBe(true);
    expect(raw.whole).toHaveLength(8 * perWriter);
    expect(new Set(raw.whole)).toEqual(new Set(acknowledged));
    const text = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(8 * perWriter);
  }, 300_000);
});

async function firstReceipt(dir: string) {
  for await (const receipt of openLedger({ dir }).read()) return receipt;
  throw new Error('empty ledger');
}
