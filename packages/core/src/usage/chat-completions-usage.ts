import { asObject, finishUsage, readCount, readDuration, readObject, sameCount, UsageFault } from './usage-counts.js';
import type { NormalisedUsage, UsageDialectFeatures } from './usage-types.js';

/**
 * @internal Reads a chat-completions `usage` block (`prompt_tokens`, `completion_tokens`, `total_tokens`,
 * `prompt_tokens_details.cached_tokens`, `completion_tokens_details.reasoning_tokens`) with the dialect's extra fields:
 * - cacheHitMissFields: `prompt_cache_hit_tokens` is the cached count; a body that also carries
 *   `prompt_tokens_details.cached_tokens` repeats it, and it is read once (both must agree). Hits + misses must equal
 *   `prompt_tokens`, and stand in for it when it is absent.
 * - topLevelCachedTokens: `usage.cached_tokens` besides or instead of `prompt_tokens_details.cached_tokens`.
 * - topLevelReasoningTokens: `usage.reasoning_tokens` besides or instead of `completion_tokens_details`.
 */
export function chatCompletionsUsage(
  usage: Readonly<Record<string, unknown>>,
  features: UsageDialectFeatures,
): NormalisedUsage {
  const where = 'usage';
  const promptDetails = readObject(usage, 'prompt_tokens_details', where);
  const completionDetails = readObject(usage, 'completion_tokens_details', where);
  let inputTokens = readCount(usage, 'prompt_tokens', where);
  let cachedInputTokens = promptDetails
    ? readCount(promptDetails, 'cached_tokens', `${where}.prompt_tokens_details`)
    : undefined;
  let reasoningTokens = completionDetails
    ? readCount(completionDetails, 'reasoning_tokens', `${where}.completion_tokens_details`)
    : undefined;

  if (features.cacheHitMissFields) {
    const hit = readCount(usage, 'prompt_cache_hit_tokens', where);
    const miss = readCount(usage, 'prompt_cache_miss_tokens', where);
    cachedInputTokens = sameCount(hit, cachedInputTokens, 'cache hits', [
      'prompt_cache_hit_tokens',
      'prompt_tokens_details.cached_tokens',
    ]);
    if (hit !== undefined && miss !== undefined) {
      inputTokens = sameCount(inputTokens, hit + miss, 'prompt tokens', [
        'prompt_tokens',
        'prompt_cache_hit_tokens + prompt_cache_miss_tokens',
      ]);
    }
  }
  if (features.topLevelCachedTokens) {
    cachedInputTokens = sameCount(readCount(usage, 'cached_tokens', where), cachedInputTokens, 'cached tokens', [
      'usage.cached_tokens',
      'prompt_tokens_details.cached_tokens',
    ]);
  }
  if (features.topLevelReasoningTokens) {
    reasoningTokens = sameCount(readCount(usage, 'reasoning_tokens', where), reasoningTokens, 'reasoning tokens', [
      'usage.reasoning_tokens',
      'completion_tokens_details.reasoning_tokens',
    ]);
  }

  return finishUsage(
    {
      inputTokens,
      cachedInputTokens,
      outputTokens: readCount(usage, 'completion_tokens', where),
      reasoningTokens,
      totalTokens: readCount(usage, 'total_tokens', where),
    },
    where,
  );
}

/**
 * @internal A native generate answer's `meta_info`: `prompt_tokens`, `completion_tokens`, `cached_tokens`
 * (prefix-cache hits), `reasoning_tokens` and `e2e_latency` in seconds.
 */
export function metaInfoUsage(metaInfo: Readonly<Record<string, unknown>>): NormalisedUsage {
  const where = 'meta_info';
  const totalMs = readDuration(metaInfo, 'e2e_latency', where, 's');
  return finishUsage(
    {
      inputTokens: readCount(metaInfo, 'prompt_tokens', where),
      cachedInputTokens: readCount(metaInfo, 'cached_tokens', where),
      outputTokens: readCount(metaInfo, 'completion_tokens', where),
      reasoningTokens: readCount(metaInfo, 'reasoning_tokens', where),
      durations: totalMs !== undefined ? { totalMs } : undefined,
    },
    where,
  );
}

/** @internal The usage of one chat-completions answer body (or of one stream chunk that carries it). */
export function chatCompletionsBodyUsage(
  body: Readonly<Record<string, unknown>>,
  features: UsageDialectFeatures,
): NormalisedUsage {
  const usage = asObject(body.usage);
  if (usage) return chatCompletionsUsage(usage, features);
  if (body.usage !== undefined && body.usage !== null) throw new UsageFault('usage is not an object');
  if (features.metaInfoBlock) {
    const metaInfo = asObject(body.meta_info);
    if (metaInfo) return metaInfoUsage(metaInfo);
  }
  throw new UsageFault('the answer has no usage block');
}
