import { anthropicUsage } from './anthropic-usage.js';
import { chatCompletionsUsage } from './chat-completions-usage.js';
import { evalCountUsage } from './eval-count-usage.js';
import { dialectFor, readUsage } from './normalise-usage.js';
import { responsesUsage } from './responses-usage.js';
import { asObject, UsageFault } from './usage-counts.js';
import {
  type NormaliseUsageOptions,
  type UsageAccumulator,
  USAGE_DIALECT_FEATURES,
  type UsageReading,
} from './usage-types.js';

/** Responses stream events that end a response and carry its final `usage`. */
const RESPONSES_FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Where the usage of a stream was found. */
type Found =
  | { readonly kind: 'block'; readonly usage: Readonly<Record<string, unknown>> }
  | { readonly kind: 'final-line'; readonly line: Readonly<Record<string, unknown>> }
  | { readonly kind: 'bad'; readonly reason: string };

/**
 * Collects the usage of a streamed answer. Push every parsed SSE `data:` JSON object (or NDJSON line object of a
 * native local-runtime API) in order; non-objects such as `[DONE]` are ignored. `result()` reads the usage from
 * whichever event carried it: a chat-completions chunk with a `usage` block (the usage-only chunk sent with
 * `stream_options.include_usage`, or the finish or last chunk for dialects that put it there), Anthropic's
 * `message_start` merged with `message_delta` (whose cumulative counts win; the output count is taken from
 * `message_delta` only, as `message_start`'s is a placeholder), the Responses `response.completed` event, or the
 * `done: true` line of an NDJSON stream. A later usage block replaces an earlier one. Never throws.
 */
export function createUsageAccumulator(options: NormaliseUsageOptions): UsageAccumulator {
  const chosen = dialectFor(options);
  if (!('dialect' in chosen)) {
    return { push: () => undefined, result: () => chosen };
  }
  const { dialect } = chosen;
  const features = USAGE_DIALECT_FEATURES[dialect];
  let found: Found | undefined;
  let messages: Record<string, unknown> | undefined;
  let events = 0;

  const push = (event: unknown): void => {
    const object = asObject(event);
    if (!object) return;
    events += 1;
    switch (features.shape) {
      case 'chat-completions': {
        const usage = asObject(object.usage);
        if (usage) found = { kind: 'block', usage };
        else if (object.usage !== undefined && object.usage !== null)
          found = { kind: 'bad', reason: 'a stream chunk has a usage field that is not an object' };
        return;
      }
      case 'anthropic-messages': {
        const usage =
          object.type === 'message_start'
            ? asObject(asObject(object.message)?.usage)
            : object.type === 'message_delta'
              ? asObject(object.usage)
              : undefined;
        if (!usage) return;
        // message_delta counts are cumulative: they replace message_start's, and fields it lacks are kept.
        // message_start's output_tokens is a placeholder (1): until a message_delta arrives, output is not known.
        const counts = Object.fromEntries(Object.entries(usage).filter(([, value]) => value != null));
        if (object.type === 'message_start') delete counts.output_tokens;
        messages = { ...messages, ...counts };
        found = { kind: 'block', usage: messages };
        return;
      }
      case 'responses': {
        if (typeof object.type !== 'string' || !RESPONSES_FINAL_EVENTS.has(object.type)) return;
        const usage = asObject(asObject(object.response)?.usage);
        if (usage) found = { kind: 'block', usage };
        return;
      }
      case 'eval-counts':
        if (object.done === true) found = { kind: 'final-line', line: object };
        return;
    }
  };

  const result = (): UsageReading => {
    if (!found) {
      return {
        known: false,
        reason:
          events === 0
            ? 'the stream carried no events'
            : dialect === 'openai-chat'
              ? 'no stream event carried usage (OpenAI-format streams send it only with stream_options.include_usage)'
              : 'no stream event carried usage',
      };
    }
    const last = found;
    return readUsage(dialect, () => {
      switch (last.kind) {
        case 'bad':
          throw new UsageFault(last.reason);
        case 'final-line':
          return evalCountUsage(last.line);
        case 'block':
          return features.shape === 'anthropic-messages'
            ? anthropicUsage(last.usage)
            : features.shape === 'responses'
              ? responsesUsage(last.usage, 'response.usage')
              : chatCompletionsUsage(last.usage, features);
      }
    });
  };

  return { push, result };
}
