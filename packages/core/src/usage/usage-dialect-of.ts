import { USAGE_DIALECTS, type UsageDialect } from './usage-types.js';

const PROTOCOL_DIALECTS: Readonly<Record<string, UsageDialect>> = {
  'chat-completions': 'openai-chat',
  // Legacy text completions carry the same `usage` block as chat completions.
  completions: 'openai-chat',
  'anthropic-messages': 'anthropic-messages',
  responses: 'responses',
};

/** True when `value` is one of the {@link USAGE_DIALECTS}. */
export function isUsageDialect(value: unknown): value is UsageDialect {
  return typeof value === 'string' && (USAGE_DIALECTS as readonly string[]).includes(value);
}

/**
 * The usage dialect of an endpoint (a descriptor's endpoint, or `{ protocol, usageDialect }` of a route): the one the
 * plugin names, else the protocol's default (`chat-completions` → `openai-chat`, `anthropic-messages`, `responses`),
 * else undefined for a protocol core does not know. A named dialect core does not know gives undefined too (never a
 * guess from the protocol).
 */
export function usageDialectOf(endpoint: {
  readonly protocol: string;
  readonly usageDialect?: UsageDialect | undefined;
}): UsageDialect | undefined {
  if (endpoint.usageDialect !== undefined)
    return isUsageDialect(endpoint.usageDialect) ? endpoint.usageDialect : undefined;
  return Object.hasOwn(PROTOCOL_DIALECTS, endpoint.protocol) ? PROTOCOL_DIALECTS[endpoint.protocol] : undefined;
}
