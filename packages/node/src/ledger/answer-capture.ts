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

/**
 * How a successful answer is framed, from its `content-type` (as text, or as the bytes of its header line): an SSE or
 * NDJSON stream, or JSON (anything else). Compared without case and without making a string.
 */
export function answerKind(contentType: string | Uint8Array): AnswerKind {
  if (startsWithType(contentType, 'text/event-stream')) return 'sse';
  return startsWithType(contentType, 'application/x-ndjson') || startsWithType(contentType, 'application/jsonl')
    ? 'ndjson'
    : 'json';
}

/** Whether `value` starts with `type` (lower-case ASCII), ASCII letters compared without case. */
export function startsWithType(value: string | Uint8Array, type: string): boolean {
  if (value.length < type.length) return false;
  for (let at = 0; at < type.length; at++) {
    const code = typeof value === 'string' ? value.charCodeAt(at) : (value[at] as number);
    if ((code >= 0x41 && code <= 0x5a ? code | 0x20 : code) !== type.charCodeAt(at)) return false;
  }
  return true;
}

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

/** The first bytes of a stream, copied and parsed after its end for the served model (Anthropic: `message_start`). */
const STREAM_HEAD_MAX_BYTES = 16 * 1024;
const HEAD_SLICE_BYTES = 4096;
/**
 * Bytes at the end of a stream kept at least to read the last usage event from, with the whole line open there (up to
 * {@link RECORDED_JSON_MAX_BYTES}): every known stream ends with its usage event and at most a few short events after
 * it (`[DONE]`, Anthropic's `message_stop`).
 */
const STREAM_TAIL_MIN_BYTES = 8 * 1024;
/** The most the tail keeps: the line open at its cut up to {@link RECORDED_JSON_MAX_BYTES}, and the bytes after it. */
const STREAM_TAIL_MAX_BYTES = RECORDED_JSON_MAX_BYTES + STREAM_TAIL_MIN_BYTES;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Buffer's search, on any byte array (no Buffer view made; a typed array's own search is slower on long lines). */
const bufferLastIndexOf = Buffer.prototype.lastIndexOf as (this: Uint8Array, value: number, from: number) => number;
/** The size of a tail's first buffer for copies (it grows for a longer line). */
const TAIL_BUFFER_BYTES = 4 * STREAM_TAIL_MIN_BYTES;
/**
 * Head and tail buffers of captures that have been read, for the next captures: a recording then allocates no memory
 * outside the JavaScript heap per request, which would otherwise add up until a collection of the old generation. At
 * most this many of each are kept (192 KiB in all).
 */
const SPARE_BUFFERS_MAX = 4;
const spareHeads: Buffer[] = [];
const spareTails: Buffer[] = [];
const USAGE_KEY = Buffer.from('"usage"');
const DATA_FIELD = Buffer.from('data:');
const NO_BYTES = new Uint8Array(0);
const LINE_FEED_BYTES = Buffer.from([LINE_FEED]);
/** How much of the tail's end the reader looks at first for the usage line. */
const TAIL_FIRST_LOOK_BYTES = 4 * 1024;

/**
 * The usage of a stream (SSE or NDJSON) without parsing all of it, and without holding on to the client's chunks.
 *
 * As the client reads, the capture copies the first 16 KiB (the head) and keeps the end of the stream (the tail): at
 * least its last 8 KiB, from the line feed before the line open there. The tail is the last two chunks, each held only
 * until two more have come, and a copy of the bytes before them that it still needs. When the last chunk, or the last
 * two, hold a line feed 8 KiB or more before the end (network reads do), nothing before them is needed: nothing is
 * copied, and one search for a line break, near the end of a chunk, is all the work. Small chunks (a stream at the
 * model's pace) are copied. A line longer than the tail (Responses' `response.completed` repeats the whole answer) is
 * kept whole, up to {@link RECORDED_JSON_MAX_BYTES}. Holding no chunk for longer matters: a chunk is a view of a
 * network read, and reads still held when the young generation is collected outlive the request and add up to
 * collections of the old generation, which cost the whole process.
 *
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
  #head: Buffer | undefined;
  #headBytes = 0;
  #totalBytes = 0;
  /**
   * The tail's bytes before the last two chunks, copied. They start with a line feed (the stream's start counts as
   * one), or mid-line when the line there was longer than the tail keeps.
   */
  #kept: Buffer | undefined;
  #keptBytes = 1;
  #trimAt = 2 * STREAM_TAIL_MIN_BYTES;
  /** The chunk before the last one (until the next one comes), and where the tail starts in it. */
  #older: Uint8Array = NO_BYTES;
  #olderFrom = 0;
  /** The last chunk, and where the tail starts in it. */
  #last: Uint8Array = NO_BYTES;
  #lastFrom = 0;

  constructor(kind: 'sse' | 'ndjson', usageOptions: UsageOptions) {
    this.#kind = kind;
    this.#usageOptions = usageOptions;
  }

  push(chunk: Uint8Array): void {
    const bytes = chunk.byteLength;
    this.#totalBytes += bytes;
    if (this.#headBytes < STREAM_HEAD_MAX_BYTES) this.#copyHead(chunk);
    // A line feed before the chunk's last 8 KiB: the tail starts there, and nothing before the chunk is needed.
    const feed =
      bytes > STREAM_TAIL_MIN_BYTES ? bufferLastIndexOf.call(chunk, LINE_FEED, bytes - STREAM_TAIL_MIN_BYTES - 1) : -1;
    if (feed !== -1) {
      this.#older = NO_BYTES;
      this.#olderFrom = 0;
      this.#last = chunk;
      this.#lastFrom = feed;
      this.#keptBytes = 0;
      this.#trimAt = 2 * STREAM_TAIL_MIN_BYTES;
      return;
    }
    // The chunk before becomes the older one. The older one before it is dropped when the tail starts after it (a
    // line feed in the chunk before, 8 KiB or more before the end), else what the tail needs of it is copied.
    const older = this.#older;
    const olderFrom = this.#olderFrom;
    const previous = this.#last;
    const previousFrom = this.#lastFrom;
    this.#older = previous;
    this.#olderFrom = previousFrom;
    this.#last = chunk;
    this.#lastFrom = 0;
    if (olderFrom === older.byteLength) return;
    const cut = previous.byteLength + bytes - STREAM_TAIL_MIN_BYTES - 1;
    const start = cut >= previousFrom ? bufferLastIndexOf.call(previous, LINE_FEED, cut) : -1;
    if (start >= previousFrom) {
      this.#olderFrom = start;
      this.#keptBytes = 0;
      this.#trimAt = 2 * STREAM_TAIL_MIN_BYTES;
    } else this.#keep(older.subarray(olderFrom));
  }

  #copyHead(chunk: Uint8Array): void {
    this.#head ??= spareHeads.pop() ?? Buffer.allocUnsafe(STREAM_HEAD_MAX_BYTES);
    const take = Math.min(chunk.byteLength, STREAM_HEAD_MAX_BYTES - this.#headBytes);
    this.#head.set(take === chunk.byteLength ? chunk : chunk.subarray(0, take), this.#headBytes);
    this.#headBytes += take;
  }

  /** Copy bytes the tail still needs after the kept ones; trim the kept ones each time they have grown enough. */
  #keep(bytes: Uint8Array): void {
    let kept = this.#kept;
    if (kept === undefined) {
      kept = this.#kept = spareTails.pop() ?? Buffer.allocUnsafe(TAIL_BUFFER_BYTES);
      kept[0] = LINE_FEED;
    }
    const needed = this.#keptBytes + bytes.byteLength;
    if (needed > kept.byteLength) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.min(2 * kept.byteLength, STREAM_TAIL_MAX_BYTES)));
      grown.set(kept.subarray(0, this.#keptBytes));
      this.#kept = kept = grown;
    }
    kept.set(bytes, this.#keptBytes);
    this.#keptBytes = needed;
    if (needed >= this.#trimAt) this.#trim();
  }

  /**
   * Drop the kept bytes before the line feed that starts the line open at the last 8 KiB, or (a line longer than
   * {@link RECORDED_JSON_MAX_BYTES}) all but the last 8 KiB. Line feeds only: a stream whose lines end with a lone CR
   * keeps more.
   */
  #trim(): void {
    const kept = this.#kept as Buffer;
    const cut = this.#keptBytes - STREAM_TAIL_MIN_BYTES;
    let from = bufferLastIndexOf.call(kept, LINE_FEED, cut);
    // The line open at the cut is longer than the tail keeps: only its end is kept (its usage cannot be read).
    if (this.#keptBytes - from > STREAM_TAIL_MAX_BYTES) from = cut;
    if (from > 0) {
      kept.copyWithin(0, from, this.#keptBytes);
      this.#keptBytes -= from;
    }
    // Searched again once it has doubled (a long line is searched a number of times that grows with its log), or has
    // grown past the most it keeps.
    this.#trimAt = Math.min(Math.max(2 * this.#keptBytes, 2 * STREAM_TAIL_MIN_BYTES), STREAM_TAIL_MAX_BYTES + 1);
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
    // In slices: the head usually ends within the first event, and the rest of it need not be decoded.
    const head = this.#head?.subarray(0, this.#headBytes) ?? NO_BYTES;
    for (let at = 0; at < head.byteLength && served === undefined; at += HEAD_SLICE_BYTES)
      feed(decoder.decode(head.subarray(at, at + HEAD_SLICE_BYTES), { stream: true }));
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
    this.#release();
    const usage = accumulator.result();
    return {
      usage:
        usage.known || complete
          ? usage
          : { known: false, reason: `the stream ended early, before its usage (${usage.reason})` },
      served,
    };
  }

  /**
   * The last line of the tail holding the final usage, as text: looked for in the last 4 KiB first (a view of the last
   * chunk), then in the whole tail.
   */
  #usageLine(): string | undefined {
    const wanted = this.#kind === 'sse' ? isSseUsageLine : isNonBlank;
    const last = this.#last;
    const lastBytes = last.byteLength - this.#lastFrom;
    if (lastBytes > TAIL_FIRST_LOOK_BYTES) {
      const line = lastLine(
        Buffer.from(last.buffer, last.byteOffset + last.byteLength - TAIL_FIRST_LOOK_BYTES, TAIL_FIRST_LOOK_BYTES),
        wanted,
      );
      if (line !== undefined) return line;
    }
    const kept = this.#keptBytes === 0 ? NO_BYTES : (this.#kept ?? LINE_FEED_BYTES).subarray(0, this.#keptBytes);
    const older = this.#older.subarray(this.#olderFrom);
    const tail = Buffer.concat(
      [kept, older, last.subarray(this.#lastFrom)],
      kept.byteLength + older.byteLength + lastBytes,
    );
    return lastLine(tail, wanted);
  }

  /** Hand the head and tail buffers on to the next captures (this one has been read; nothing refers to them). */
  #release(): void {
    if (this.#head && spareHeads.length < SPARE_BUFFERS_MAX) spareHeads.push(this.#head);
    if (this.#kept?.byteLength === TAIL_BUFFER_BYTES && spareTails.length < SPARE_BUFFERS_MAX)
      spareTails.push(this.#kept);
    this.#head = undefined;
    this.#kept = undefined;
    this.#older = NO_BYTES;
    this.#last = NO_BYTES;
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
