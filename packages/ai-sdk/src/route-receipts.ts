import type { ReadyRouteCandidate } from '@codewhale/core';
import { createRecordingFetch, type Ledger } from '@codewhale/node';

/** Route receipts for an adapter: where they go and what the host adds to each (never prompt or completion text). */
export interface ReceiptOptions {
  /** The ledger (`openLedger()` / `openConfiguredLedger(config)` of `@codewhale/node`): one receipt per request. */
  readonly ledger?: Pick<Ledger, 'append'>;
  /** Host tags on every receipt (session, turn, purpose...), or a function read at each request. */
  readonly receiptTags?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>> | undefined);
  /** Record the SHA-256 of each request body in its receipt (never the body). Default: off. */
  readonly hashRequestBody?: boolean;
}

/**
 * The `fetch` an adapter sends with: the host's (or the global one), recording a receipt per request when a ledger is
 * given. It sits under the adapter's own wrappers, so a receipt counts the bytes that really left (reasoning merged).
 */
export function receiptFetch(
  candidate: ReadyRouteCandidate,
  options: ReceiptOptions & { readonly fetch?: typeof globalThis.fetch },
): typeof globalThis.fetch | undefined {
  if (!options.ledger) return options.fetch;
  return createRecordingFetch({
    candidate,
    ledger: options.ledger,
    ...(options.receiptTags !== undefined ? { tags: options.receiptTags } : {}),
    ...(options.hashRequestBody !== undefined ? { hashRequestBody: options.hashRequestBody } : {}),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  });
}
