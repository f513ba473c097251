import { compactDurations, finishUsage, readCount, readDuration } from './usage-counts.js';
import type { NormalisedUsage } from './usage-types.js';

/**
 * @internal Reads the final object of a native local-runtime API of the `eval-counts` shape: `prompt_eval_count`
 * (input), `eval_count` (output) and `total_duration`, `load_duration`, `prompt_eval_duration`, `eval_duration` in
 * nanoseconds. Every one is optional (a hosted variant drops most durations). No cache or reasoning counts.
 */
export function evalCountUsage(body: Readonly<Record<string, unknown>>): NormalisedUsage {
  const where = 'the answer';
  return finishUsage(
    {
      inputTokens: readCount(body, 'prompt_eval_count', where),
      outputTokens: readCount(body, 'eval_count', where),
      durations: compactDurations({
        totalMs: readDuration(body, 'total_duration', where, 'ns'),
        loadMs: readDuration(body, 'load_duration', where, 'ns'),
        promptEvalMs: readDuration(body, 'prompt_eval_duration', where, 'ns'),
        evalMs: readDuration(body, 'eval_duration', where, 'ns'),
      }),
    },
    where,
  );
}
