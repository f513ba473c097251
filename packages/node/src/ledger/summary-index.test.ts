import {
  appendFileSync,
  existsSync,
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
import { type LedgerOptions, openLedger, type SummariseOptions } from './receipt-ledger.js';
import type { SummaryKey } from './ledger-summary.js';
import { SUMMARY_INDEX_DIR, summaryIndexPath } from './summary-index.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'codewhale-summary-index-'));
  roots.push(root);
  return join(root, 'receipts');
}

const DAY1 = 'receipts-2026-11-30.jsonl';
const DAY2 = 'receipts-2026-12-01.jsonl';
const source = { url: 'https://example.com/pricing', retrieved: '2026-11-30', kind: 'official' } as const;

/** A ledger over two days with every kind of row a summary reads: costs in two currencies, unknown usage and cost, errors, tags, a damaged line. */
function ledgerWithReceipts(options: Omit<LedgerOptions, 'dir'> = {}) {
  const dir = tempDir();
  const ledger = openLedger({ dir, autoPrune: false, ...options });
  ledger.append(receiptFixture({ time: '2026-11-30T08:00:00.000Z' }));
  ledger.append(
    receiptFixture({
      time: '2026-11-30T09:00:00.000Z',
      provider: 'together',
      model: { wire: 'deepseek-ai/DeepSeek-V4' },
      cost: { known: true, amount: 2, currency: 'CNY', breakdown: [], source },
      tags: { session: 's2', purpose: 'plan' },
    }),
  );
  appendFileSync(join(dir, DAY1), 'not a receipt\n');
  ledger.append(
    receiptFixture({
      time: '2026-12-01T10:00:00.000Z',
      outcome: { kind: 'http-error', status: 429 },
      usage: { known: false, reason: 'the answer carried no usage' },
      cost: { known: false, reason: 'usage unknown' },
    }),
  );
  ledger.close();
  return { dir, ledger };
}

/** Every summary a user can ask for, as plain data. */
async function everySummary(ledger: ReturnType<typeof openLedger>): Promise<unknown[]> {
  const asks: [SummaryKey, SummariseOptions][] = [
    ['provider', {}],
    ['model', {}],
    ['day', { since: '2026-11-30T08:30:00Z' }],
    ['tag', {}],
    ['tag', { tagName: 'purpose' }],
    ['provider', { model: 'deepseek-v4-pro', tag: { session: 's1' } }],
  ];
  const out: unknown[] = [];
  for (const [by, options] of asks) out.push(await ledger.summarise(by, options));
  return out;
}

describe('summarise: the summary index', () => {
  it('gives the same summaries as reading every receipt, from the first call on', async () => {
    const { dir, ledger } = ledgerWithReceipts();
    const plain = await everySummary(openLedger({ dir, summaryIndex: false }));
    expect(existsSync(join(dir, SUMMARY_INDEX_DIR))).toBe(false);
    expect(await everySummary(ledger)).toStrictEqual(plain); // builds the index
    expect(await everySummary(ledger)).toStrictEqual(plain); // reads it
    expect((plain[0] as { total: { requests: number } }).total.requests).toBe(3);
    expect((plain[0] as { skipped: unknown[] }).skipped).toStrictEqual([
      { file: DAY1, line: 3, torn: false, reason: 'not JSON (a torn or damaged line)' },
    ]);
  });

  it('is private (directory 0700, files 0600) and holds no more than the receipts do', async () => {
    const { dir, ledger } = ledgerWithReceipts();
    await ledger.summarise('provider');
    expect(readdirSync(join(dir, SUMMARY_INDEX_DIR)).sort()).toEqual([`${DAY1}.json`, `${DAY2}.json`]);
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, SUMMARY_INDEX_DIR)).mode & 0o777).toBe(0o700);
      expect(statSync(summaryIndexPath(dir, DAY1)).mode & 0o777).toBe(0o600);
    }
    const index = readFileSync(summaryIndexPath(dir, DAY1), 'utf8');
    // Ids, routes, endpoints, credentials, reasoning parameters and timings are not in it.
    for (const absent of ['env:DEEPSEEK_API_KEY', 'reasoning_effort', 'api.deepseek.com', '"id"'])
      expect(index).not.toContain(absent);
  });

  it('parses only what was appended since, and counts it', async () => {
    const { dir, ledger } = ledgerWithReceipts();
    expect((await ledger.summarise('provider')).total.requests).toBe(3);
    const indexed = readFileSync(summaryIndexPath(dir, DAY2), 'utf8');
    ledger.append(receiptFixture({ time: '2026-12-01T11:00:00.000Z', provider: 'ollama' }));
    const summary = await ledger.summarise('provider');
    expect(summary.total.requests).toBe(4);
    expect(summary.groups.map((group) => [group.key, group.requests])).toEqual([
      ['deepseek', 2],
      ['ollama', 1],
      ['together', 1],
    ]);
    expect(readFileSync(summaryIndexPath(dir, DAY2), 'utf8')).not.toBe(indexed);
    expect(await everySummary(ledger)).toStrictEqual(await everySummary(openLedger({ dir, summaryIndex: false })));
  });

  it('reports a last line without its newline every time, and counts the receipt once the line is whole', async () => {
    const { dir, ledger } = ledgerWithReceipts();
    const line = JSON.stringify(receiptFixture({ time: '2026-12-01T12:00:00.000Z', provider: 'vllm' }));
    appendFileSync(join(dir, DAY2), line.slice(0, 40));
    for (let call = 0; call < 2; call++) {
      const summary = await ledger.summarise('provider');
      expect(summary.total.requests).toBe(3);
      expect(summary.skipped.filter((skip) => skip.torn)).toStrictEqual([
        { file: DAY2, line: 2, torn: true, reason: 'not JSON (a torn or damaged line)' },
      ]);
    }
    appendFileSync(join(dir, DAY2), `${line.slice(40)}\n`);
    const whole = await ledger.summarise('provider');
    expect(whole.total.requests).toBe(4);
    expect(whole.skipped.filter((skip) => skip.torn)).toStrictEqual([]);
  });

  it('is rebuilt, never trusted, when it does not match its day file', async () => {
    const { dir, ledger } = ledgerWithReceipts();
    const expected = await everySummary(openLedger({ dir, summaryIndex: false }));
    await ledger.summarise('provider');
    const index = readFileSync(summaryIndexPath(dir, DAY1), 'utf8');
    const damaged = [
      '{"v":1,', // torn
      index.replace('"deepseek"', '7'), // a row that is not a row
      index.replace(/"offset":\d+/, '"offset":999999'), // past the end of the file
      JSON.stringify({ ...JSON.parse(index), v: 2 }), // another format
    ];
    for (const text of damaged) {
      writeFileSync(summaryIndexPath(dir, DAY1), text);
      expect(await everySummary(ledger)).toStrictEqual(expected);
    }
    // The day file replaced by another one as long (same size, other receipts): the bytes at the indexed end differ.
    const other = readFileSync(join(dir, DAY1), 'utf8').replace('"together"', '"togethr2"');
    rmSync(join(dir, DAY1));
    writeFileSync(join(dir, DAY1), other);
    const replaced = await ledger.summarise('provider');
    expect(replaced.groups.map((group) => group.key)).toEqual(['deepseek', 'togethr2']);
  });

  it('is removed with its day file by prune, with any index whose day file is gone', async () => {
    const { dir } = ledgerWithReceipts();
    const ledger = openLedger({ dir, keepDays: 1, now: () => new Date('2026-12-01T12:00:00Z'), autoPrune: false });
    await ledger.summarise('day');
    writeFileSync(summaryIndexPath(dir, 'receipts-2026-01-01.jsonl'), '{}');
    expect((await ledger.prune()).removed).toEqual([DAY1]);
    expect(readdirSync(join(dir, SUMMARY_INDEX_DIR))).toEqual([`${DAY2}.json`]);
  });

  it('is not written with summaryIndex: false', async () => {
    const { dir } = ledgerWithReceipts();
    await openLedger({ dir, summaryIndex: false }).summarise('tag');
    expect(readdirSync(dir).sort()).toEqual([DAY1, DAY2]);
  });
});
