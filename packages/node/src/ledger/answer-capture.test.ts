// @see issue 16 item 4: what a recording keeps of a stream, as the client reads it, to read the usage from afterwards.
import type { UsageDialect } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { streamFixture as fixture, fullParse, openAiStreamParts } from './__fixtures__/recorded-streams.js';
import { type AnswerReading, answerKind, captureAnswer } from './answer-capture.js';

const STREAMS: readonly { name: string; dialect: UsageDialect }[] = [
  { name: 'deepseek_reasoner_stream_include_usage.sse', dialect: 'deepseek' },
  { name: 'openai_gpt4omini_stream_include_usage.sse', dialect: 'openai-chat' },
  { name: 'together_chat_stream.sse', dialect: 'together' },
  { name: 'deepseek_v4flash_responses_api_stream.sse', dialect: 'responses' },
];
const PROTOCOL = 'openai-chat';

/** The capture's reading of `body` handed over in chunks of these sizes (in turn), each a fresh array, as fetch does. */
function capture(body: Uint8Array, dialect: UsageDialect, sizes: readonly number[], complete = true): AnswerReading {
  const kept = captureAnswer('sse', { protocol: PROTOCOL, dialect });
  for (let at = 0, turn = 0; at < body.byteLength; turn++) {
    const size = sizes[turn % sizes.length] as number;
    kept.push(Uint8Array.from(body.subarray(at, at + size)));
    at += size;
  }
  return kept.read(complete);
}

// Chunkings: tiny reads (a model's pace), network reads around the tail's 8 KiB, and large reads alternating with
// small ones (as loopback reads come).
const CHUNKINGS: readonly (readonly number[])[] = [
  [1],
  [7, 300],
  [8191],
  [8192],
  [8193],
  [65_536, 300],
  [16_384, 17, 65_536, 1],
  [1_000_000],
];

describe('a stream capture', () => {
  it.each(STREAMS)('reads what a full parse reads, in any chunking: $name', ({ name, dialect }) => {
    const body = fixture(name);
    const reference = fullParse(body, dialect);
    expect(reference.usage.known).toBe(true);
    for (const sizes of CHUNKINGS)
      expect({ sizes, reading: capture(body, dialect, sizes) }).toEqual({ sizes, reading: reference });
  });

  it('reads the usage after 300 KB of events (the tail is trimmed many times), with 6 KB of events after it, in any chunking', () => {
    const { first, filler, usage, last } = openAiStreamParts();
    const trailing = `: ${'k'.repeat(400)}\n\n`.repeat(15) + last; // 6 KB after the usage event
    const body = Buffer.from(first + filler.repeat(Math.ceil(300_000 / filler.length)) + usage + trailing);
    const reference = fullParse(fixture('openai_gpt4omini_stream_include_usage.sse'), 'openai-chat');
    for (const sizes of CHUNKINGS)
      expect({ sizes, reading: capture(body, 'openai-chat', sizes) }).toEqual({ sizes, reading: reference });
  });

  it('keeps a usage event longer than its tail whole (up to 8 MiB), in any chunking', () => {
    const { first, filler, usage, last } = openAiStreamParts();
    const reference = fullParse(fixture('openai_gpt4omini_stream_include_usage.sse'), 'openai-chat');
    for (const padding of [9_000, 70_000, 3_000_000]) {
      const padded = usage.replace('"usage":', `"padding":"${'p'.repeat(padding)}","usage":`);
      const body = Buffer.from(first + filler.repeat(Math.ceil(300_000 / filler.length)) + padded + last);
      for (const sizes of [[997], [8193], [65_536, 300], [1_000_000]])
        expect({ padding, sizes, reading: capture(body, 'openai-chat', sizes) }).toEqual({
          padding,
          sizes,
          reading: reference,
        });
    }
  });

  it('leaves the usage unknown, with its reason, when its event is longer than 8 MiB; a shorter one after it is read', () => {
    const { first, filler, usage, last } = openAiStreamParts();
    const huge = usage.replace('"usage":', `"padding":"${'p'.repeat(9 * 1024 * 1024)}","usage":`);
    const body = Buffer.from(first + filler + huge + last);
    const reading = capture(body, 'openai-chat', [65_536]);
    expect(reading.usage).toMatchObject({ known: false, reason: expect.stringMatching(/usage/i) });
    expect(reading.served).toBe('gpt-4o-mini-2024-07-18');
    // The same huge line earlier in the stream costs nothing of a usage event after it.
    const later = Buffer.from(first + huge.replace('"usage":', '"other":') + filler + usage + last);
    expect(capture(later, 'openai-chat', [65_536, 100]).usage).toEqual(
      fullParse(fixture('openai_gpt4omini_stream_include_usage.sse'), 'openai-chat').usage,
    );
  });

  it('holds on to no chunk but the last two: earlier chunks are copied as far as they are needed', () => {
    const { first, filler, usage, last } = openAiStreamParts();
    const body = Buffer.from(first + filler.repeat(Math.ceil(200_000 / filler.length)) + usage + last);
    const reference = fullParse(fixture('openai_gpt4omini_stream_include_usage.sse'), 'openai-chat');
    for (const sizes of CHUNKINGS.slice(1, -1)) {
      const kept = captureAnswer('sse', { protocol: PROTOCOL, dialect: 'openai-chat' });
      const pushed: Uint8Array[] = [];
      for (let at = 0, turn = 0; at < body.byteLength; turn++) {
        const size = sizes[turn % sizes.length] as number;
        const chunk = Uint8Array.from(body.subarray(at, at + size));
        kept.push(chunk);
        // A client (or a socket) that reuses its buffers: every chunk but the last two is overwritten.
        pushed.push(chunk);
        pushed.at(-3)?.fill(0x78);
        at += size;
      }
      expect({ sizes, reading: kept.read(true) }).toEqual({ sizes, reading: reference });
    }
  });

  it('reads each stream alone when captures follow and overlap each other (their buffers are reused)', () => {
    const long = fixture('deepseek_reasoner_stream_include_usage.sse');
    const short = fixture('together_chat_stream.sse');
    const first = captureAnswer('sse', { protocol: 'openai-chat', dialect: 'deepseek' });
    const second = captureAnswer('sse', { protocol: 'openai-chat', dialect: 'together' });
    for (let at = 0; at < Math.max(long.length, short.length); at += 512) {
      if (at < long.length) first.push(Uint8Array.from(long.subarray(at, at + 512)));
      if (at < short.length) second.push(Uint8Array.from(short.subarray(at, at + 512)));
    }
    expect(first.read(true)).toEqual(fullParse(long, 'deepseek'));
    // The next captures get the buffers the first one had: they must not read what it left in them.
    const third = captureAnswer('sse', { protocol: 'openai-chat', dialect: 'together' });
    third.push(Uint8Array.from(short));
    expect(second.read(true)).toEqual(fullParse(short, 'together'));
    expect(third.read(true)).toEqual(fullParse(short, 'together'));
    const cut = captureAnswer('sse', { protocol: 'openai-chat', dialect: 'deepseek' });
    cut.push(Uint8Array.from(long.subarray(0, 5000)));
    expect(cut.read(false).usage).toMatchObject({ known: false, reason: expect.stringContaining('ended early') });
  });
});

describe('answerKind', () => {
  it('reads the framing from a content type, as text or as the bytes of its header line, whatever its case', () => {
    const cases: [string, string][] = [
      ['text/event-stream', 'sse'],
      ['Text/Event-Stream; charset=utf-8', 'sse'],
      ['application/x-ndjson', 'ndjson'],
      ['APPLICATION/JSONL', 'ndjson'],
      ['application/json', 'json'],
      ['application/json; charset=utf-8', 'json'],
      ['text/event-strea', 'json'],
      [' text/event-stream', 'json'],
      ['', 'json'],
      ['tExt/event-stream\u0130', 'sse'],
    ];
    for (const [contentType, kind] of cases) {
      expect({ contentType, kind: answerKind(contentType) }).toEqual({ contentType, kind });
      expect({ contentType, kind: answerKind(Buffer.from(contentType, 'latin1')) }).toEqual({ contentType, kind });
    }
    // Only ASCII letters are folded: a byte that differs from a letter by the case bit alone is not that letter.
    expect(answerKind(Buffer.from('text\u000fevent-stream', 'latin1'))).toBe('json');
    expect(answerKind('text\u000fevent-stream')).toBe('json');
  });
});
