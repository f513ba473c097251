import { createUsageAccumulator, normaliseUsage } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { deepseekPlugin } from './deepseek-plugin.js';

const { resolve } = createRouteProbe([deepseekPlugin]);

describe('DeepSeek usage dialects per endpoint', () => {
  /** @see issue 16 item 1 */
  it('chat speaks the deepseek dialect; responses and anthropic their protocol defaults', () => {
    expect(resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' }).usageDialect).toBe('deepseek');
    expect(
      resolve(
        { provider: 'deepseek', model: 'deepseek-v4-pro' },
        { providers: { deepseek: { endpoint: 'responses' } } },
      ).usageDialect,
    ).toBe('responses');
    expect(
      resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl: 'https://api.deepseek.com/anthropic' })
        .usageDialect,
    ).toBe('anthropic-messages');
  });

  /** @see issue 16 item 1 */
  it("the candidate's dialect reads DeepSeek's cache-hit count once, streamed or not", () => {
    const candidate = resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    const options = { protocol: candidate.endpoint.protocol, dialect: candidate.usageDialect };
    // The usage block of a recorded deepseek-reasoner answer (vercel/ai packages/deepseek fixture deepseek-json.json).
    const usage = {
      prompt_tokens: 495,
      completion_tokens: 144,
      total_tokens: 639,
      prompt_tokens_details: { cached_tokens: 320 },
      completion_tokens_details: { reasoning_tokens: 118 },
      prompt_cache_hit_tokens: 320,
      prompt_cache_miss_tokens: 175,
    };
    const expected = {
      inputTokens: 495,
      cachedInputTokens: 320,
      outputTokens: 144,
      reasoningTokens: 118,
      totalTokens: 639,
    };
    expect(normaliseUsage({ usage }, options)).toEqual({ known: true, dialect: 'deepseek', usage: expected });
    // Streams: usage rides on the finish chunk itself (no separate usage-only chunk).
    const accumulator = createUsageAccumulator(options);
    accumulator.push({ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }], usage: null });
    accumulator.push({ choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }], usage });
    expect(accumulator.result()).toEqual({ known: true, dialect: 'deepseek', usage: expected });
  });
});
