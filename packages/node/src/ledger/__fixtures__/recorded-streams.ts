import { readFileSync } from 'node:fs';
import { createUsageAccumulator, servedModel, type UsageDialect, type UsageReading } from '@codewhale/core';
import { createSseDataParser } from '../sse-data-parser.js';

/** A recorded answer body in this folder (each has its `.source.txt`). */
export const streamFixture = (name: string): Buffer => readFileSync(new URL(`./${name}`, import.meta.url));

/**
 * What parsing every event of an SSE stream finds (its usage and served model): the reference a capture or a recording
 * fetch must match. The protocol is DeepSeek's endpoint's; the dialect says how the usage is written.
 */
export function fullParse(body: Buffer, dialect: UsageDialect): { usage: UsageReading; served: string | undefined } {
  const accumulator = createUsageAccumulator({ protocol: 'openai-chat', dialect });
  let served: string | undefined;
  const parser = createSseDataParser((data) => {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    served ??= servedModel(event);
    accumulator.push(event);
  });
  parser.feed(body.toString('utf8'));
  parser.end();
  return { usage: accumulator.result(), served };
}

/**
 * The recorded OpenAI stream in parts, each event with its blank line, to build longer streams from: its first event,
 * its content events, its usage event (with an `obfuscation` field of `padding` bytes, when given) and its last event.
 */
export function openAiStreamParts(padding?: number): { first: string; filler: string; usage: string; last: string } {
  const events = streamFixture('openai_gpt4omini_stream_include_usage.sse')
    .toString('utf8')
    .split('\n\n')
    .filter(Boolean)
    .map((event) => `${event}\n\n`);
  const usage = events.at(-2) as string;
  return {
    first: events[0] as string,
    filler: events.slice(1, -2).join(''),
    usage:
      padding === undefined
        ? usage
        : usage.replace('"obfuscation":"khVgg3RsaN"', `"obfuscation":"${'k'.repeat(padding)}"`),
    last: events.at(-1) as string,
  };
}
