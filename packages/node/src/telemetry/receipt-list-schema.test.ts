import { describe, expect, it } from 'vitest';
import { routeReceiptJsonSchema } from '../ledger/route-receipt.js';
import { customEndpointReceipt, deepseekReceipt, networkErrorReceipt } from './__fixtures__/sample-receipts.js';
import { checkReceiptList, receiptListJsonSchema } from './receipt-list-schema.js';

describe('receipts --json schema', () => {
  it('accepts a list of real receipts with skipped lines, and refuses a list that is not one', () => {
    const list = {
      schemaVersion: 1,
      ledgerDir: '/home/u/.local/state/codewhale/receipts',
      receipts: [deepseekReceipt, customEndpointReceipt, networkErrorReceipt],
      skipped: [
        { file: 'receipts-2026-12-01.jsonl', line: 4, torn: true, reason: 'not JSON (a torn or damaged line)' },
      ],
    };
    expect(checkReceiptList(list)).toEqual({ ok: true });
    expect(checkReceiptList({ ...list, schemaVersion: 2 })).toMatchObject({ ok: false });
    expect(
      checkReceiptList({ ...list, receipts: [{ ...deepseekReceipt, outcome: { kind: 'teleported' } }] }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('receipts.0.outcome'),
    });
    expect(checkReceiptList({ ...list, extra: true })).toMatchObject({ ok: false });
  });

  it('is a draft 2020-12 JSON Schema whose items are the receipt schema', () => {
    const schema = receiptListJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('codewhale-route receipts --json');
    expect(schema.required).toEqual(['schemaVersion', 'ledgerDir', 'receipts', 'skipped']);
    const properties = schema.properties as Record<string, { items?: Record<string, unknown> }>;
    const receipt = routeReceiptJsonSchema();
    expect(properties.receipts?.items?.required).toEqual(receipt.required);
    expect(Object.keys(properties.receipts?.items?.properties as object)).toEqual(
      Object.keys(receipt.properties as object),
    );
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
