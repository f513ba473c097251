import { isDoubleSpanAttribute, type ReceiptSpan, type ReceiptSpanAttributeValue } from './receipt-span.js';

/** An OTLP/JSON `AnyValue` (the subset receipts use). */
type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly intValue: string }
  | { readonly doubleValue: number }
  | { readonly boolValue: boolean }
  | { readonly arrayValue: { readonly values: readonly OtlpAnyValue[] } };

/** An OTLP/JSON `KeyValue`. */
export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}

/** OTLP `Span.SpanKind.SPAN_KIND_CLIENT` (OTLP/JSON writes enums as integers). */
const OTLP_SPAN_KIND_CLIENT = 3;
/** OTLP `Status.StatusCode.STATUS_CODE_ERROR`. */
const OTLP_STATUS_CODE_ERROR = 2;

/**
 * One attribute in the OTLP/JSON encoding: integers as `intValue` decimal strings (int64 in proto3 JSON), doubles as
 * `doubleValue` numbers, strings and booleans as themselves, string arrays as `arrayValue`.
 */
export function otlpKeyValue(key: string, value: ReceiptSpanAttributeValue | readonly string[]): OtlpKeyValue {
  return { key, value: otlpAnyValue(key, value) };
}

function otlpAnyValue(key: string, value: ReceiptSpanAttributeValue | readonly string[]): OtlpAnyValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item: string) => ({ stringValue: item })) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number' && Number.isSafeInteger(value) && !isDoubleSpanAttribute(key))
    return { intValue: String(value) };
  return { doubleValue: value as number };
}

/** One span in the OTLP/JSON encoding (`opentelemetry.proto.trace.v1.Span`). */
export function otlpSpan(span: ReceiptSpan): Record<string, unknown> {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: OTLP_SPAN_KIND_CLIENT,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: Object.entries(span.attributes).map(([key, value]) => otlpKeyValue(key, value)),
    status: span.status.code === 'error' ? { code: OTLP_STATUS_CODE_ERROR, message: span.status.message } : {},
  };
}
