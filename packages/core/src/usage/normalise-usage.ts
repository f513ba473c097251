import { anthropicUsage } from './anthropic-usage.js';
import { chatCompletionsBodyUsage } from './chat-completions-usage.js';
import { evalCountUsage } from './eval-count-usage.js';
import { responsesUsage } from './responses-usage.js';
import { asObject, safeLabel, UsageFault } from './usage-counts.js';
import { usageDialectOf } from './usage-dialect-of.js';
import {
  type NormalisedUsage,
  type NormaliseUsageOptions,
  USAGE_DIALECT_FEATURES,
  type UsageDialect,
  type UsageReading,
} from './usage-types.js';

/** @internal The dialect for these options, or a reading that says why there is none. */
export function dialectFor(
  options: NormaliseUsageOptions,
): { readonly dialect: UsageDialect } | { readonly known: false; readonly reason: string } {
  const protocol = typeof options?.protocol === 'string' ? options.protocol : '';
  const named = options?.dialect;
  const dialect = usageDialectOf({ protocol, usageDialect: named });
  if (dialect) return { dialect };
  return {
    known: false,
    reason:
      named === undefined
        ? `no usage dialect for protocol "${safeLabel(protocol)}" (the plugin names none)`
        : `unknown usage dialect "${safeLabel(named)}"`,
  };
}

/** @internal Runs a reader, turning a fault (or anything unexpected) into an unknown reading; never throws. */
export function readUsage(dialect: UsageDialect, read: () => NormalisedUsage): UsageReading {
  try {
    return { known: true, usage: read(), dialect };
  } catch (error) {
    if (error instanceof UsageFault) return { known: false, reason: error.reason };
    return { known: false, reason: `the usage block could not be read (${dialect})` };
  }
}

/** @internal The usage of one complete answer object in a dialect. */
export function bodyUsage(body: Readonly<Record<string, unknown>>, dialect: UsageDialect): NormalisedUsage {
  const features = USAGE_DIALECT_FEATURES[dialect];
  switch (features.shape) {
    case 'chat-completions':
      return chatCompletionsBodyUsage(body, features);
    case 'anthropic-messages':
    case 'responses': {
      const usage = asObject(body.usage);
      if (!usage) throw new UsageFault(body.usage == null ? 'the answer has no usage block' : 'usage is not an object');
      return features.shape === 'responses' ? responsesUsage(usage) : anthropicUsage(usage);
    }
    case 'eval-counts':
      return evalCountUsage(body);
  }
}

/**
 * The token counts of one non-streamed answer body (already parsed JSON), in the endpoint's usage dialect (the
 * plugin's, else the protocol's default). Never throws: a missing, malformed or absurd usage block (negative, not a
 * whole number, above 100,000,000 tokens, or subsets larger than their whole) gives `{ known: false, reason }`;
 * a count the body does not carry stays absent; cached tokens are counted once.
 */
export function normaliseUsage(body: unknown, options: NormaliseUsageOptions): UsageReading {
  const chosen = dialectFor(options);
  if (!('dialect' in chosen)) return chosen;
  const object = asObject(body);
  if (!object) return { known: false, reason: 'the answer body is not a JSON object' };
  return readUsage(chosen.dialect, () => bodyUsage(object, chosen.dialect));
}
