import { describe, expect, it } from 'vitest';
import { receiptFixture } from './__fixtures__/receipt-fixture.js';
import { checkRouteReceipt, parseReceiptLine, routeReceiptJsonSchema } from './route-receipt.js';

describe('route receipt schema', () => {
  it('accepts a complete receipt and gives it back unchanged', () => {
    const receipt = receiptFixture();
    const parsed = parseReceiptLine(JSON.stringify(receipt));
    expect(parsed).toEqual({ ok: true, receipt });
  });

  it('drops keys the schema does not know (a prompt smuggled into a receipt never reaches the ledger)', () => {
    const receipt = { ...receiptFixture(), prompt: 'CANARY-PROMPT', model: { wire: 'm', body: 'CANARY-BODY' } };
    const checked = checkRouteReceipt(receipt);
    expect(checked.ok).toBe(true);
    expect(JSON.stringify(checked)).not.toMatch(/CANARY/);
  });

  it('reports a torn, damaged or foreign line with a reason and never throws', () => {
    const line = JSON.stringify(receiptFixture());
    expect(parseReceiptLine(line.slice(0, 40))).toEqual({ ok: false, reason: 'not JSON (a torn or damaged line)' });
    expect(parseReceiptLine('{"v":2,"id":"x"}')).toEqual({
      ok: false,
      reason: 'receipt format v2 is not supported (expected v1)',
    });
    expect(parseReceiptLine('null')).toMatchObject({ ok: false });
    expect(parseReceiptLine('[]')).toMatchObject({ ok: false });
    const noUsage = { ...receiptFixture(), usage: { known: true } };
    expect(parseReceiptLine(JSON.stringify(noUsage))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^usage/),
    });
  });

  it('keeps unknown costs unknown: a cost without an amount is not a receipt', () => {
    const zeroForUnknown = { ...receiptFixture(), cost: { known: true, currency: 'USD', breakdown: [] } };
    expect(checkRouteReceipt(zeroForUnknown).ok).toBe(false);
    expect(checkRouteReceipt({ ...receiptFixture(), cost: { known: false, reason: 'local runtime' } }).ok).toBe(true);
    expect(
      checkRouteReceipt({
        ...receiptFixture(),
        usage: { known: true, usage: { inputTokens: -1 }, dialect: 'deepseek' },
      }).ok,
    ).toBe(false);
  });

  it('publishes a JSON Schema of one receipt', () => {
    const schema = routeReceiptJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toMatch(/route receipt/);
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'v',
        'id',
        'time',
        'route',
        'provider',
        'endpoint',
        'model',
        'credential',
        'stream',
        'outcome',
        'usage',
        'cost',
        'timing',
        'bytes',
        'catalog',
      ]),
    );
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['reasoning', 'tags', 'requestSha256']),
    );
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
