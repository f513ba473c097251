// The telemetry helpers with the real ledger: export straight from `ledger.read()`, and a span per appended receipt.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../ledger/receipt-ledger.js';
import {
  customEndpointReceipt,
  deepseekReceipt,
  KEY_CANARY,
  networkErrorReceipt,
  PROMPT_CANARY,
  receiptWithExtras,
} from './__fixtures__/sample-receipts.js';
import { exportReceipts } from './export-receipts.js';
import { createReceiptTelemetry } from './receipt-telemetry.js';

describe('telemetry with the receipts ledger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codewhale-ledger-telemetry-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exports what ledger.read() yields and counts the torn line it skipped', async () => {
    const ledger = openLedger({ dir });
    for (const receipt of [deepseekReceipt, customEndpointReceipt, networkErrorReceipt]) ledger.append(receipt);
    await appendFile(join(dir, 'receipts-2026-12-01.jsonl'), '{"v":1,"id":"torn-', 'utf8');
    const result = await exportReceipts({
      receipts: ledger.read({ since: '2026-12-01T00:00:00Z' }),
      format: 'jsonl',
      toolVersion: '1',
    });
    expect(result.provenance).toMatchObject({ receipts: 3, skippedLines: 1, outsideRange: 0, invalid: 0 });
    expect(result.text.trimEnd().split('\n')).toHaveLength(4);
  });

  it('a ledger hook emits one span per appended receipt; what append drops never reaches the span', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const telemetry = await createReceiptTelemetry({ tracer: provider.getTracer('host-app') });
    const ledger = openLedger({ dir, onAppend: telemetry.record });
    ledger.append(deepseekReceipt);
    ledger.append(receiptWithExtras());
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.attributes['codewhale.receipt.id'])).toEqual([
      deepseekReceipt.id,
      receiptWithExtras().id,
    ]);
    const text = JSON.stringify(spans.map((span) => span.attributes));
    expect(text).not.toContain(PROMPT_CANARY);
    expect(text).not.toContain(KEY_CANARY);
  });
});
