import type { RouteReceipt } from '../ledger/route-receipt.js';

/** What a redacted field holds instead of its value. */
export const RECEIPT_REDACTED = '[redacted]';

/** What `redact` removes from an export, in the words the export's provenance uses. */
export const RECEIPT_REDACTIONS = [
  'tag values (names kept, values replaced by "[redacted]")',
  'request body digests (requestSha256 removed)',
  'origin and path of custom (non-official) endpoints (replaced by "[redacted]"; their origin and host also inside usage and cost reasons and network error codes)',
] as const;

/**
 * A copy of `receipt` fit to leave a team's hands: tag values replaced by `[redacted]` (names kept), the request body
 * digest removed, and for a custom (non-official) endpoint its origin and path replaced by `[redacted]`, as is any
 * mention of its origin or host in the usage and cost reasons and a network error code. Official endpoints are public
 * and stay (a `bytes.origin` that differs from an official endpoint's origin is redacted). The endpoint fingerprint
 * stays, so receipts can still be grouped by endpoint.
 */
export function redactReceipt(receipt: RouteReceipt): RouteReceipt {
  const { requestSha256: _digest, tags, ...rest } = receipt;
  let copy: RouteReceipt = rest;
  if (tags) copy = { ...copy, tags: Object.fromEntries(Object.keys(tags).map((name) => [name, RECEIPT_REDACTED])) };
  if (receipt.endpoint.official)
    return receipt.bytes.origin === receipt.endpoint.origin
      ? copy
      : { ...copy, bytes: { ...copy.bytes, origin: RECEIPT_REDACTED } };
  const secrets = endpointTexts(receipt);
  const { usage, cost, outcome } = copy;
  return {
    ...copy,
    endpoint: { ...copy.endpoint, origin: RECEIPT_REDACTED, path: RECEIPT_REDACTED },
    bytes: { ...copy.bytes, origin: RECEIPT_REDACTED },
    usage: usage.known ? usage : { ...usage, reason: scrub(usage.reason, secrets) },
    cost: cost.known ? cost : { ...cost, reason: scrub(cost.reason, secrets) },
    outcome: outcome.kind === 'network-error' ? { ...outcome, code: scrub(outcome.code, secrets) } : outcome,
  };
}

/** The texts that name a custom endpoint: its origins (receipt and bytes) and their hosts, longest first. */
function endpointTexts(receipt: RouteReceipt): string[] {
  const texts = new Set<string>();
  for (const origin of [receipt.endpoint.origin, receipt.bytes.origin]) {
    texts.add(origin);
    try {
      const url = new URL(origin);
      texts.add(url.host);
      texts.add(url.hostname);
    } catch {
      // not a URL: the origin text itself is still scrubbed
    }
  }
  return [...texts].filter((text) => text.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with every mention of the endpoint replaced (reasons and codes are free text and may quote it). */
function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(RECEIPT_REDACTED);
  return result;
}
