import {
  createUsageAccumulator,
  normaliseUsage,
  servedModel,
  type UsageDialect,
  type UsageReading,
} from '@codewhale/core';
import { createSseDataParser } from './sse-data-parser.js';

/** How much of a JSON answer a recording fetch keeps to read its usage; a larger answer passes through, usage unknown. */
export const RECORDED_JSON_MAX_BYTES = 8 * 1024 * 1024;

/** How a successful answer is framed, from its content type. */
export type AnswerKind = 'sse' | 'ndjson' | 'json';

/** What the usage of an answer is read with: the endpoint's protocol and the plugin's usage dialect. */
export interface UsageOptions {
  readonly protocol: string;
  readonly dialect?: UsageDialect;
}

/** What an answer said of itself: its normalised usage and the model the server said it served. */
export interface AnswerReading {
  readonly usage: UsageReading;
  readonly served: string | undefined;
}

/**
 * What a recording keeps of a successful answer as the client reads it, and what it reads from that afterwards. `push`
 * runs on the client's path, so it only keeps chunks (no decoding, no parsing); `read` does the parsing once the
 * answer has ended, off that path.
 */
export interface AnswerCapture {
  /** Keep what the usage needs of one chunk the client reads (the chunk itself is not changed). */
  push(chunk: Uint8Array): void;
  /** The usage and served model; `complete` when the answer ended with its last byte (not cut off). */
  read(complete: boolean): AnswerReading;
}

/** A capture for a successful answer of this kind. */
export function captureAnswer(kind: AnswerKind, usageOptions: UsageOptions): AnswerCapture {
  return kind === 'json' ? captureJson(usageOptions) : new StreamCapture(kind, usageOptions);
}

/** A JSON answer is kept whole (up to {@link RECORDED_JSON_MAX_BYTES}) and parsed once it has ended. */
function captureJson(usageOptions: UsageOptions): AnswerCapture {
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let overflow = false;
  return {
    push(chunk) {
      if (overflow) return;
      if (keptBytes + chunk.byteLength > RECORDED_JSON_MAX_BYTES) {
        overflow = true;
        kept.length = 0;
        return;
      }
      // The client may reuse its buffer: keep a copy.
      kept.push(chunk.slice());
      keptBytes += chunk.byteLength;
    },
    read(complete) {
      if (!complete) return { usage: { known: false, reason: 'the answer did not arrive whole' }, served: undefined };
      if (overflow)
        return {
          usage: {
            known: false,
            reason: `the answer is larger than ${RECORDED_JSON_MAX_BYTES} bytes; its usage was not read`,
          },
          served: undefined,
        };
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(kept, keptBytes).toString('utf8'));
      } catch {
        return { usage: { known: false, reason: 'the answer is not JSON' }, served: undefined };
      }
      return { usage: normaliseUsage(body, usageOptions), served: servedModel(body) };
    },
  };
}

/**
 * The chunks that start in the first 16 KiB of a stream (the head) are kept until it ends, then parsed until the served
 * model is known (it is in the first event). Usually one chunk: a network read.
 */
const STREAM_HEAD_MAX_BYTES = 16 * 1024;
const HEAD_SLICE_BYTES = 4096;
/**
 * Bytes at the end of a stream kept at least, to read the last usage event from: the tail is trimmed back to this (to
 * the start of the line open there, however long, up to {@link RECORDED_JSON_MAX_BYTES}) each time it has grown by as
 * much again.
 */
const STREAM_TAIL_KEEP_BYTES = 256 * 1024;
/** How much of the tail's end the reader looks at first for the usage line (then 4 times more each round). */
const TAIL_FIRST_LOOK_BYTES = 4 * 1024;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Buffer's search, on any byte array (no Buffer view made; a typed array's own search is slower on long lines). */
const bufferLastIndexOf = Buffer.prototype.lastIndexOf as (this: Uint8Array, value: number, from: number) => number;
const USAGE_KEY = Buffer.from('"usage"');
const DATA_FIELD = Buffer.from('data:');

/**
 * The usage of a stream (SSE or NDJSON) without parsing all of it. As the client reads, the capture only keeps chunks:
 * those that start in the first 16 KiB (the head), and the last ones (the tail: at least the last 256 KiB and the
 * whole line open there, trimmed each time it has grown by 256 KiB). Per chunk that is a reference and a count: no
 * copy (a fetch body hands out a fresh array per chunk) and no look at its bytes (a trim looks for one line break).
 * Once the stream has ended, every event of the head is parsed (the served model, Anthropic's `message_start`) until
 * the served model is known; then the accumulator gets the last line of the tail that holds a `"usage"` key with a
 * value other than null (SSE: every dialect puts its final usage in the last event that carries one; a later usage
 * block replaces an earlier one), or the last line (NDJSON: Ollama's `done` line), and that event names the served
 * model when the head did not (a first event longer than the head). A head that is the whole stream and names no
 * served model has had every event parsed already. JSON strings cannot hold a raw line break or an unescaped quote, so
 * a `"usage":` found in the bytes is a key, and its line is one event's data; pushing one event twice changes nothing.
 */
class StreamCapture implements AnswerCapture {
  // A class, not closures: a capture is made per request, and its code runs between network reads.
  readonly #kind: 'sse' | 'ndjson';
  readonly #usageOptions: UsageOptions;
  readonly #head: Uint8Array[] = [];
  #headBytes = 0;
  #totalBytes = 0;
  readonly #tail: Uint8Array[] = [];
  /** The size of each chunk of the tail: trimming reads these, not the chunks, which are long out of the CPU's caches. */
  readonly #sizes: number[] = [];
  #tailBytes = 0;
  #trimAt = 2 * STREAM_TAIL_KEEP_BYTES;

  constructor(kind: 'sse' | 'ndjson', usageOptions: UsageOptions) {
    this.#kind = kind;
    this.#usageOptions = usageOptions;
  }

  push(chunk: Uint8Array): void {
    const bytes = chunk.byteLength;
    this.#totalBytes += bytes;
    if (this.#headBytes < STREAM_HEAD_MAX_BYTES) {
      this.#head.push(chunk);
      this.#headBytes += bytes;
    }
    this.#tail.push(chunk);
    this.#sizes.push(bytes);
    this.#tailBytes += bytes;
    if (this.#tailBytes >= this.#trimAt) this.#trim();
  }

  /**
   * Drop the tail's chunks before its last {@link STREAM_TAIL_KEEP_BYTES}, keeping the one where the line open there
   * starts: the usage event is among the last lines, and a line that long (Responses' response.completed repeats the
   * whole answer) is kept whole, up to {@link RECORDED_JSON_MAX_BYTES}. Line feeds only: a stream whose lines end with a
   * lone CR keeps more.
   */
  #trim(): void {
    const tail = this.#tail;
    const sizes = this.#sizes;
    // The chunk the cut falls in, how many of its bytes come before the cut, and how many bytes from it to the end.
    let keepFrom = 0;
    let within = this.#tailBytes - STREAM_TAIL_KEEP_BYTES;
    while (within >= (sizes[keepFrom] as number)) within -= sizes[keepFrom++] as number;
    let kept = STREAM_TAIL_KEEP_BYTES + within;
    // Back to the last line feed before the cut: in that chunk, else in the ones before it (the first is kept anyway).
    for (let from = within - 1; keepFrom > 0 && kept <= RECORDED_JSON_MAX_BYTES; ) {
      if (from >= 0 && bufferLastIndexOf.call(tail[keepFrom] as Uint8Array, LINE_FEED, from) !== -1) break;
      keepFrom--;
      kept += sizes[keepFrom] as number;
      from = (sizes[keepFrom] as number) - 1;
    }
    if (keepFrom > 0) {
      tail.splice(0, keepFrom);
      sizes.splice(0, keepFrom);
      this.#tailBytes = kept;
    }
    this.#trimAt = this.#tailBytes + STREAM_TAIL_KEEP_BYTES;
  }

  read(complete: boolean): AnswerReading {
    const accumulator = createUsageAccumulator(this.#usageOptions);
    let served: string | undefined;
    const onEvent = (data: string): void => {
      // Once the served model is known the head is over: the usage is read from the tail.
      if (served !== undefined) return;
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        return; // `[DONE]` and other non-JSON data
      }
      served ??= servedModel(event);
      accumulator.push(event);
    };
    const sse = this.#kind === 'sse' ? createSseDataParser(onEvent) : undefined;
    let ndjsonRest = '';
    const feed = (text: string): void => {
      if (sse) {
        sse.feed(text);
        return;
      }
      const lines = (ndjsonRest + text).split('\n');
      ndjsonRest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onEvent(line);
    };
    const decoder = new TextDecoder();
    // In slices: the head usually ends within the first event, and the rest of a large chunk need not be decoded.
    for (const chunk of this.#head)
      for (let at = 0; at < chunk.byteLength && served === undefined; at += HEAD_SLICE_BYTES)
        feed(decoder.decode(chunk.subarray(at, at + HEAD_SLICE_BYTES), { stream: true }));
    if (served === undefined && this.#headBytes === this.#totalBytes) {
      // The head is the whole stream: every event has been parsed but one the stream ended without a blank line after.
      const text = decoder.decode();
      if (sse) {
        sse.feed(text);
        sse.end();
      } else feed(`${text}\n`);
    } else {
      const line = this.#usageLine();
      if (line !== undefined) {
        let event: unknown;
        try {
          event = JSON.parse(sse ? line.slice(line.charCodeAt(5) === 0x20 ? 6 : 5) : line);
        } catch {
          event = undefined;
        }
        if (event !== undefined) {
          served ??= servedModel(event);
          accumulator.push(event);
        }
      }
    }
    const usage = accumulator.result();
    return {
      usage:
        usage.known || complete
          ? usage
          : { known: false, reason: `the stream ended early, before its usage (${usage.reason})` },
      served,
    };
  }

  /** The last `want` bytes of the tail as one buffer (a view when the last chunk holds them), and if that is all of it. */
  #tailEnd(want: number): { buffer: Buffer; whole: boolean } {
    const tail = this.#tail;
    if (want >= this.#tailBytes) {
      const only = tail.length === 1 ? (tail[0] as Uint8Array) : undefined;
      return {
        buffer: only
          ? Buffer.from(only.buffer, only.byteOffset, only.byteLength)
          : Buffer.concat(tail, this.#tailBytes),
        whole: true,
      };
    }
    const last = tail[tail.length - 1] as Uint8Array;
    if (last.byteLength >= want)
      return { buffer: Buffer.from(last.buffer, last.byteOffset + last.byteLength - want, want), whole: false };
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for (let index = tail.length - 1; bytes < want; index--) {
      const chunk = tail[index] as Uint8Array;
      const take = Math.min(chunk.byteLength, want - bytes);
      parts.push(take === chunk.byteLength ? chunk : chunk.subarray(chunk.byteLength - take));
      bytes += take;
    }
    return { buffer: Buffer.concat(parts.reverse(), bytes), whole: false };
  }

  /** The last line of the tail holding the final usage, as text (from the end: 4 KiB first, then 4 times more each round). */
  #usageLine(): string | undefined {
    const wanted = this.#kind === 'sse' ? isSseUsageLine : isNonBlank;
    for (let want = TAIL_FIRST_LOOK_BYTES; ; want *= 4) {
      const end = this.#tailEnd(want);
      const line = lastLine(end.buffer, wanted);
      if (line !== undefined || end.whole) return line;
    }
  }
}

/** The last whole line of `buffer` that `wanted` accepts, as text (up to 64 lines back). */
function lastLine(buffer: Buffer, wanted: (line: Buffer) => boolean): string | undefined {
  let end = buffer.length;
  // Searching backwards for a byte that is not there reads the whole buffer: look for CR only when there is one.
  const carriageReturns = buffer.includes(CARRIAGE_RETURN);
  // Up to 64 lines back: the usage event is at (or very near) the end of every known stream.
  for (let step = 0; step < 64 && end > 0; step++) {
    const feed = buffer.lastIndexOf(LINE_FEED, end - 1);
    const start = (carriageReturns ? Math.max(feed, buffer.lastIndexOf(CARRIAGE_RETURN, end - 1)) : feed) + 1;
    // The bytes start mid-line: a line without a break before it started earlier (a larger look finds it, the head
    // parsed it, or it was dropped).
    if (start === 0) return undefined;
    const line = buffer.subarray(start, end);
    if (line.length > 0 && wanted(line)) return line.toString('utf8');
    end = start - 1;
  }
  return undefined;
}

/** An SSE `data:` line holding a `"usage"` key whose value is not null. */
function isSseUsageLine(line: Buffer): boolean {
  if (!line.subarray(0, DATA_FIELD.length).equals(DATA_FIELD)) return false;
  for (let at = line.indexOf(USAGE_KEY); at !== -1; at = line.indexOf(USAGE_KEY, at + 1))
    if (usageValueFollows(line, at + USAGE_KEY.length)) return true;
  return false;
}

/** An NDJSON line with something other than blanks. */
function isNonBlank(line: Buffer): boolean {
  return line.some((byte) => byte !== 0x20 && byte !== 0x09);
}

/** True when the bytes after a `"usage"` key are `:` and a value other than `null`. */
function usageValueFollows(line: Uint8Array, at: number): boolean {
  let index = at;
  while (line[index] === 0x20 || line[index] === 0x09) index++;
  if (line[index] !== 0x3a /* : */) return false;
  index++;
  while (line[index] === 0x20 || line[index] === 0x09) index++;
  return !(line[index] === 0x6e && line[index + 1] === 0x75 && line[index + 2] === 0x6c && line[index + 3] === 0x6c);
}
