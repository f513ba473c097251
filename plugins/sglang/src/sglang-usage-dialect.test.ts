import { normaliseUsage } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { sglangPlugin } from './sglang-plugin.js';

const { resolve } = createRouteProbe([sglangPlugin]);

describe('SGLang usage dialect', () => {
  /** @see issue 16 item 1 */
  it("reads SGLang's top-level reasoning_tokens", () => {
    const candidate = resolve({ provider: 'sglang', model: 'qwen/qwen2.5-0.5b-instruct' });
    expect(candidate.usageDialect).toBe('sglang');
    // The usage block of a recorded SGLang chat answer (docs.sglang.ai send_request notebook, 2026-03-03).
    const usage = {
      prompt_tokens: 36,
      total_tokens: 44,
      completion_tokens: 8,
      prompt_tokens_details: null,
      reasoning_tokens: 0,
    };
    expect(
      normaliseUsage({ usage }, { protocol: candidate.endpoint.protocol, dialect: candidate.usageDialect }),
    ).toEqual({
      known: true,
      dialect: 'sglang',
      usage: { inputTokens: 36, outputTokens: 8, reasoningTokens: 0, totalTokens: 44 },
    });
  });
});
