import type { RouteReceipt } from '../ledger/route-receipt.js';
import { loadOpenTelemetryApi, type OpenTelemetryImporter } from './load-opentelemetry-api.js';
import { NODE_PACKAGE_VERSION, RECEIPT_SCOPE_NAME } from './package-version.js';
import { nanosToHrTime, receiptToSpan } from './receipt-span.js';
import type { ReceiptTracer } from './receipt-tracer.js';
import { redactReceipt } from './redact-receipt.js';

/** OpenTelemetry API `SpanKind.CLIENT`. */
const API_SPAN_KIND_CLIENT = 2;
/** OpenTelemetry API `SpanStatusCode.ERROR`. */
const API_SPAN_STATUS_ERROR = 2;

/** Options of {@link recordReceiptSpan}. */
export interface RecordReceiptSpanOptions {
  /** Redact the receipt first (tag values, request digest, custom endpoint origin and path; see `redactReceipt`). */
  readonly redact?: boolean;
}

/**
 * Emit one span for one receipt through an OpenTelemetry tracer: `startSpan(name, { kind: CLIENT, startTime,
 * attributes })`, status ERROR for an HTTP error, a network error or an abort, then `end(endTime)`. The attributes are
 * those of `receiptToSpan` (GenAI semantic conventions, `codewhale.*`; never message content). The span's parent is
 * the tracer's active context, so a request's span nests under the host's own span for the turn.
 */
export function recordReceiptSpan(
  receipt: RouteReceipt,
  tracer: ReceiptTracer,
  options: RecordReceiptSpanOptions = {},
): void {
  const span = receiptToSpan(options.redact ? redactReceipt(receipt) : receipt);
  const live = tracer.startSpan(span.name, {
    kind: API_SPAN_KIND_CLIENT,
    startTime: nanosToHrTime(span.startTimeUnixNano),
    attributes: { ...span.attributes },
  });
  if (span.status.code === 'error') live.setStatus({ code: API_SPAN_STATUS_ERROR, message: span.status.message });
  live.end(nanosToHrTime(span.endTimeUnixNano));
}

/** Emit one span per receipt (see {@link recordReceiptSpan}), in order; returns how many. */
export async function recordReceiptSpans(
  receipts: Iterable<RouteReceipt> | AsyncIterable<RouteReceipt>,
  options: RecordReceiptSpanOptions & { readonly tracer: ReceiptTracer },
): Promise<number> {
  let count = 0;
  for await (const receipt of receipts) {
    recordReceiptSpan(receipt, options.tracer, options);
    count++;
  }
  return count;
}

/** Options of {@link createReceiptTelemetry}. */
export interface ReceiptTelemetryOptions {
  /** The tracer to use; without one, `@opentelemetry/api` is imported and the global tracer provider's is used. */
  readonly tracer?: ReceiptTracer;
  /** Redact every receipt first (see {@link RecordReceiptSpanOptions.redact}). */
  readonly redact?: boolean;
  /** @internal How `@opentelemetry/api` is imported (tests). */
  readonly importApi?: OpenTelemetryImporter;
}

/** Sends receipts to a host's OpenTelemetry SDK, one span each. */
export interface ReceiptTelemetry {
  /** The tracer in use. */
  readonly tracer: ReceiptTracer;
  /** Emit the span of one receipt (usable as a ledger's append hook). */
  record(receipt: RouteReceipt): void;
  /** Emit the spans of many receipts, in order; returns how many. */
  recordAll(receipts: Iterable<RouteReceipt> | AsyncIterable<RouteReceipt>): Promise<number>;
}

/**
 * The live path: receipts as spans through the host's own OpenTelemetry SDK, which sends them to its collector
 * (Jaeger, Tempo, Langfuse, Phoenix, ...). `@opentelemetry/api` is an optional peer dependency, imported here only
 * when no `tracer` is given; when it is missing this rejects with a `ReceiptTelemetryError`
 * (`RECEIPT_TELEMETRY_OTEL_API_MISSING`) naming the package. Nothing is sent anywhere by `@codewhale/node` itself.
 */
export async function createReceiptTelemetry(options: ReceiptTelemetryOptions = {}): Promise<ReceiptTelemetry> {
  const tracer =
    options.tracer ??
    (await loadOpenTelemetryApi(options.importApi)).trace.getTracer(RECEIPT_SCOPE_NAME, NODE_PACKAGE_VERSION);
  const spanOptions: RecordReceiptSpanOptions = { redact: options.redact === true };
  const record = (receipt: RouteReceipt) => recordReceiptSpan(receipt, tracer, spanOptions);
  return Object.freeze({
    tracer,
    record,
    recordAll: (receipts: Iterable<RouteReceipt> | AsyncIterable<RouteReceipt>) =>
      recordReceiptSpans(receipts, { ...spanOptions, tracer }),
  });
}
