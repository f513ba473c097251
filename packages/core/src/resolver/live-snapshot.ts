import type { LiveModelRecord } from '../schema/live-model-record.js';

/** What the live cache knows about one model at one endpoint. */
export interface LiveModelView {
  readonly record: LiveModelRecord;
  /** When the listing was fetched (ISO 8601). */
  readonly fetchedAt: string;
  /** False once the entry is older than its ttl: then it is a hint only. */
  readonly fresh: boolean;
}

/** A read-only snapshot of the live cache, taken once; the resolver never does I/O. */
export interface LiveSnapshot {
  /** The record for a wire id at a provider endpoint, if the cache has one. */
  model(providerId: string, baseUrl: string, wireModelId: string): LiveModelView | undefined;
  /** Every model listed at an endpoint (fresh or not), if the cache has a listing for it. */
  listing(
    providerId: string,
    baseUrl: string,
  ): { readonly models: readonly LiveModelRecord[]; readonly fetchedAt: string; readonly fresh: boolean } | undefined;
}
