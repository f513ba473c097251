import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReceiptList, openLedger, type RouteReceipt } from '@codewhale/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { receiptsExportOutputSchema, receiptsSummaryOutputSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';
import { appendThreeReceipts, deepseekReceipt } from '../test-utils/receipt-fixture.js';

// @see issue 16 item 5: the CLI reads the local ledger; export writes a file and never uploads.

const sandbox = createSandbox();
const stateDir = join(sandbox.dir, 'state');
const ledgerDir = join(stateDir, 'receipts');
const env = { CODEWHALE_STATE_DIR: stateDir };
const TAG_CANARY = 'canary-tag-7c1e0b52';

function receipt(overrides: Partial<RouteReceipt>): RouteReceipt {
  return deepseekReceipt({ tags: { session: TAG_CANARY }, ...overrides });
}

beforeAll(() => {
  const ledger = openLedger({ dir: ledgerDir });
  appendThreeReceipts(ledger, { session: TAG_CANARY });
  // A crash in mid-append leaves a torn last line: skipped and reported, never costing an earlier receipt.
  appendFileSync(join(ledgerDir, 'receipts-2026-12-02.jsonl'), '{"v":1,"id":"torn-recei');
});
afterAll(() => sandbox.cleanup());

describe('codewhale-route receipts', () => {
  it('lists the receipts (--json in its documented shape) and reports the torn line', async () => {
    const run = await sandbox.run(['receipts', '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const out = json(run) as { receipts: RouteReceipt[]; skipped: { torn: boolean }[]; ledgerDir: string };
    expect(checkReceiptList(out)).toEqual({ ok: true });
    expect(out.ledgerDir).toBe(ledgerDir);
    expect(out.receipts.map((entry) => entry.provider)).toEqual(['deepseek', 'deepseek', 'vllm']);
    expect(out.skipped).toEqual([expect.objectContaining({ torn: true })]);

    const text = await sandbox.run(['receipts', '--provider', 'vllm'], { env });
    expect(text.code, text.stderr).toBe(EXIT_CODES.ok);
    expect(text.stdout).toContain('vllm:Qwen/Qwen3-Coder-Next');
    expect(text.stdout).not.toContain('deepseek:');
    expect(text.stdout).toMatch(/unknown/);
    expect(text.stderr).toContain('1 ledger line was not a receipt');
  });

  it('filters by time, and refuses a time it cannot read with the forms it takes', async () => {
    const run = await sandbox.run(['receipts', '--since', '2026-12-02', '--json'], { env });
    expect((json(run) as { receipts: unknown[] }).receipts).toHaveLength(1);
    const bad = await sandbox.run(['receipts', '--since', 'last tuesday'], { env });
    expect(bad.code).toBe(EXIT_CODES.usage);
    expect(bad.stderr).toContain('--since "last tuesday" is not a time');
    expect(bad.stderr).toContain('7d');
  });

  it('summarises by provider: known costs summed, unknown costs counted apart, never added as 0', async () => {
    const run = await sandbox.run(['receipts', 'summary', '--by', 'provider', '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(receiptsSummaryOutputSchema.safeParse(json(run)).success).toBe(true);
    const summary = json(run) as {
      groups: { key: string; requests: number; cost: Record<string, number>; costUnknown: { count: number } }[];
      total: { requests: number; errors: number; cost: Record<string, number>; costUnknown: { count: number } };
    };
    expect(summary.total).toMatchObject({ requests: 3, errors: 1, cost: { USD: 0.5 }, costUnknown: { count: 1 } });
    expect(summary.groups.find((group) => group.key === 'vllm')).toMatchObject({
      requests: 1,
      cost: {},
      costUnknown: { count: 1 },
    });
    const text = await sandbox.run(['receipts', 'summary', '--by', 'provider'], { env });
    expect(text.stdout).toMatch(/total\s.*0\.5000 USD \+ 1 unknown/);
    const misplaced = await sandbox.run(['receipts', '--by', 'model'], { env });
    expect(misplaced.code).toBe(EXIT_CODES.usage);
    expect(misplaced.stderr).toContain('--by belongs to `receipts summary`');
  });

  it('exports to a private file only when asked, with provenance, and --redact drops tag values', async () => {
    const out = join(sandbox.dir, 'export.otlp.json');
    const run = await sandbox.run(['receipts', 'export', '--format', 'otlp-json', '--out', out, '--redact'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('Wrote 3 receipts as otlp-json');
    expect(run.stdout).toContain('Nothing was uploaded');
    const text = readFileSync(out, 'utf8');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(text).toContain('gen_ai.provider.name');
    expect(text).toContain('codewhale.export.redacted');
    expect(text).not.toContain(TAG_CANARY);

    const jsonl = join(sandbox.dir, 'export.jsonl');
    const plain = await sandbox.run(['receipts', 'export', '--format', 'jsonl', '--out', jsonl, '--json'], { env });
    expect(receiptsExportOutputSchema.safeParse(json(plain)).success).toBe(true);
    expect(json(plain)).toMatchObject({ file: jsonl, provenance: { receipts: 3, redacted: false, skippedLines: 1 } });
    expect(readFileSync(jsonl, 'utf8')).toContain(TAG_CANARY);

    const missing = await sandbox.run(['receipts', 'export', '--format', 'jsonl'], { env });
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect(missing.stderr).toContain('--out FILE');
  });

  it('reads the ledger folder from [receipts] dir in the config', async () => {
    const configured = join(sandbox.dir, 'elsewhere');
    openLedger({ dir: configured }).append(receipt({ provider: 'together', route: 'together:x/y' }));
    const config = join(sandbox.dir, 'receipts.toml');
    writeFileSync(config, `[receipts]\ndir = "${configured}"\n`);
    const run = await sandbox.run(['receipts', '--json', '--config', config], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(json(run)).toMatchObject({ ledgerDir: configured, receipts: [{ provider: 'together' }] });
  });
});
