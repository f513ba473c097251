import type { RouteReceipt } from '../ledger/route-receipt.js';
import { RECEIPT_REDACTED } from './redact-receipt.js';
import { receiptSpanIds } from './receipt-span-ids.js';

/** One attribute value of a {@link ReceiptSpan}. */
export type ReceiptSpanAttributeValue = string | number | boolean;

/**
 * One receipt as one OpenTelemetry span, in plain data: a client span following the GenAI semantic conventions
 * (`gen_ai.*`, `server.*`, `error.type`), with route, cost and data-flow facts under `codewhale.*`. Never a message
 * content attribute (no `gen_ai.input.messages`, `gen_ai.output.messages`, prompts or completions): receipts hold none.
 */
export interface ReceiptSpan {
  /** `{gen_ai.operation.name} {gen_ai.request.model}`, e.g. `chat deepseek-v4-pro`. */
  readonly name: string;
  /** Always `client`: the request went to a model server. */
  readonly kind: 'client';
  /** 32 lowercase hex characters derived from the receipt id (the same on every export). */
  readonly traceId: string;
  /** 16 lowercase hex characters derived from the receipt id. */
  readonly spanId: string;
  /** Request start (the receipt's `time`), in nanoseconds since the Unix epoch, as a decimal string. */
  readonly startTimeUnixNano: string;
  /** Start plus the receipt's total time (the start itself when the total is unknown), as a decimal string. */
  readonly endTimeUnixNano: string;
  /** Span attributes; a fact the receipt does not hold is absent, never 0. */
  readonly attributes: Readonly<Record<string, ReceiptSpanAttributeValue>>;
  /** `error` (with a short message) for an HTTP error, a network error or an abort; `unset` otherwise. */
  readonly status: { readonly code: 'unset' } | { readonly code: 'error'; readonly message: string };
}

/** Attributes whose numbers are doubles in OTLP (every other number is an integer). */
const DOUBLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'codewhale.cost.amount',
  'codewhale.timing.ttfb_ms',
  'codewhale.timing.total_ms',
  'codewhale.usage.server_duration.total_ms',
  'codewhale.usage.server_duration.load_ms',
  'codewhale.usage.server_duration.prompt_eval_ms',
  'codewhale.usage.server_duration.eval_ms',
]);

/** True when the attribute's number is a double (OTLP `doubleValue`) rather than an integer. */
export function isDoubleSpanAttribute(key: string): boolean {
  return DOUBLE_ATTRIBUTES.has(key);
}

/** The GenAI operation of a wire protocol: `chat` for chat-completions, anthropic-messages and responses. */
function genAiOperationName(protocol: string): string {
  if (protocol === 'completions') return 'text_completion';
  if (protocol.includes('embed')) return 'embeddings';
  return 'chat';
}

/**
 * Map a receipt to one span description following the OpenTelemetry GenAI semantic conventions. Pass a receipt
 * through `redactReceipt` first for an export that leaves the team.
 */
export function receiptToSpan(receipt: RouteReceipt): ReceiptSpan {
  const operation = genAiOperationName(receipt.endpoint.protocol);
  const attributes: Record<string, ReceiptSpanAttributeValue> = {};
  const set = (key: string, value: ReceiptSpanAttributeValue | undefined) => {
    if (value === undefined) return;
    if (typeof value === 'number' && !Number.isFinite(value)) return;
    attributes[key] = value;
  };

  set('gen_ai.operation.name', operation);
  set('gen_ai.provider.name', receipt.provider);
  set('gen_ai.request.model', receipt.model.wire);
  set('gen_ai.response.model', receipt.model.served);
  const server = serverOf(receipt.endpoint.origin);
  set('server.address', server?.address);
  set('server.port', server?.port);
  const session = receipt.tags?.session;
  if (session !== undefined && session !== RECEIPT_REDACTED && session !== '') set('gen_ai.conversation.id', session);

  if (receipt.usage.known) {
    const usage = receipt.usage.usage;
    set('gen_ai.usage.input_tokens', usage.inputTokens);
    set('gen_ai.usage.output_tokens', usage.outputTokens);
    set('gen_ai.usage.cache_read.input_tokens', usage.cachedInputTokens);
    set('gen_ai.usage.cache_creation.input_tokens', usage.cacheWriteTokens);
    set('gen_ai.usage.reasoning.output_tokens', usage.reasoningTokens);
    set('codewhale.usage.total_tokens', usage.totalTokens);
    set('codewhale.usage.dialect', receipt.usage.dialect);
    set('codewhale.usage.server_duration.total_ms', usage.durations?.totalMs);
    set('codewhale.usage.server_duration.load_ms', usage.durations?.loadMs);
    set('codewhale.usage.server_duration.prompt_eval_ms', usage.durations?.promptEvalMs);
    set('codewhale.usage.server_duration.eval_ms', usage.durations?.evalMs);
  } else {
    set('codewhale.usage.unknown_reason', receipt.usage.reason);
  }

  const outcome = receipt.outcome;
  let status: ReceiptSpan['status'] = { code: 'unset' };
  set('codewhale.outcome', outcome.kind);
  if (outcome.kind === 'ok' || outcome.kind === 'http-error') set('http.response.status_code', outcome.status);
  if (outcome.kind === 'http-error') {
    set('error.type', String(outcome.status));
    status = { code: 'error', message: `HTTP ${outcome.status}` };
  } else if (outcome.kind === 'network-error') {
    set('error.type', outcome.code);
    status = { code: 'error', message: `network error ${outcome.code}` };
  } else if (outcome.kind === 'aborted') {
    set('error.type', 'aborted');
    status = { code: 'error', message: 'aborted' };
  }

  set('codewhale.receipt.id', receipt.id);
  set('codewhale.route', receipt.route);
  set('codewhale.model.canonical', receipt.model.canonical);
  set('codewhale.endpoint.official', receipt.endpoint.official);
  set('codewhale.endpoint.protocol', receipt.endpoint.protocol);
  set('codewhale.endpoint.fingerprint', receipt.endpoint.fingerprint);
  set('codewhale.endpoint.origin', receipt.endpoint.origin);
  set('codewhale.endpoint.path', receipt.endpoint.path);
  set('codewhale.credential.class', receipt.credential);
  set('codewhale.stream', receipt.stream);
  set('codewhale.reasoning.level', receipt.reasoning?.level);
  if (receipt.reasoning?.params !== undefined)
    set('codewhale.reasoning.params', JSON.stringify(receipt.reasoning.params));

  if (receipt.cost.known) {
    set('codewhale.cost.amount', receipt.cost.amount);
    set('codewhale.cost.currency', receipt.cost.currency);
    set('codewhale.cost.time_tier', receipt.cost.timeTier);
    set('codewhale.cost.context_tier', receipt.cost.contextTier);
  } else {
    set('codewhale.cost.unknown_reason', receipt.cost.reason);
  }

  set('codewhale.timing.ttfb_ms', receipt.timing.ttfbMs);
  set('codewhale.timing.total_ms', receipt.timing.totalMs);
  set('codewhale.bytes.sent', receipt.bytes.sent);
  set('codewhale.bytes.received', receipt.bytes.received);
  set('codewhale.bytes.origin', receipt.bytes.origin);
  set('codewhale.catalog', receipt.catalog);
  set('codewhale.request.sha256', receipt.requestSha256);
  for (const [name, value] of Object.entries(receipt.tags ?? {})) set(`codewhale.tag.${name}`, value);

  const start = startNanos(receipt.time);
  const total = receipt.timing.totalMs;
  const end =
    total !== undefined && Number.isFinite(total) && total >= 0 ? start + BigInt(Math.round(total * 1e6)) : start;
  const { traceId, spanId } = receiptSpanIds(receipt.id);
  return {
    name: `${operation} ${receipt.model.wire}`,
    kind: 'client',
    traceId,
    spanId,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    attributes,
    status,
  };
}

/** Nanoseconds since the epoch of an ISO time (0 for an unreadable one: the ledger's schema has checked it). */
function startNanos(time: string): bigint {
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : 0n;
}

/** `server.address` and `server.port` of an origin (default ports filled in), or undefined when it is not a URL. */
function serverOf(origin: string): { address: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const address = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { address, port };
}

/** `[seconds, nanoseconds]` (OpenTelemetry `HrTime`) of a decimal nanosecond string. */
export function nanosToHrTime(nanos: string): [number, number] {
  const value = BigInt(nanos);
  return [Number(value / 1_000_000_000n), Number(value % 1_000_000_000n)];
}
