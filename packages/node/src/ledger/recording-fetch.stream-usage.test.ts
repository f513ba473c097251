// @see issue 16 item 4: the recording fetch reads a stream's usage from its head and a kept tail, not by parsing every
// event; for every recorded stream and every chunking it must find exactly what a full parse finds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, createRouteResolver, type UsageDialect } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { afterAll, describe, expect, it } from 'vitest';
import { createCredentialSource } from '../credentials/credential-source.js';
import { streamFixture as fixture, fullParse, openAiStreamParts } from './__fixtures__/recorded-streams.js';
import { openLedger } from './receipt-ledger.js';
import { createRecordingFetch } from './recording-fetch.js';
import type { RouteReceipt } from './route-receipt.js';
import { createSseDataParser } from './sse-data-parser.js';

/** Recorded streams, with the usage their source notes give. */
const STREAMS: readonly {
  name: string;
  dialect: UsageDialect;
  served: string;
  usage: Record<string, number>;
}[] = [
  {
    // "prompt_tokens=6, completion_tokens=212, total_tokens=218, cached_tokens=0, reasoning_tokens=198"
    name: 'deepseek_reasoner_stream_include_usage.sse',
    dialect: 'deepseek',
    served: 'deepseek-reasoner',
    usage: { inputTokens: 6, cachedInputTokens: 0, outputTokens: 212, reasoningTokens: 198, totalTokens: 218 },
  },
  {
    // "prompt_tokens=53, completion_tokens=15, total_tokens=68, cached_tokens:0, reasoning_tokens 0" (usage-only chunk)
    name: 'openai_gpt4omini_stream_include_usage.sse',
    dialect: 'openai-chat',
    served: 'gpt-4o-mini-2024-07-18',
    usage: { inputTokens: 53, cachedInputTokens: 0, outputTokens: 15, reasoningTokens: 0, totalTokens: 68 },
  },
  {
    // "Final usage: prompt_tokens=48, completion_tokens=2, total_tokens=50" (last content chunk, no include_usage)
    name: 'together_chat_stream.sse',
    dialect: 'together',
    served: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    usage: { inputTokens: 48, outputTokens: 2, totalTokens: 50 },
  },
  {
    // "input_tokens 90, cached 0, output_tokens 15, reasoning_tokens 7, total 105" (response.completed)
    name: 'deepseek_v4flash_responses_api_stream.sse',
    dialect: 'responses',
    served: 'deepseek-v4-flash',
    usage: { inputTokens: 90, cachedInputTokens: 0, outputTokens: 15, reasoningTokens: 7, totalTokens: 105 },
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const candidate = (() => {
  const result = createRouteResolver({
    registry: createRegistry({ plugins: [deepseekPlugin] }),
    credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'sk-test' } }),
  }).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
  if (!result.ok) throw new Error(result.error.message);
  return result.candidate;
})();

/** Stream `body` in chunks of `size` bytes through a recording fetch and return its one receipt. */
async function record(
  body: Buffer,
  size: number,
  dialect: UsageDialect,
  lineEnds: 'lf' | 'crlf' = 'lf',
): Promise<RouteReceipt> {
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-stream-usage-'));
  dirs.push(dir);
  const ledger = openLedger({ dir });
  const bytes = lineEnds === 'crlf' ? Buffer.from(body.toString('utf8').replace(/\n/g, '\r\n')) : body;
  // An in-memory answer: this test is about parsing (the loopback tests cover HTTP).
  const answer: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size)
            controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
          controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
    );
  const recordingFetch = createRecordingFetch({ candidate, ledger, fetch: answer, usageDialect: dialect });
  const response = await recordingFetch('https://api.deepseek.com/chat/completions', { method: 'POST', body: '{}' });
  expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  const receipts: RouteReceipt[] = [];
  for await (const receipt of ledger.read()) receipts.push(receipt);
  expect(receipts).toHaveLength(1);
  return receipts[0] as RouteReceipt;
}

describe('createRecordingFetch: usage of a stream from its head and tail', () => {
  it.each(STREAMS)(
    '$name: the numbers of its source note, as a full parse finds them, in any chunking',
    async (stream) => {
      const body = fixture(stream.name);
      const reference = fullParse(body, stream.dialect);
      expect(reference).toEqual({
        usage: { known: true, dialect: stream.dialect, usage: stream.usage },
        served: stream.served,
      });
      for (const size of [1, 3, 64, 1000, 4096, body.length]) {
        const receipt = await record(body, size, stream.dialect);
        expect({ usage: receipt.usage, served: receipt.model.served, size }).toEqual({ ...reference, size });
        expect(receipt.bytes.received).toBe(body.length);
      }
      const crlf = await record(body, 777, stream.dialect, 'crlf');
      expect({ usage: crlf.usage, served: crlf.model.served }).toEqual(reference);
    },
  );

  it('finds the usage after more than 64 KiB of events, and after the 8 MiB the tail keeps', async () => {
    const body = fixture('openai_gpt4omini_stream_include_usage.sse');
    const { first, filler, usage, last } = openAiStreamParts();
    for (const repeat of [1, 400, Math.ceil((9 * 1024 * 1024) / filler.length)]) {
      const long = Buffer.from(first + filler.repeat(repeat) + usage + last);
      const receipt = await record(long, 16 * 1024, 'openai-chat');
      expect(receipt.usage).toEqual(fullParse(body, 'openai-chat').usage);
      expect(receipt.model.served).toBe('gpt-4o-mini-2024-07-18');
    }
  });

  it('keeps a final usage event longer than the tail it usually keeps (a long answer repeated in response.completed)', async () => {
    const body = fixture('deepseek_v4flash_responses_api_stream.sse').toString('utf8');
    const events = body.split('\n\n').filter(Boolean);
    const completed = events.findIndex((event) => event.startsWith('event: response.completed'));
    expect(completed).toBeGreaterThan(0);
    const delta = events.find((event) => event.startsWith('event: response.output_text.delta')) as string;
    // 1.5 MiB of delta events, then response.completed carrying a 700 KB text (usage unchanged).
    const filler = `${delta}\n\n`.repeat(Math.ceil((1.5 * 1024 * 1024) / (delta.length + 2)));
    const long = (events[completed] as string).replace(
      '"instructions":null',
      `"instructions":"${'x'.repeat(700_000)}"`,
    );
    expect(long.length).toBeGreaterThan(700_000);
    const stream = [...events.slice(0, completed), filler.trimEnd(), long, ...events.slice(completed + 1)].join('\n\n');
    const receipt = await record(Buffer.from(`${stream}\n\n`), 16 * 1024, 'responses');
    expect(receipt.usage).toEqual(fullParse(Buffer.from(body), 'responses').usage);
  });

  it('keeps the usage event whole wherever the tail is trimmed: any chunking, any length of that event', async () => {
    const reference = fullParse(fixture('openai_gpt4omini_stream_include_usage.sse'), 'openai-chat');
    // 1.2 MiB of events (the tail is trimmed every 256 KiB), then a usage event of 100 B to 600 KB, then [DONE].
    for (const padding of [0, 20_000, 300_000, 600_000]) {
      const { first, filler, usage, last } = openAiStreamParts(padding);
      const long = Buffer.from(first + filler.repeat(Math.ceil((1.2 * 1024 * 1024) / filler.length)) + usage + last);
      for (const size of [997, 16 * 1024, 65_536, 262_144, 300_001, 700_000, 1_000_000]) {
        const receipt = await record(long, size, 'openai-chat');
        expect({ usage: receipt.usage, padding, size }).toEqual({ usage: reference.usage, padding, size });
      }
    }
  });

  it('names the served model from the usage event when the first event is longer than the head it keeps', async () => {
    const body = fixture('deepseek_v4flash_responses_api_stream.sse').toString('utf8');
    // response.created echoes the request's instructions (and tools): here 100 KB of them, so the head (16 KiB) ends before its model.
    const long = body.replace('"instructions":null', `"instructions":"${'x'.repeat(100_000)}"`);
    expect(long.indexOf('"model"')).toBeGreaterThan(100_000);
    const reference = fullParse(Buffer.from(body), 'responses');
    for (const size of [1000, 16 * 1024, long.length]) {
      const receipt = await record(Buffer.from(long), size, 'responses');
      expect({ usage: receipt.usage, served: receipt.model.served, size }).toEqual({ ...reference, size });
    }
  });

  it('reads a usage event longer than its first look at the tail (4 KiB), in one chunk or across chunks', async () => {
    const body = fixture('openai_gpt4omini_stream_include_usage.sse');
    // The same stream, with a 10 KB field in the usage event and 100 KB of events before it.
    const { first, filler, usage, last } = openAiStreamParts(10_000);
    expect(usage).not.toBe(openAiStreamParts().usage);
    const long = Buffer.from(first + filler.repeat(Math.ceil(100_000 / filler.length)) + usage + last);
    for (const size of [long.length, 64 * 1024, 3000]) {
      const receipt = await record(long, size, 'openai-chat');
      expect({ usage: receipt.usage, size }).toEqual({ usage: fullParse(body, 'openai-chat').usage, size });
    }
  });

  it('does not take a "usage" word in the text, nor "usage": null, for the usage', async () => {
    const body = fixture('together_chat_stream.sse').toString('utf8');
    // The same stream, with a later content chunk whose text is the word usage and whose usage is null.
    const tricky = body.replace(
      'data: [DONE]',
      'data: {"id":"x","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"\\"usage\\": 99 usage"}}],"usage" : null}\n\ndata: [DONE]',
    );
    const receipt = await record(Buffer.from(tricky), 50, 'together');
    expect(receipt.usage).toEqual(fullParse(Buffer.from(body), 'together').usage);
  });
});

describe('createSseDataParser', () => {
  it("hands over each event's data, whatever the chunking and line ends; comments and other fields are ignored", () => {
    const text = ': comment\nevent: a\ndata: {"n":1}\n\ndata:{"n":2}\ndata: second line\nid: 7\n\ndata: [DONE]\n\n';
    for (const ends of ['\n', '\r\n', '\r']) {
      const source = text.replace(/\n/g, ends);
      for (const size of [1, 2, 5, source.length]) {
        const seen: string[] = [];
        const parser = createSseDataParser((data) => seen.push(data));
        for (let at = 0; at < source.length; at += size) parser.feed(source.slice(at, at + size));
        parser.end();
        expect(seen).toEqual(['{"n":1}', '{"n":2}\nsecond line', '[DONE]']);
      }
    }
  });

  it('hands over a last event the stream ended without a blank line after', () => {
    const seen: string[] = [];
    const parser = createSseDataParser((data) => seen.push(data));
    parser.feed('data: {"usage":{}}');
    parser.end();
    expect(seen).toEqual(['{"usage":{}}']);
  });
});
