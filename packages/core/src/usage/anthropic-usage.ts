import { finishUsage, readCount } from './usage-counts.js';
import type { NormalisedUsage } from './usage-types.js';

/**
 * @internal Reads an Anthropic Messages `usage` block. There `input_tokens` EXCLUDES the cache: the prompt is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`, so inputTokens is that sum and the cache
 * counts are its subsets (each token counted once). Anthropic reports no separate reasoning count.
 */
export function anthropicUsage(usage: Readonly<Record<string, unknown>>, where = 'usage'): NormalisedUsage {
  const uncached = readCount(usage, 'input_tokens', where);
  const cacheWriteTokens = readCount(usage, 'cache_creation_input_tokens', where);
  const cachedInputTokens = readCount(usage, 'cache_read_input_tokens', where);
  const inputTokens =
    uncached === undefined ? undefined : uncached + (cacheWriteTokens ?? 0) + (cachedInputTokens ?? 0);
  return finishUsage(
    { inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens: readCount(usage, 'output_tokens', where) },
    where,
  );
}
