import { TOKEN_CLASSES, USAGE_DIALECTS, provenanceSchema, type UsageCost, type UsageReading } from '@codewhale/core';
import { z } from 'zod';
import { isPlainReceipt } from './receipt-fast-check.js';

/** Version of the receipt format (the `v` field of every ledger line). */
export const ROUTE_RECEIPT_VERSION = 1;

/**
 * What one request sent through a route cost, how it went and what left the machine: one line of the ledger.
 * Never holds prompt or completion text, nor a credential value (only its source class).
 */
export interface RouteReceipt {
  readonly v: 1;
  /** Random and unique (`crypto.randomUUID()`). */
  readonly id: string;
  /** ISO 8601 UTC time the request started. */
  readonly time: string;
  /** `String(candidate)`, e.g. `deepseek:deepseek-v4-pro`. */
  readonly route: string;
  /** `candidate.provider.id`. */
  readonly provider: string;
  /** Where the request went: origin, endpoint fingerprint, wire protocol, whether official, and the URL path (no query). */
  readonly endpoint: {
    readonly origin: string;
    readonly fingerprint: string;
    readonly protocol: string;
    readonly official: boolean;
    readonly path: string;
  };
  /** The model id sent on the wire, the canonical model, and the model the server said it served. */
  readonly model: { readonly wire: string; readonly canonical?: string; readonly served?: string };
  /** The source CLASS of the credential only: `env:TOGETHER_API_KEY`, `config`, `not-required`, `missing`, ... */
  readonly credential: string;
  /** The reasoning level applied and its wire parameters. */
  readonly reasoning?: { readonly level?: string; readonly params?: Readonly<Record<string, unknown>> };
  /** True when the answer was an event stream. */
  readonly stream: boolean;
  /** How the request ended. */
  readonly outcome:
    | { readonly kind: 'ok'; readonly status: number }
    | { readonly kind: 'http-error'; readonly status: number }
    | { readonly kind: 'aborted' }
    | { readonly kind: 'network-error'; readonly code: string };
  /** Normalised token counts, or why they are unknown. */
  readonly usage: UsageReading;
  /** The price from the route's meter, or why it is unknown (never 0 for unknown). */
  readonly cost: UsageCost;
  /** Time to the response headers and to the end of the body, in ms. */
  readonly timing: { readonly ttfbMs?: number; readonly totalMs?: number };
  /** Bytes sent and received, and the origin they went to: what left the machine. */
  readonly bytes: { readonly sent: number; readonly received: number; readonly origin: string };
  /** The catalog stamp of the registry that made the candidate. */
  readonly catalog: string;
  /** Host-supplied tags: session, turn, purpose, ... */
  readonly tags?: Readonly<Record<string, string>>;
  /** SHA-256 (hex) of the request body, only when the host opted in. */
  readonly requestSha256?: string;
}

/** Longest text a receipt field may hold (ids, models, reasons): receipts are small, fixed-shape lines. */
const MAX_TEXT = 512;
/** Tag names: short identifiers. */
export const RECEIPT_TAG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** Longest tag value. */
export const RECEIPT_TAG_VALUE_MAX = 256;
/** Most tags one receipt may carry. */
export const RECEIPT_TAGS_MAX = 32;

const text = z.string().min(1).max(MAX_TEXT);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const milliseconds = z.number().nonnegative().finite();
const usageDialectSchema = z.enum(USAGE_DIALECTS);

const normalisedUsageSchema = z.object({
  inputTokens: count.optional(),
  cachedInputTokens: count.optional(),
  cacheWriteTokens: count.optional(),
  outputTokens: count.optional(),
  reasoningTokens: count.optional(),
  totalTokens: count.optional(),
  durations: z
    .object({
      totalMs: milliseconds.optional(),
      loadMs: milliseconds.optional(),
      promptEvalMs: milliseconds.optional(),
      evalMs: milliseconds.optional(),
    })
    .optional(),
});

const usageReadingSchema = z.discriminatedUnion('known', [
  z.object({ known: z.literal(true), usage: normalisedUsageSchema, dialect: usageDialectSchema }),
  z.object({ known: z.literal(false), reason: text }),
]);

const usageCostSchema = z.discriminatedUnion('known', [
  z.object({
    known: z.literal(true),
    amount: z.number().nonnegative().finite(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    breakdown: z.array(
      z.object({
        tokenClass: z.enum(TOKEN_CLASSES),
        tokens: count,
        ratePerMillion: z.number().nonnegative().finite(),
        amount: z.number().nonnegative().finite(),
        free: z.literal(true).optional(),
      }),
    ),
    timeTier: text.optional(),
    contextTier: count.optional(),
    source: provenanceSchema,
  }),
  z.object({ known: z.literal(false), reason: text }),
]);

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), status: z.number().int().min(100).max(599) }),
  z.object({ kind: z.literal('http-error'), status: z.number().int().min(100).max(599) }),
  z.object({ kind: z.literal('aborted') }),
  z.object({ kind: z.literal('network-error'), code: text }),
]);

/**
 * The zod schema of one receipt. Unknown keys are dropped, so whatever else an object carries (a prompt, a body)
 * never reaches the ledger through `append`, nor comes back out of `read`.
 */
export const routeReceiptSchema = z
  .object({
    v: z.literal(ROUTE_RECEIPT_VERSION),
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    time: z.iso.datetime(),
    route: text,
    provider: text,
    endpoint: z.object({
      origin: text,
      fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
      protocol: text,
      official: z.boolean(),
      path: z.string().max(2048),
    }),
    model: z.object({ wire: text, canonical: text.optional(), served: text.optional() }),
    credential: text,
    reasoning: z.object({ level: text.optional(), params: z.record(z.string(), z.unknown()).optional() }).optional(),
    stream: z.boolean(),
    outcome: outcomeSchema,
    usage: usageReadingSchema,
    cost: usageCostSchema,
    timing: z.object({ ttfbMs: milliseconds.optional(), totalMs: milliseconds.optional() }),
    bytes: z.object({ sent: count, received: count, origin: text }),
    catalog: text,
    tags: z
      .record(z.string().regex(RECEIPT_TAG_NAME), z.string().max(RECEIPT_TAG_VALUE_MAX))
      .refine((tags) => Object.keys(tags).length <= RECEIPT_TAGS_MAX, {
        error: `At most ${RECEIPT_TAGS_MAX} tags.`,
      })
      .optional(),
    requestSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .describe('One route receipt: one line of the CodeWhale receipts ledger (receipts-YYYY-MM-DD.jsonl).');

// The schema and the declared type describe the same data.
type SchemaReceipt = z.output<typeof routeReceiptSchema>;
const _schemaMatchesType: (receipt: SchemaReceipt) => RouteReceipt = (receipt) => receipt;
void _schemaMatchesType;

/** A receipt checked against the schema, or why it is not one (never throws). */
export type ReceiptCheck =
  | { readonly ok: true; readonly receipt: RouteReceipt }
  | { readonly ok: false; readonly reason: string };

/** Check a value against the receipt schema; extra keys are dropped from the result. */
export function checkRouteReceipt(value: unknown): ReceiptCheck {
  // Most values are receipts exactly as the schema wants them: a structural check decides those at a fraction of
  // the schema's cost; anything else (extra keys to drop, or invalid) goes to the schema.
  if (isPlainReceipt(value)) return { ok: true, receipt: value as RouteReceipt };
  const parsed = routeReceiptSchema.safeParse(value);
  if (parsed.success) return { ok: true, receipt: parsed.data as RouteReceipt };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'receipt';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** Parse one ledger line (JSON) into a receipt, or say why it is not one: never throws. */
export function parseReceiptLine(line: string): ReceiptCheck {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON (a torn or damaged line)' };
  }
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== ROUTE_RECEIPT_VERSION)
    return { ok: false, reason: `receipt format v${String(value.v).slice(0, 16)} is not supported (expected v1)` };
  return checkRouteReceipt(value);
}

/** The JSON Schema (draft 2020-12) of one receipt, i.e. one ledger line, for docs and other tools. */
export function routeReceiptJsonSchema(): Record<string, unknown> {
  return {
    title: 'CodeWhale route receipt (one line of receipts-YYYY-MM-DD.jsonl)',
    ...(z.toJSONSchema(routeReceiptSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >),
  };
}
