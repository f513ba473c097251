import { nodeCrypto } from '../lazy-builtins.js';

/**
 * The trace and span ids of a receipt's span in an export, derived from the receipt id (SHA-256, lowercase hex: 32 and
 * 16 characters), so exporting the same receipts twice gives the same ids and a collector can de-duplicate them.
 */
export function receiptSpanIds(receiptId: string): { readonly traceId: string; readonly spanId: string } {
  return {
    traceId: nonZero(digest(`codewhale.receipt.trace\u0000${receiptId}`).slice(0, 32)),
    spanId: nonZero(digest(`codewhale.receipt.span\u0000${receiptId}`).slice(0, 16)),
  };
}

function digest(text: string): string {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An all-zero id is invalid in OpenTelemetry; a hash that starts with that many zero bits gets its last digit set. */
function nonZero(hex: string): string {
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}
