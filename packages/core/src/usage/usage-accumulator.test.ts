import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servedModel } from './served-model.js';
import { createUsageAccumulator } from './usage-accumulator.js';
import type { NormaliseUsageOptions, UsageReading } from './usage-types.js';

function text(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** A tiny SSE split: events are separated by a blank line; the `data:` lines of one event are joined by "\n". */
function sseEvents(body: string): unknown[] {
  const events: unknown[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data === '' || data === '[DONE]') continue;
    events.push(JSON.parse(data));
  }
  return events;
}

/** Pushes every event of a recording, in order, then reads the result; also the model of the first event naming one. */
function replay(
  events: readonly unknown[],
  options: NormaliseUsageOptions,
): { reading: UsageReading; served?: string } {
  const accumulator = createUsageAccumulator(options);
  let served: string | undefined;
  for (const event of events) {
    accumulator.push(event);
    served ??= servedModel(event);
  }
  return { reading: accumulator.result(), ...(served ? { served } : {}) };
}

describe('createUsageAccumulator: recorded streams give the numbers of their source notes', () => {
  it('OpenAI include_usage: the separate choices:[] chunk carries usage (53 + 15 = 68)', () => {
    const events = sseEvents(text('openai_gpt4omini_stream_include_usage.sse'));
    expect(replay(events, { protocol: 'chat-completions' })).toEqual({
      reading: {
        known: true,
        dialect: 'openai-chat',
        usage: { inputTokens: 53, cachedInputTokens: 0, outputTokens: 15, reasoningTokens: 0, totalTokens: 68 },
      },
      served: 'gpt-4o-mini-2024-07-18',
    });
  });

  it('DeepSeek reasoner SSE: usage on the finish chunk itself, 198 of 212 output tokens are reasoning', () => {
    const events = sseEvents(text('deepseek_reasoner_stream_include_usage.sse'));
    expect(replay(events, { protocol: 'chat-completions', dialect: 'deepseek' })).toEqual({
      reading: {
        known: true,
        dialect: 'deepseek',
        usage: { inputTokens: 6, cachedInputTokens: 0, outputTokens: 212, reasoningTokens: 198, totalTokens: 218 },
      },
      served: 'deepseek-reasoner',
    });
  });

  it('DeepSeek reasoner tool-call stream (.chunks.txt: one JSON payload a line): 320 hits read once', () => {
    const events = text('deepseek_reasoner_toolcall_stream.chunks.txt')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
    expect(replay(events, { protocol: 'chat-completions', dialect: 'deepseek' }).reading).toEqual({
      known: true,
      dialect: 'deepseek',
      usage: { inputTokens: 339, cachedInputTokens: 320, outputTokens: 83, reasoningTokens: 39, totalTokens: 422 },
    });
  });

  it('Together without include_usage: usage on the last content chunk (48 + 2 = 50)', () => {
    const events = sseEvents(text('together_chat_stream.sse'));
    expect(replay(events, { protocol: 'chat-completions', dialect: 'together' })).toEqual({
      reading: { known: true, dialect: 'together', usage: { inputTokens: 48, outputTokens: 2, totalTokens: 50 } },
      served: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    });
  });

  it("Anthropic thinking stream: message_start's input merged with message_delta's final output count", () => {
    const events = sseEvents(text('anthropic_messages_sonnet4_thinking_stream.sse'));
    expect(replay(events, { protocol: 'anthropic-messages' })).toEqual({
      reading: {
        known: true,
        dialect: 'anthropic-messages',
        usage: { inputTokens: 43, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 282, totalTokens: 325 },
      },
      served: 'claude-sonnet-4-20250514',
    });
  });

  it('DeepSeek Responses stream: only response.completed carries usage', () => {
    const events = sseEvents(text('deepseek_v4flash_responses_api_stream.sse'));
    expect(replay(events, { protocol: 'responses' })).toEqual({
      reading: {
        known: true,
        dialect: 'responses',
        usage: { inputTokens: 90, cachedInputTokens: 0, outputTokens: 15, reasoningTokens: 7, totalTokens: 105 },
      },
      served: 'deepseek-v4-flash',
    });
  });

  it('Ollama native NDJSON: the done line carries the counts', () => {
    const final = JSON.parse(text('ollama_native_chat_nonstream.json')) as Record<string, unknown>;
    const lines = [
      {
        model: 'granite3.3:8b',
        created_at: '2025-07-30T17:44:53.5Z',
        message: { role: 'assistant', content: 'Under' },
        done: false,
      },
      final,
    ];
    expect(replay(lines, { protocol: 'ollama', dialect: 'ollama-native' }).reading).toEqual({
      known: true,
      dialect: 'ollama-native',
      usage: {
        inputTokens: 44,
        outputTokens: 20,
        totalTokens: 64,
        durations: { totalMs: 1245.045, loadMs: 32.764, promptEvalMs: 60.836, evalMs: 1150.101 },
      },
    });
  });
});

describe('createUsageAccumulator: unknown with the reason', () => {
  it('an OpenAI stream cut before its usage chunk says include_usage is needed', () => {
    const events = sseEvents(text('openai_gpt4omini_stream_include_usage.sse'));
    const { reading } = replay(events.slice(0, -1), { protocol: 'chat-completions' });
    expect(reading).toEqual({
      known: false,
      reason: 'no stream event carried usage (OpenAI-format streams send it only with stream_options.include_usage)',
    });
  });

  it('no events, non-object events, and an Anthropic stream cut after message_start', () => {
    expect(createUsageAccumulator({ protocol: 'responses' }).result()).toEqual({
      known: false,
      reason: 'the stream carried no events',
    });
    const accumulator = createUsageAccumulator({ protocol: 'chat-completions' });
    for (const event of ['[DONE]', null, 42, [1]]) accumulator.push(event);
    expect(accumulator.result().known).toBe(false);
    // Aborted after message_start: the input is known; message_start's output_tokens (1) is a placeholder, so the
    // output count stays absent rather than 1.
    const events = sseEvents(text('anthropic_messages_sonnet4_thinking_stream.sse'));
    const cut = replay(events.slice(0, 1), { protocol: 'anthropic-messages' }).reading;
    expect(cut).toEqual({
      known: true,
      dialect: 'anthropic-messages',
      usage: { inputTokens: 43, cachedInputTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it('a malformed usage chunk gives unknown, and a later good one replaces it', () => {
    const accumulator = createUsageAccumulator({ protocol: 'chat-completions', dialect: 'deepseek' });
    accumulator.push({ usage: { prompt_tokens: -4, completion_tokens: 1 } });
    expect(accumulator.result()).toEqual({ known: false, reason: 'usage.prompt_tokens is negative (-4)' });
    accumulator.push({ usage: 'nope' });
    expect(accumulator.result().known).toBe(false);
    accumulator.push({ usage: { prompt_tokens: 4, completion_tokens: 1 } });
    expect(accumulator.result()).toEqual({
      known: true,
      dialect: 'deepseek',
      usage: { inputTokens: 4, outputTokens: 1, totalTokens: 5 },
    });
  });

  it('an unknown protocol without a dialect ignores pushes and says why', () => {
    const accumulator = createUsageAccumulator({ protocol: 'mystery' });
    accumulator.push({ usage: { prompt_tokens: 1, completion_tokens: 1 } });
    expect(accumulator.result()).toEqual({
      known: false,
      reason: 'no usage dialect for protocol "mystery" (the plugin names none)',
    });
  });
});
