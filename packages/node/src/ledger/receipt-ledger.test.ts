import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { receiptFixture } from './__fixtures__/receipt-fixture.js';
import { LedgerError } from './ledger-error.js';
import { openLedger, RECEIPT_LINE_MAX_BYTES, type Ledger, type LedgerQuery } from './receipt-ledger.js';
import type { RouteReceipt } from './route-receipt.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'codewhale-ledger-'));
  roots.push(root);
  return root;
}

async function all(ledger: Ledger, query?: LedgerQuery): Promise<RouteReceipt[]> {
  const out: RouteReceipt[] = [];
  for await (const receipt of ledger.read(query)) out.push(receipt);
  return out;
}

const posix = process.platform !== 'win32';

describe('openLedger: append', () => {
  it('creates the directory 0700 and one file 0600 per UTC day of the request start, one line per receipt', async () => {
    const dir = join(tempRoot(), 'state', 'receipts');
    const ledger = openLedger({ dir });
    const first = ledger.append(receiptFixture({ time: '2026-12-01T23:59:59.999Z' }));
    const second = ledger.append(receiptFixture({ time: '2026-12-02T00:00:00.000Z' }));
    expect(readdirSync(dir).sort()).toEqual(['receipts-2026-12-01.jsonl', 'receipts-2026-12-02.jsonl']);
    if (posix) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700);
      for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(dir, 'receipts-2026-12-01.jsonl'), 'utf8')).toBe(`${JSON.stringify(first)}\n`);
    expect(await all(ledger)).toEqual([first, second]);
  });

  it.runIf(posix)('tightens a ledger directory and file that are open to others (0755 / 0644 → 0700 / 0600)', () => {
    const dir = join(tempRoot(), 'receipts');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const file = join(dir, 'receipts-2026-12-01.jsonl');
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    openLedger({ dir }).append(receiptFixture());
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an invalid or oversized receipt with a typed error and writes nothing', () => {
    const dir = join(tempRoot(), 'receipts');
    const ledger = openLedger({ dir });
    const invalid = { ...receiptFixture(), cost: { known: true } } as unknown as RouteReceipt;
    expect(() => ledger.append(invalid)).toThrowError(expect.objectContaining({ code: 'LEDGER_RECEIPT_INVALID' }));
    const huge = receiptFixture({ reasoning: { params: { padding: 'x'.repeat(RECEIPT_LINE_MAX_BYTES) } } });
    try {
      ledger.append(huge);
      expect.unreachable();
    } catch (error) {
      expect(LedgerError.isInstance(error) && error.code).toBe('LEDGER_RECEIPT_TOO_LARGE');
    }
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it('starts a new line after a torn last line, keeps every earlier receipt and reports the fragment', async () => {
    const dir = join(tempRoot(), 'receipts');
    const ledger = openLedger({ dir });
    const before = ledger.append(receiptFixture());
    const file = join(dir, 'receipts-2026-12-01.jsonl');
    // A writer killed mid-append left half a line.
    appendFileSync(file, JSON.stringify(receiptFixture()).slice(0, 90));
    expect((await all(ledger)).map((receipt) => receipt.id)).toEqual([before.id]);
    const reading = ledger.read();
    for await (const _ of reading);
    expect(reading.skipped).toEqual([
      { file: 'receipts-2026-12-01.jsonl', line: 2, torn: true, reason: expect.any(String) },
    ]);

    const after = ledger.append(receiptFixture());
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4); // before, fragment, after, ''
    const again = ledger.read();
    expect((await collect(again)).map((receipt) => receipt.id)).toEqual([before.id, after.id]);
    // Still reported as torn: it starts like a receipt and is not JSON.
    expect(again.skipped).toEqual([
      { file: 'receipts-2026-12-01.jsonl', line: 2, torn: true, reason: expect.any(String) },
    ]);
  });

  it('recovers a whole receipt glued onto a torn fragment (a writer killed between the newline check and its write)', async () => {
    const dir = join(tempRoot(), 'receipts');
    mkdirSync(dir, { recursive: true });
    const glued = receiptFixture();
    writeFileSync(
      join(dir, 'receipts-2026-12-01.jsonl'),
      `${JSON.stringify(receiptFixture()).slice(0, 120)}${JSON.stringify(glued)}\n`,
    );
    const reading = openLedger({ dir }).read();
    expect(await collect(reading)).toEqual([glued]);
    expect(reading.skipped).toEqual([
      { file: 'receipts-2026-12-01.jsonl', line: 1, torn: true, reason: expect.stringMatching(/torn fragment/) },
    ]);
  });

  it('skips and reports damaged and foreign lines, ignores other files and a missing directory', async () => {
    const dir = join(tempRoot(), 'receipts');
    expect(await all(openLedger({ dir }))).toEqual([]);
    mkdirSync(dir, { recursive: true });
    const good = receiptFixture();
    writeFileSync(join(dir, 'receipts-2026-12-01.jsonl'), `not json\n\n{"v":1}\n${JSON.stringify(good)}\n{"v":7}\n`);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const reading = openLedger({ dir }).read();
    expect(await collect(reading)).toEqual([good]);
    expect(reading.skipped.map((line) => [line.line, line.torn])).toEqual([
      [1, false],
      [3, false],
      [5, false],
    ]);
    expect(reading.skipped[2]?.reason).toMatch(/v7 is not supported/);
  });

  it('keeps the file open between appends, and appends to a new file when another process removed it', async () => {
    const dir = join(tempRoot(), 'receipts');
    const ledger = openLedger({ dir });
    const first = ledger.append(receiptFixture({ time: '2026-12-01T10:00:00.000Z' }));
    // Another process's prune (its clock says the 1st is past keeping) removes the file this ledger has open.
    const other = openLedger({ dir, keepDays: 1, now: () => new Date('2026-12-09T00:00:00Z') });
    expect((await other.prune()).removed).toEqual(['receipts-2026-12-01.jsonl']);
    const second = ledger.append(receiptFixture({ time: '2026-12-01T11:00:00.000Z' }));
    expect((await all(ledger)).map((receipt) => receipt.id)).toEqual([second.id]);
    expect(first.id).not.toBe(second.id);
    ledger.close();
    ledger.close();
    const third = ledger.append(receiptFixture({ time: '2026-12-01T12:00:00.000Z' }));
    expect((await all(ledger)).map((receipt) => receipt.id)).toEqual([second.id, third.id]);
  });

  it('writes `v` first whatever the key order it is given (what recovers a receipt glued to a torn line)', async () => {
    const dir = join(tempRoot(), 'receipts');
    const { v, ...rest } = receiptFixture();
    openLedger({ dir }).append({ ...rest, v } as RouteReceipt);
    expect(readFileSync(join(dir, 'receipts-2026-12-01.jsonl'), 'utf8')).toMatch(/^\{"v":1,"id":/);
  });

  it('calls onAppend with the stored receipt', () => {
    const seen: string[] = [];
    const ledger = openLedger({ dir: join(tempRoot(), 'r'), onAppend: (receipt) => seen.push(receipt.id) });
    const stored = ledger.append(receiptFixture());
    expect(seen).toEqual([stored.id]);
  });
});

async function collect(reading: AsyncIterable<RouteReceipt>): Promise<RouteReceipt[]> {
  const out: RouteReceipt[] = [];
  for await (const receipt of reading) out.push(receipt);
  return out;
}

describe('openLedger: query and summarise', () => {
  const dir = join(tempRoot(), 'receipts');
  const ledger = openLedger({ dir });
  const source = { url: 'https://example.com/pricing', retrieved: '2026-11-30', kind: 'official' } as const;
  const usd = (amount: number): RouteReceipt['cost'] => ({
    known: true,
    amount,
    currency: 'USD',
    breakdown: [],
    source,
  });
  const a = ledger.append(receiptFixture({ time: '2026-11-30T08:00:00.000Z', cost: usd(0.5) }));
  const b = ledger.append(
    receiptFixture({
      time: '2026-12-01T08:00:00.000Z',
      provider: 'together',
      route: 'together:deepseek-ai/DeepSeek-V4',
      model: { wire: 'deepseek-ai/DeepSeek-V4', canonical: 'deepseek-v4-pro' },
      cost: { known: true, amount: 2, currency: 'CNY', breakdown: [], source },
      tags: { session: 's2', purpose: 'summary' },
    }),
  );
  const c = ledger.append(
    receiptFixture({
      time: '2026-12-01T09:00:00.000Z',
      model: { wire: 'deepseek-v4-flash' },
      outcome: { kind: 'http-error', status: 429 },
      usage: { known: false, reason: 'the answer carried no usage' },
      cost: { known: false, reason: 'usage unknown' },
      tags: { session: 's2' },
    }),
  );
  const d = ledger.append(
    receiptFixture({
      time: '2026-12-01T10:00:00.000Z',
      outcome: { kind: 'aborted' },
      cost: { known: false, reason: 'usage unknown' },
    }),
  );
  const e = ledger.append(
    receiptFixture({
      time: '2026-12-02T00:00:00.000Z',
      outcome: { kind: 'network-error', code: 'ECONNRESET' },
      cost: usd(0.25),
    }),
  );

  it('filters by time range (since inclusive, until exclusive), provider, model (wire or canonical) and tags', async () => {
    const ids = async (query: LedgerQuery) => (await all(ledger, query)).map((receipt) => receipt.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(await ids({ since: '2026-12-01T08:00:00Z', until: new Date('2026-12-01T10:00:00Z') })).toEqual([b.id, c.id]);
    expect(await ids({ since: '2026-12-01T10:00:00.000Z' })).toEqual([d.id, e.id]);
    expect(await ids({ provider: 'together' })).toEqual([b.id]);
    expect(await ids({ model: 'deepseek-v4-pro' })).toEqual([a.id, b.id, d.id, e.id]);
    expect(await ids({ model: 'deepseek-ai/DeepSeek-V4' })).toEqual([b.id]);
    expect(await ids({ tag: { session: 's2' } })).toEqual([b.id, c.id]);
    expect(await ids({ tag: { session: 's2', purpose: 'summary' } })).toEqual([b.id]);
    await expect(ids({ since: 'yesterday' })).rejects.toThrow(/not a valid time/);
  });

  it('sums known costs per currency and counts unknown costs apart with their reasons (never as 0)', async () => {
    const summary = await ledger.summarise('provider');
    expect(summary.total).toMatchObject({
      requests: 5,
      ok: 2,
      errors: 3,
      httpErrors: 1,
      networkErrors: 1,
      aborted: 1,
      usageUnknown: 1,
      cost: { USD: 0.75, CNY: 2 },
      costUnknown: { count: 2, reasons: { 'usage unknown': 2 } },
      tokens: { input: 400, cachedInput: 240, cacheWrite: 0, output: 80, reasoning: 0, total: 480 },
      bytes: { sent: 5 * 512, received: 5 * 2048 },
    });
    expect(summary.groups.map((group) => [group.key, group.requests, group.cost, group.costUnknown.count])).toEqual([
      ['deepseek', 4, { USD: 0.75 }, 2],
      ['together', 1, { CNY: 2 }, 0],
    ]);
  });

  it('groups by model (canonical, else wire), day and tag', async () => {
    const keys = async (by: 'model' | 'day' | 'tag', tagName?: string) =>
      Object.fromEntries(
        (await ledger.summarise(by, tagName ? { tagName } : {})).groups.map((group) => [group.key, group.requests]),
      );
    expect(await keys('model')).toEqual({ 'deepseek-v4-pro': 4, 'deepseek-v4-flash': 1 });
    expect(await keys('day')).toEqual({ '2026-11-30': 1, '2026-12-01': 3, '2026-12-02': 1 });
    expect(await keys('tag')).toEqual({ 'session=s1': 3, 'session=s2': 2, 'purpose=summary': 1 });
    expect(await keys('tag', 'purpose')).toEqual({ 'purpose=summary': 1, '(untagged)': 4 });
    const filtered = await ledger.summarise('day', { provider: 'deepseek', since: '2026-12-01T00:00:00Z' });
    expect(filtered.total.requests).toBe(3);
  });
});

describe('openLedger: prune', () => {
  function ledgerWithDays(days: readonly string[], options: { keepDays?: number; maxBytes?: number }) {
    const dir = join(tempRoot(), 'receipts');
    const ledger = openLedger({ dir, now: () => new Date('2026-12-10T12:00:00Z'), autoPrune: false, ...options });
    for (const day of days) ledger.append(receiptFixture({ time: `${day}T12:00:00.000Z` }));
    return { dir, ledger };
  }

  // @see issue 16 item 3: retention set in the config applies without the host calling prune().
  it('applies keepDays by itself on the first append to a new day file, in the background', async () => {
    const dir = join(tempRoot(), 'receipts');
    const old = openLedger({ dir, autoPrune: false });
    old.append(receiptFixture({ time: '2026-11-01T12:00:00.000Z' }));
    old.close();
    const errors: unknown[] = [];
    const ledger = openLedger({
      dir,
      keepDays: 3,
      now: () => new Date('2026-12-10T12:00:00Z'),
      onRetentionError: (error) => errors.push(error),
    });
    ledger.append(receiptFixture({ time: '2026-12-10T12:00:00.000Z' }));
    // The append returned at once; the prune it started finishes soon after.
    for (let attempt = 0; attempt < 200 && readdirSync(dir).length > 1; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(readdirSync(dir)).toEqual(['receipts-2026-12-10.jsonl']);
    expect(errors).toEqual([]);
    ledger.close();
  });

  it('keeps keepDays UTC days, today included', async () => {
    const { dir, ledger } = ledgerWithDays(['2026-12-01', '2026-12-08', '2026-12-09', '2026-12-10'], { keepDays: 2 });
    const result = await ledger.prune();
    expect(result.removed).toEqual(['receipts-2026-12-01.jsonl', 'receipts-2026-12-08.jsonl']);
    expect(readdirSync(dir).sort()).toEqual(['receipts-2026-12-09.jsonl', 'receipts-2026-12-10.jsonl']);
    expect(result.overCap).toBe(false);
  });

  it('removes the oldest days until the total is under maxBytes, never today', async () => {
    const line = Buffer.byteLength(`${JSON.stringify(receiptFixture())}\n`);
    const { dir, ledger } = ledgerWithDays(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'], {
      maxBytes: 2 * line + 10,
    });
    const result = await ledger.prune();
    expect(result.removed).toEqual(['receipts-2026-12-07.jsonl', 'receipts-2026-12-08.jsonl']);
    expect(readdirSync(dir).sort()).toEqual(['receipts-2026-12-09.jsonl', 'receipts-2026-12-10.jsonl']);
    const tight = ledgerWithDays(['2026-12-10', '2026-12-10'], { maxBytes: 10 });
    expect(await tight.ledger.prune()).toEqual({ removed: [], keptBytes: 2 * line, overCap: true });
  });

  it('does nothing without options, and refuses out-of-range options', async () => {
    const { ledger } = ledgerWithDays(['2026-01-01'], {});
    expect((await ledger.prune()).removed).toEqual([]);
    expect(() => openLedger({ keepDays: 0 })).toThrow(/keepDays/);
    expect(() => openLedger({ maxBytes: 1.5 })).toThrow(/maxBytes/);
  });
});
