// @see issue 16 item 4: the tap that watches an answer where undici's fetch gets it, read here without a connection.
import { describe, expect, it } from 'vitest';
import { AnswerTap, type TapResult } from './answer-tap.js';

const ORIGIN = 'https://api.example.test';
const bytes = (text: string) => new TextEncoder().encode(text);

/** A tap over a dispatcher that only records what it is asked to send, and fetch's handler as a stub. */
function tapWithHandler() {
  const dispatched: unknown[] = [];
  const inner = { dispatch: (_options: unknown, handler: object) => dispatched.push(handler) > 0 };
  const tap = AnswerTap.open(ORIGIN, inner) as AnswerTap;
  const seen: string[] = [];
  const handler = {
    onHeaders: () => seen.push('headers') > 0,
    onData: () => seen.push('data') > 0,
    onComplete: () => seen.push('complete'),
    onError: () => seen.push('error'),
  };
  tap.dispatch({ origin: ORIGIN }, handler);
  return { tap, handler, dispatched, seen };
}

describe('AnswerTap', () => {
  it('reads the framing from header lines given as bytes or as strings, names in any case', () => {
    for (const [raw, kind] of [
      [[bytes('Content-Type'), bytes('Text/Event-Stream; charset=utf-8')], 'sse'],
      [['content-type', 'application/x-ndjson'], 'ndjson'],
      [[bytes('content-type'), bytes('application/json'), bytes('Content-Type'), bytes('text/event-stream')], 'json'],
      [[bytes('x-content-type'), bytes('text/event-stream')], 'json'],
      [[], 'json'],
    ] as const) {
      const { tap } = tapWithHandler();
      tap.onHeaders(200, raw, () => {});
      expect({ raw: raw.map(String), kind: tap.kind }).toEqual({ raw: raw.map(String), kind });
      expect(tap.sees(200)).toBe(true);
    }
  });

  it('steps aside for an encoded answer (fetch decodes it after the tap), bytes or string, but not for identity', () => {
    for (const [value, sees] of [
      [bytes('gzip'), false],
      [' BR ', false],
      [new Uint8Array([0x49, 0x64, 0x65, 0x6e, 0x74, 0x69, 0x74, 0x79]), true], // "Identity", a plain Uint8Array
      ['', true],
    ] as const) {
      const { tap } = tapWithHandler();
      tap.onHeaders(200, [bytes('Content-Encoding'), value], () => {});
      expect({ value: String(value), sees: tap.sees(200) }).toEqual({ value: String(value), sees });
    }
  });

  it('forwards every call to fetch handler, and tells its listener the end once, after the connection callback', async () => {
    const { tap, dispatched, seen } = tapWithHandler();
    expect(dispatched).toEqual([tap]);
    tap.onHeaders(200, [bytes('content-type'), bytes('text/event-stream')], () => {});
    tap.onData(bytes('data: 1\n\n'));
    const pushed: string[] = [];
    const ended: TapResult[] = [];
    tap.attach(
      {
        push: (chunk) => pushed.push(new TextDecoder().decode(chunk)),
        read: () => ({ usage: { known: false, reason: 'x' }, served: undefined }),
      },
      { tapEnded: (result) => ended.push(result) },
    );
    tap.onData(bytes('data: 2\n\n'));
    tap.onComplete(null);
    expect(ended).toEqual([]); // not inside the connection's callback
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['headers', 'data', 'data', 'complete']);
    expect(pushed).toEqual(['data: 1\n\n', 'data: 2\n\n']);
    expect(ended).toEqual([{ ending: { kind: 'done' }, received: 18, endedAt: expect.any(Number) }]);
  });

  it('refuses to send to another origin, and steps aside on a second dispatch', () => {
    const { tap, dispatched } = tapWithHandler();
    const errors: unknown[] = [];
    const other = { onData: () => true, onError: (error: unknown) => errors.push(error) };
    // A second dispatch (a redirect fetch follows, or a retry) goes to the dispatcher under the tap, unwatched.
    expect(tap.dispatch({ origin: 'https://elsewhere.test' }, other)).toBe(true);
    expect(dispatched).toEqual([tap, other]);
    const fresh = AnswerTap.open(ORIGIN, { dispatch: () => true }) as AnswerTap;
    expect(fresh.dispatch({ origin: 'https://elsewhere.test' }, other)).toBe(false);
    expect(errors).toEqual([expect.objectContaining({ code: 'LEDGER_FOREIGN_ORIGIN' })]);
  });
});
