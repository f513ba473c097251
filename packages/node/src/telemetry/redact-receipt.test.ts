import { describe, expect, it } from 'vitest';
import { checkRouteReceipt } from '../ledger/route-receipt.js';
import {
  CUSTOM_HOST,
  customEndpointReceipt,
  deepseekReceipt,
  networkErrorReceipt,
  TAG_CANARY,
} from './__fixtures__/sample-receipts.js';
import { RECEIPT_REDACTED, redactReceipt } from './redact-receipt.js';

describe('redactReceipt', () => {
  it('official endpoint: tag values replaced (names kept), digest removed, origin kept', () => {
    const redacted = redactReceipt(deepseekReceipt);
    expect(redacted.tags).toEqual({ session: RECEIPT_REDACTED, turn: RECEIPT_REDACTED, purpose: RECEIPT_REDACTED });
    expect(redacted).not.toHaveProperty('requestSha256');
    expect(redacted.endpoint).toEqual(deepseekReceipt.endpoint);
    expect(redacted.bytes).toEqual(deepseekReceipt.bytes);
    expect({ ...redacted, tags: deepseekReceipt.tags, requestSha256: deepseekReceipt.requestSha256 }).toEqual(
      deepseekReceipt,
    );
    expect(JSON.stringify(redacted)).not.toContain(TAG_CANARY);
  });

  it('custom endpoint: origin, path and bytes origin replaced, the host scrubbed from reasons; fingerprint kept', () => {
    const redacted = redactReceipt(customEndpointReceipt);
    expect(redacted.endpoint).toEqual({
      ...customEndpointReceipt.endpoint,
      origin: RECEIPT_REDACTED,
      path: RECEIPT_REDACTED,
    });
    expect(redacted.bytes).toEqual({ ...customEndpointReceipt.bytes, origin: RECEIPT_REDACTED });
    expect(redacted.cost).toEqual({ known: false, reason: `custom endpoint ${RECEIPT_REDACTED} has no price` });
    expect(JSON.stringify(redacted)).not.toContain(CUSTOM_HOST);
    expect(JSON.stringify(redacted)).not.toContain(TAG_CANARY);
    expect(redacted.model).toEqual(customEndpointReceipt.model);
  });

  it('a network error code that quotes a custom host is scrubbed too', () => {
    const redacted = redactReceipt({
      ...customEndpointReceipt,
      outcome: { kind: 'network-error', code: `ENOTFOUND ${CUSTOM_HOST}` },
    });
    expect(redacted.outcome).toEqual({ kind: 'network-error', code: `ENOTFOUND ${RECEIPT_REDACTED}` });
  });

  it('a redacted receipt is still a valid receipt; a receipt without tags gets none', () => {
    for (const receipt of [deepseekReceipt, customEndpointReceipt, networkErrorReceipt])
      expect(checkRouteReceipt(redactReceipt(receipt))).toMatchObject({ ok: true });
    expect(redactReceipt(networkErrorReceipt)).not.toHaveProperty('tags');
  });
});
