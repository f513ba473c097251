import { finishUsage, readCount, readObject } from './usage-counts.js';
import type { NormalisedUsage } from './usage-types.js';

/**
 * @internal Reads a Responses-format `usage` block: `input_tokens` (cached included),
 * `input_tokens_details.cached_tokens`, `output_tokens` (reasoning included), `output_tokens_details.reasoning_tokens`,
 * `total_tokens`.
 */
export function responsesUsage(usage: Readonly<Record<string, unknown>>, where = 'usage'): NormalisedUsage {
  const inputDetails = readObject(usage, 'input_tokens_details', where);
  const outputDetails = readObject(usage, 'output_tokens_details', where);
  return finishUsage(
    {
      inputTokens: readCount(usage, 'input_tokens', where),
      cachedInputTokens: inputDetails
        ? readCount(inputDetails, 'cached_tokens', `${where}.input_tokens_details`)
        : undefined,
      outputTokens: readCount(usage, 'output_tokens', where),
      reasoningTokens: outputDetails
        ? readCount(outputDetails, 'reasoning_tokens', `${where}.output_tokens_details`)
        : undefined,
      totalTokens: readCount(usage, 'total_tokens', where),
    },
    where,
  );
}
