import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link ReceiptTelemetryError}. */
export const RECEIPT_TELEMETRY_ERROR_CODES = {
  /** `@opentelemetry/api` (an optional peer dependency) is not installed where `@codewhale/node` can load it. */
  OTEL_API_MISSING: 'RECEIPT_TELEMETRY_OTEL_API_MISSING',
  /** The export format is not `jsonl` or `otlp-json`. */
  EXPORT_FORMAT_INVALID: 'RECEIPT_EXPORT_FORMAT_INVALID',
  /** A `since` or `until` bound is not a valid date. */
  EXPORT_RANGE_INVALID: 'RECEIPT_EXPORT_RANGE_INVALID',
  /** The export file could not be written; nothing was left half-written. */
  EXPORT_WRITE_FAILED: 'RECEIPT_EXPORT_WRITE_FAILED',
} as const;

/** A stable receipt telemetry error code. */
export type ReceiptTelemetryErrorCode =
  (typeof RECEIPT_TELEMETRY_ERROR_CODES)[keyof typeof RECEIPT_TELEMETRY_ERROR_CODES];

const marker = Symbol.for('codewhale.error.node.receipt-telemetry');

/** Receipts could not be exported or sent as spans; the message says why and how to fix it. */
export class ReceiptTelemetryError extends CodewhaleError {
  /** Marks this class across duplicate installs. */
  readonly [marker] = true;
  declare readonly code: ReceiptTelemetryErrorCode;

  constructor(code: ReceiptTelemetryErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ReceiptTelemetryError';
  }

  /** True for a {@link ReceiptTelemetryError} from any copy of this package. */
  static override isInstance(value: unknown): value is ReceiptTelemetryError {
    return CodewhaleError.hasMarker(value, marker);
  }
}
