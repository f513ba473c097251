import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USAGE_DIALECTS } from './usage-types.js';
import { createUsageAccumulator } from './usage-accumulator.js';
import { normaliseUsage } from './normalise-usage.js';
import { servedModel } from './served-model.js';
import type { NormalisedUsage, UsageReading } from './usage-types.js';

/** One recorded body from ./__fixtures__ (each has a `.source.txt` note with the numbers used below). */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function known(reading: UsageReading): NormalisedUsage {
  if (!reading.known) throw new Error(`expected known usage, got: ${reading.reason}`);
  return reading.usage;
}

describe('normaliseUsage: recorded bodies give the numbers of their source notes', () => {
  it('Anthropic Messages: input_tokens excludes the cache, so input = 3 + 0 + 1111 (cache read counted once)', () => {
    const body = fixture('anthropic_messages_sonnet45_cache_first.json');
    const reading = normaliseUsage(body, { protocol: 'anthropic-messages' });
    expect(reading).toEqual({
      known: true,
      dialect: 'anthropic-messages',
      usage: { inputTokens: 1114, cachedInputTokens: 1111, cacheWriteTokens: 0, outputTokens: 406, totalTokens: 1520 },
    });
    expect(servedModel(body)).toBe('claude-sonnet-4-5-20250929');
  });

  it('DeepSeek deepseek-chat: no completion_tokens_details, so reasoning stays absent', () => {
    const reading = normaliseUsage(fixture('deepseek_chat_nonstream_no_reasoning.json'), {
      protocol: 'chat-completions',
      dialect: 'deepseek',
    });
    expect(reading).toEqual({
      known: true,
      dialect: 'deepseek',
      usage: { inputTokens: 13, cachedInputTokens: 0, outputTokens: 300, totalTokens: 313 },
    });
    expect(known(reading)).not.toHaveProperty('reasoningTokens');
  });

  it('DeepSeek deepseek-reasoner cache hit: 320 hits read once although the body carries them twice', () => {
    const reading = normaliseUsage(fixture('deepseek_reasoner_nonstream_cachehit.json'), {
      protocol: 'chat-completions',
      dialect: 'deepseek',
    });
    expect(known(reading)).toEqual({
      inputTokens: 495,
      cachedInputTokens: 320,
      outputTokens: 144,
      reasoningTokens: 118,
      totalTokens: 639,
    });
  });

  it('DeepSeek V4 era (alphabetical keys): 875 misses, 79 output of which 26 reasoning; served deepseek-v4-flash', () => {
    const body = fixture('deepseek_v4flash_chat_toolcall_cachemiss.json');
    expect(known(normaliseUsage(body, { protocol: 'chat-completions', dialect: 'deepseek' }))).toEqual({
      inputTokens: 875,
      cachedInputTokens: 0,
      outputTokens: 79,
      reasoningTokens: 26,
      totalTokens: 954,
    });
    expect(servedModel(body)).toBe('deepseek-v4-flash');
  });

  it('DeepSeek Responses-format endpoint: input_tokens_details and output_tokens_details', () => {
    const body = fixture('deepseek_v4flash_responses_api_nonstream.json');
    expect(normaliseUsage(body, { protocol: 'responses' })).toEqual({
      known: true,
      dialect: 'responses',
      usage: { inputTokens: 90, cachedInputTokens: 0, outputTokens: 15, reasoningTokens: 7, totalTokens: 105 },
    });
    expect(servedModel(body)).toBe('deepseek-v4-flash');
  });

  it("Together via the HF router (2026 shape): top-level usage.cached_tokens is Together's cached count", () => {
    const body = fixture('hf_router_together_deepseek_r1_nonstream.json');
    expect(known(normaliseUsage(body, { protocol: 'chat-completions', dialect: 'together' }))).toEqual({
      inputTokens: 4,
      cachedInputTokens: 0,
      outputTokens: 258,
      totalTokens: 262,
    });
    // The plain OpenAI dialect does not read Together's key: the cached count stays absent, not 0.
    expect(known(normaliseUsage(body, { protocol: 'chat-completions' }))).toEqual({
      inputTokens: 4,
      outputTokens: 258,
      totalTokens: 262,
    });
  });

  it('Together via the HF router, Llama 4 tool call: no cached key, so no cached count', () => {
    const body = fixture('hf_router_together_llama4_toolcall_nonstream.json');
    expect(known(normaliseUsage(body, { protocol: 'chat-completions', dialect: 'together' }))).toEqual({
      inputTokens: 608,
      outputTokens: 30,
      totalTokens: 638,
    });
    expect(servedModel(body)).toBe('meta-llama/Llama-4-Scout-17B-16E-Instruct');
  });

  it('Together direct (2025 shape): prompt/completion/total only', () => {
    expect(
      known(
        normaliseUsage(fixture('together_chat_nonstream.json'), { protocol: 'chat-completions', dialect: 'together' }),
      ),
    ).toEqual({ inputTokens: 46, outputTokens: 9, totalTokens: 55 });
  });

  it('Ollama cloud /api/generate: durations it drops stay absent (ns → ms, rounded to the µs)', () => {
    const body = fixture('ollama_cloud_generate_nonstream.json');
    expect(normaliseUsage(body, { protocol: 'ollama', dialect: 'ollama-native' })).toEqual({
      known: true,
      dialect: 'ollama-native',
      usage: { inputTokens: 81, outputTokens: 104, totalTokens: 185, durations: { totalMs: 502.222 } },
    });
    expect(servedModel(body)).toBe('gpt-oss:20b');
  });

  it('Ollama docs /api/chat with tools: every duration, cold load included', () => {
    expect(
      known(
        normaliseUsage(fixture('ollama_docs_api_chat_tools_nonstream.json'), {
          protocol: 'ollama',
          dialect: 'ollama-native',
        }),
      ),
    ).toEqual({
      inputTokens: 169,
      outputTokens: 18,
      totalTokens: 187,
      durations: { totalMs: 3244.884, loadMs: 2969.185, promptEvalMs: 141.656, evalMs: 133.294 },
    });
  });

  it('Ollama docs usage page /api/generate', () => {
    expect(
      known(
        normaliseUsage(fixture('ollama_docs_api_generate_usage.json'), {
          protocol: 'ollama',
          dialect: 'ollama-native',
        }),
      ),
    ).toEqual({
      inputTokens: 11,
      outputTokens: 18,
      totalTokens: 29,
      durations: { totalMs: 174.56, loadMs: 101.397, promptEvalMs: 13.075, evalMs: 52.48 },
    });
  });

  it('Ollama local /api/chat (granite3.3:8b)', () => {
    const body = fixture('ollama_native_chat_nonstream.json');
    expect(known(normaliseUsage(body, { protocol: 'ollama', dialect: 'ollama-native' }))).toEqual({
      inputTokens: 44,
      outputTokens: 20,
      totalTokens: 64,
      durations: { totalMs: 1245.045, loadMs: 32.764, promptEvalMs: 60.836, evalMs: 1150.101 },
    });
    expect(servedModel(body)).toBe('granite3.3:8b');
  });

  it('Ollama local /api/generate with a context array', () => {
    expect(
      known(
        normaliseUsage(fixture('ollama_native_generate_nonstream_local.json'), {
          protocol: 'ollama',
          dialect: 'ollama-native',
        }),
      ),
    ).toEqual({
      inputTokens: 50,
      outputTokens: 11,
      totalTokens: 61,
      durations: { totalMs: 1203.194, loadMs: 985.78, promptEvalMs: 117.79, evalMs: 97.787 },
    });
  });

  it('Ollama /v1 (OpenAI-compatible): prompt/completion/total only, no reasoning count invented', () => {
    const body = fixture('ollama_openai_compat_local_qwen3.json');
    expect(normaliseUsage(body, { protocol: 'chat-completions' })).toEqual({
      known: true,
      dialect: 'openai-chat',
      usage: { inputTokens: 136, outputTokens: 15, totalTokens: 151 },
    });
    expect(servedModel(body)).toBe('qwen3:0.6b');
  });

  it('SGLang native /generate: counts in meta_info, cached_tokens 2, e2e_latency in seconds', () => {
    expect(
      known(normaliseUsage(fixture('sglang_native_generate.json'), { protocol: 'sglang-generate', dialect: 'sglang' })),
    ).toEqual({
      inputTokens: 5,
      cachedInputTokens: 2,
      outputTokens: 32,
      totalTokens: 37,
      durations: { totalMs: 46.853 },
    });
  });

  it('SGLang chat: top-level reasoning_tokens 0 is a reported zero; prompt_tokens_details null leaves cached absent', () => {
    const body = fixture('sglang_qwen25_chat_nonstream.json');
    expect(known(normaliseUsage(body, { protocol: 'chat-completions', dialect: 'sglang' }))).toEqual({
      inputTokens: 36,
      outputTokens: 8,
      reasoningTokens: 0,
      totalTokens: 44,
    });
    expect(servedModel(body)).toBe('qwen/qwen2.5-0.5b-instruct');
  });

  it('vLLM Qwen3 (thinking inline): no reasoning count in the body, so none in the usage', () => {
    expect(known(normaliseUsage(fixture('vllm_qwen3_chat_nonstream.json'), { protocol: 'chat-completions' }))).toEqual({
      inputTokens: 14,
      outputTokens: 167,
      totalTokens: 181,
    });
  });

  it('vLLM Qwen3 with thinking off', () => {
    expect(
      known(normaliseUsage(fixture('vllm_qwen3_chat_nonstream_nothink.json'), { protocol: 'chat-completions' })),
    ).toEqual({
      inputTokens: 18,
      outputTokens: 16,
      totalTokens: 34,
    });
  });
});

describe('normaliseUsage: unknown, never a made-up number', () => {
  const chat = { protocol: 'chat-completions' } as const;
  const deepseek = { protocol: 'chat-completions', dialect: 'deepseek' } as const;

  it.each([
    ['no usage block', { id: 'x', choices: [] }, /no usage block/],
    ['usage: null', { usage: null }, /no usage block/],
    ['usage is a string', { usage: '12' }, /not an object/],
    ['a negative count', { usage: { prompt_tokens: -1, completion_tokens: 3 } }, /prompt_tokens is negative/],
    ['NaN', { usage: { prompt_tokens: Number.NaN, completion_tokens: 3 } }, /not a finite number/],
    ['Infinity', { usage: { prompt_tokens: 5, completion_tokens: Number.POSITIVE_INFINITY } }, /not a finite number/],
    ['a fraction', { usage: { prompt_tokens: 2.5, completion_tokens: 3 } }, /not a whole number/],
    ['a numeric string', { usage: { prompt_tokens: '12', completion_tokens: 3 } }, /not a finite number/],
    [
      'beyond any real request',
      { usage: { prompt_tokens: 100_000_001, completion_tokens: 3 } },
      /beyond any real request/,
    ],
    ['an empty block', { usage: {} }, /no input, output or total/],
    [
      'cached above input',
      { usage: { prompt_tokens: 5, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 6 } } },
      /exceed the 5 input/,
    ],
    [
      'reasoning above output',
      { usage: { prompt_tokens: 5, completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 4 } } },
      /exceed the 3 output/,
    ],
    [
      'details not an object',
      { usage: { prompt_tokens: 5, prompt_tokens_details: 7 } },
      /prompt_tokens_details is not an object/,
    ],
  ])('%s', (_name, body, reason) => {
    const reading = normaliseUsage(body, chat);
    expect(reading.known).toBe(false);
    expect(!reading.known && reading.reason).toMatch(reason);
  });

  it('a body that is not an object, and an unknown protocol without a dialect', () => {
    for (const body of [null, undefined, 'text', 42, [1, 2]]) expect(normaliseUsage(body, chat).known).toBe(false);
    expect(normaliseUsage({ usage: { prompt_tokens: 1 } }, { protocol: 'grpc-something' })).toEqual({
      known: false,
      reason: 'no usage dialect for protocol "grpc-something" (the plugin names none)',
    });
    expect(
      normaliseUsage({ usage: { prompt_tokens: 1 } }, { protocol: 'chat-completions', dialect: 'nope' as never }),
    ).toEqual({
      known: false,
      reason: 'unknown usage dialect "nope"',
    });
    expect(normaliseUsage({ usage: { prompt_tokens: 1 } }, undefined as never).known).toBe(false);
    // A caller-given name is shown printable and short, never as raw terminal bytes.
    expect(normaliseUsage({}, { protocol: 'evil\u001b[31m' })).toEqual({
      known: false,
      reason: 'no usage dialect for protocol "evil?[31m" (the plugin names none)',
    });
  });

  it('DeepSeek: the two cache-hit fields must agree, and hit + miss must equal the prompt', () => {
    const usage = {
      prompt_tokens: 495,
      completion_tokens: 144,
      prompt_cache_hit_tokens: 320,
      prompt_cache_miss_tokens: 175,
    };
    expect(known(normaliseUsage({ usage }, deepseek))).toMatchObject({ inputTokens: 495, cachedInputTokens: 320 });
    const twice = normaliseUsage({ usage: { ...usage, prompt_tokens_details: { cached_tokens: 300 } } }, deepseek);
    expect(!twice.known && twice.reason).toMatch(
      /prompt_cache_hit_tokens \(320\) and prompt_tokens_details.cached_tokens \(300\) disagree/,
    );
    const sum = normaliseUsage({ usage: { ...usage, prompt_cache_miss_tokens: 170 } }, deepseek);
    expect(!sum.known && sum.reason).toMatch(/prompt tokens/);
    // Without prompt_tokens, hit + miss is the prompt.
    const { prompt_tokens: _dropped, ...noPrompt } = usage;
    expect(known(normaliseUsage({ usage: noPrompt }, deepseek))).toMatchObject({
      inputTokens: 495,
      cachedInputTokens: 320,
    });
  });

  it('sums beyond any real request are faults too (Anthropic input = three counts)', () => {
    const usage = { input_tokens: 60_000_000, cache_read_input_tokens: 60_000_000, output_tokens: 1 };
    expect(normaliseUsage({ usage }, { protocol: 'anthropic-messages' })).toEqual({
      known: false,
      reason: 'usage: 120000000 inputTokens is beyond any real request (max 100000000)',
    });
  });

  it('Anthropic: a negative cache read is a fault, an absent one stays absent', () => {
    const bad = normaliseUsage(
      { usage: { input_tokens: 3, cache_read_input_tokens: -1, output_tokens: 1 } },
      { protocol: 'anthropic-messages' },
    );
    expect(bad.known).toBe(false);
    expect(
      known(normaliseUsage({ usage: { input_tokens: 3, output_tokens: 1 } }, { protocol: 'anthropic-messages' })),
    ).toEqual({
      inputTokens: 3,
      outputTokens: 1,
      totalTokens: 4,
    });
  });

  it('Anthropic: cache writes and reads are both inside inputTokens, each counted once', () => {
    const usage = {
      input_tokens: 50,
      cache_creation_input_tokens: 2000,
      cache_read_input_tokens: 3000,
      output_tokens: 7,
    };
    expect(known(normaliseUsage({ usage }, { protocol: 'anthropic-messages' }))).toEqual({
      inputTokens: 5050,
      cachedInputTokens: 3000,
      cacheWriteTokens: 2000,
      outputTokens: 7,
      totalTokens: 5057,
    });
  });

  it('Responses: cached tokens are a subset of input_tokens (not added to it)', () => {
    const usage = {
      input_tokens: 900,
      input_tokens_details: { cached_tokens: 600 },
      output_tokens: 10,
      total_tokens: 910,
    };
    expect(known(normaliseUsage({ usage }, { protocol: 'responses' }))).toEqual({
      inputTokens: 900,
      cachedInputTokens: 600,
      outputTokens: 10,
      totalTokens: 910,
    });
  });

  it('Ollama: an absurd duration is a fault; a line with no counts is unknown', () => {
    const ollama = { protocol: 'ollama', dialect: 'ollama-native' } as const;
    expect(normaliseUsage({ prompt_eval_count: 1, eval_count: 1, total_duration: -5 }, ollama).known).toBe(false);
    expect(normaliseUsage({ prompt_eval_count: 1, eval_count: 1, total_duration: 1e18 }, ollama).known).toBe(false);
    expect(normaliseUsage({ model: 'x', done: true, total_duration: 5 }, ollama).known).toBe(false);
  });

  it('never throws, whatever the body (getters that throw included)', () => {
    const hostile = {
      get usage(): never {
        throw new Error('boom');
      },
    };
    expect(normaliseUsage(hostile, chat)).toEqual({
      known: false,
      reason: 'the usage block could not be read (openai-chat)',
    });
  });
});

describe('servedModel', () => {
  it('keeps plain short ids and drops anything else', () => {
    expect(servedModel({ model: ' deepseek-v4-flash ' })).toBe('deepseek-v4-flash');
    expect(servedModel({ type: 'message_start', message: { model: 'claude-sonnet-4-20250514' } })).toBe(
      'claude-sonnet-4-20250514',
    );
    expect(servedModel({ type: 'response.completed', response: { model: 'deepseek-v4-flash' } })).toBe(
      'deepseek-v4-flash',
    );
    expect(servedModel({ model: 'evil\u001b[31m' })).toBeUndefined();
    expect(servedModel({ model: 'a b' })).toBeUndefined();
    expect(servedModel({ model: 'x'.repeat(201) })).toBeUndefined();
    expect(servedModel({ model: 42 })).toBeUndefined();
    expect(servedModel(null)).toBeUndefined();
    expect(servedModel('deepseek-chat')).toBeUndefined();
  });
});

describe('normaliseUsage: properties', () => {
  const counts = fc.oneof(
    fc.integer({ min: 0, max: 200_000 }),
    fc.integer({ min: -5, max: -1 }),
    fc.constant(100_000_001),
    fc.constant(60_000_000),
    fc.double(),
    fc.constant(null),
    fc.string({ maxLength: 3 }),
  );
  const usageBlock = fc.record(
    {
      prompt_tokens: counts,
      completion_tokens: counts,
      total_tokens: counts,
      cached_tokens: counts,
      reasoning_tokens: counts,
      prompt_cache_hit_tokens: counts,
      prompt_cache_miss_tokens: counts,
      prompt_tokens_details: fc.oneof(fc.record({ cached_tokens: counts }), fc.constant(null), fc.integer()),
      completion_tokens_details: fc.record({ reasoning_tokens: counts }),
      input_tokens: counts,
      output_tokens: counts,
      cache_read_input_tokens: counts,
      cache_creation_input_tokens: counts,
      input_tokens_details: fc.record({ cached_tokens: counts }),
    },
    { requiredKeys: [] },
  );
  const bodies = fc.oneof(
    fc.record({ usage: usageBlock }),
    fc.record({ prompt_eval_count: counts, eval_count: counts, total_duration: counts, done: fc.constant(true) }),
    fc.record({ meta_info: usageBlock }),
    fc.anything(),
  );

  it('never throws, and a known reading is whole counts in range with subsets inside their wholes', () => {
    fc.assert(
      fc.property(bodies, fc.constantFrom(...USAGE_DIALECTS), (body, dialect) => {
        const readings = [normaliseUsage(body, { protocol: 'any', dialect })];
        const accumulator = createUsageAccumulator({ protocol: 'any', dialect });
        accumulator.push(body);
        accumulator.push({ type: 'message_delta', usage: (body as { usage?: unknown } | null)?.usage });
        readings.push(accumulator.result());
        for (const reading of readings) {
          if (!reading.known) {
            expect(typeof reading.reason).toBe('string');
            continue;
          }
          const { durations: _durations, ...tokens } = reading.usage;
          for (const value of Object.values(tokens))
            expect(Number.isInteger(value) && value >= 0 && value <= 100_000_000).toBe(true);
          const u = reading.usage;
          if (u.inputTokens !== undefined)
            expect((u.cachedInputTokens ?? 0) + (u.cacheWriteTokens ?? 0)).toBeLessThanOrEqual(u.inputTokens);
          if (u.outputTokens !== undefined && u.reasoningTokens !== undefined)
            expect(u.reasoningTokens).toBeLessThanOrEqual(u.outputTokens);
        }
      }),
    );
  });
});
