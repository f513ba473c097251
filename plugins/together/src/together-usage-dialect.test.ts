import { createUsageAccumulator, normaliseUsage } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { togetherPlugin } from './together-plugin.js';

const { resolve } = createRouteProbe([togetherPlugin]);

describe('Together usage dialect', () => {
  /** @see issue 16 item 1 */
  it("reads Together's top-level cached_tokens, and usage on the last stream chunk without include_usage", () => {
    const candidate = resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });
    expect(candidate.usageDialect).toBe('together');
    const options = { protocol: candidate.endpoint.protocol, dialect: candidate.usageDialect };
    // Usage blocks as recorded (HF router → Together, 2026; Together direct stream, 2025).
    expect(
      normaliseUsage(
        { usage: { cached_tokens: 0, completion_tokens: 258, prompt_tokens: 4, total_tokens: 262 } },
        options,
      ),
    ).toEqual({
      known: true,
      dialect: 'together',
      usage: { inputTokens: 4, cachedInputTokens: 0, outputTokens: 258, totalTokens: 262 },
    });
    const accumulator = createUsageAccumulator(options);
    accumulator.push({ choices: [{ index: 0, text: '2', finish_reason: null }], usage: null });
    accumulator.push({
      choices: [{ index: 0, text: '', finish_reason: 'eos' }],
      usage: { prompt_tokens: 48, completion_tokens: 2, total_tokens: 50 },
    });
    expect(accumulator.result()).toEqual({
      known: true,
      dialect: 'together',
      usage: { inputTokens: 48, outputTokens: 2, totalTokens: 50 },
    });
  });
});
