/**
 * The slice of an OpenTelemetry `Tracer` that receipts need, typed structurally: a `Tracer` from `@opentelemetry/api`
 * 1.x fits it, and `@codewhale/node`'s types do not depend on that optional package.
 */
export interface ReceiptTracer {
  /** Starts a span (OpenTelemetry `Tracer.startSpan`). */
  startSpan(name: string, options?: ReceiptSpanStartOptions): ReceiptTracerSpan;
}

/** The span options receipts set (a subset of OpenTelemetry's `SpanOptions`). */
export interface ReceiptSpanStartOptions {
  /** OpenTelemetry `SpanKind` (2 = CLIENT in the API). */
  kind?: number;
  /** Start time as OpenTelemetry `HrTime` (`[seconds, nanoseconds]` since the epoch). */
  startTime?: [number, number];
  /** The span's attributes. */
  attributes?: Record<string, string | number | boolean>;
}

/** The slice of an OpenTelemetry `Span` that receipts use. */
export interface ReceiptTracerSpan {
  /** Sets the status (OpenTelemetry `SpanStatusCode`: 2 = ERROR). */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Ends the span at `endTime` (`HrTime`). */
  end(endTime?: [number, number]): void;
}
