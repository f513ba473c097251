import { type AnswerCapture, type AnswerKind, answerKind, startsWithType } from './answer-capture.js';
import { LEDGER_ERROR_CODES, LedgerError } from './ledger-error.js';

/** Where undici (the global `fetch` of Node) keeps its global dispatcher: a host's proxy agent included. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** How an answer ended as it came off the connection. */
export type TapEnding =
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly error: unknown; readonly aborted: boolean };

/** What a tap saw of one answer when it ended: how, its body's bytes, and when (`performance.now()`). */
export interface TapResult {
  readonly ending: TapEnding;
  readonly received: number;
  readonly endedAt: number;
}

/** Who a tap tells when the answer it watches has ended. */
export interface TapListener {
  tapEnded(result: TapResult): void;
}

/** The parts of an undici dispatcher that fetch uses. */
interface Dispatcher {
  dispatch(options: { readonly origin?: unknown }, handler: object): boolean;
  readonly isMockActive?: boolean;
}

/** The parts of an undici dispatch handler (its first API, the one fetch uses) that a tap forwards. */
interface Handler {
  onConnect?(abort: (reason?: unknown) => void, context?: unknown): void;
  onResponseStarted?(): void;
  onHeaders?(status: number, rawHeaders: unknown, resume: () => void, statusText?: string): boolean;
  onData?(chunk: Uint8Array): boolean;
  onComplete?(trailers: unknown): void;
  onError?(error: unknown): void;
  onUpgrade?(status: number, rawHeaders: unknown, socket: unknown): void;
  onBodySent?(chunk: unknown): void;
  onRequestSent?(): void;
  onRequestStart?: unknown;
}

/**
 * A view of one request's answer body where undici's `fetch` gets it from the connection: a dispatcher for that
 * request only, over the dispatcher it would have used (the request's own or undici's global one, so a host's proxy
 * still carries it). The body's bytes reach the client's stream as they would without it; the tap only counts them
 * and hands them to a capture (by reference, as fetch does). So a recording puts no stream of its own between the
 * client and the answer. It refuses to send to any origin but the route's. A tap that sees anything it does not
 * expect (a second dispatch, a handler of undici's newer API) steps aside, and the recording wraps the body instead.
 *
 * The tap is also the handler it hands to that dispatcher: it forwards every call to fetch's own handler, noting what
 * passes. One object per request, not two: this runs once per request, when none of it is in the CPU's caches.
 */
export class AnswerTap implements Dispatcher, Handler {
  readonly #inner: Dispatcher;
  readonly #origin: string;
  /** Fetch's own handler, once this tap watches the answer for it. */
  #handler: Handler | undefined;
  #dispatches = 0;
  #status: number | undefined;
  #headersAt = 0;
  /** How the answer is framed (from its first content type) and whether it has a content encoding, from its header lines. */
  #kind: AnswerKind | undefined;
  #encoded = false;
  #received = 0;
  #cancelled = false;
  /** Chunks that came before the recording attached its capture (headers and body can come in one read). */
  #early: Uint8Array[] | undefined;
  /** 0: no capture yet (chunks are kept in `#early`); 1: attached; 2: detached (nothing kept). */
  #state = 0;
  #capture: AnswerCapture | undefined;
  #result: TapResult | undefined;
  #settle: ((tap: AnswerTap) => void) | undefined;
  #listener: TapListener | undefined;

  private constructor(inner: Dispatcher, origin: string) {
    this.#inner = inner;
    this.#origin = origin;
  }

  /** A tap for one request to `origin`, over `given` (the request's own dispatcher) or undici's global one; none if neither is there. */
  static open(origin: string, given: unknown): AnswerTap | undefined {
    const inner = given ?? (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
    return isDispatcher(inner) ? new AnswerTap(inner, origin) : undefined;
  }

  /** Called by fetch: send through the dispatcher under this tap, watching the answer. */
  dispatch(options: { readonly origin?: unknown }, handler: object): boolean {
    this.#dispatches++;
    const given = handler as Handler;
    if (this.#dispatches > 1 || typeof given.onData !== 'function' || typeof given.onRequestStart === 'function')
      return this.#inner.dispatch(options, handler);
    if (String(options.origin) !== this.#origin) {
      given.onError?.(
        new LedgerError(
          LEDGER_ERROR_CODES.FOREIGN_ORIGIN,
          `This recording fetch sends only to ${this.#origin}; nothing was sent.`,
        ),
      );
      return false;
    }
    this.#handler = given;
    return this.#inner.dispatch(options, this);
  }

  /** Whether a mock agent answers (fetch asks its dispatcher). */
  get isMockActive(): boolean | undefined {
    return this.#inner.isMockActive;
  }

  /**
   * Whether this tap saw exactly the answer with this status (one dispatch, the same status) as the client will read
   * it (no content encoding, which fetch decodes after the tap), so the recording can rely on it and leave the body
   * alone.
   */
  sees(status: number): boolean {
    return this.#handler !== undefined && this.#dispatches === 1 && this.#status === status && !this.#encoded;
  }

  /** How the answer is framed, from the first `content-type` header line (JSON without one). */
  get kind(): AnswerKind {
    return this.#kind ?? 'json';
  }

  /**
   * From now on the body's chunks go to `capture` (those that came already first), and `listener` is told once the
   * answer ends, in the async context of this call (the request's), never inside the connection's callback.
   */
  attach(capture: AnswerCapture | undefined, listener: TapListener): void {
    this.#state = 1;
    this.#capture = capture;
    this.#listener = listener;
    if (capture && this.#early) for (const chunk of this.#early) capture.push(chunk);
    this.#early = undefined;
    // A promise reaction runs in the context it was registered in, in a microtask after the connection's callback.
    const ended = new Promise<AnswerTap>((resolve) => {
      if (this.#result) resolve(this);
      else this.#settle = resolve;
    });
    void ended.then(AnswerTap.#tellEnded);
  }

  static #tellEnded(tap: AnswerTap): void {
    tap.#listener?.tapEnded(tap.#result as TapResult);
  }

  /** When the answer's status line and headers came (`performance.now()`): its first byte, as close as fetch tells. */
  get headersAt(): number {
    return this.#headersAt;
  }

  /** The recording does not use this tap (it wraps the body): drop what was kept. */
  detach(): void {
    this.#state = 2;
    this.#early = undefined;
  }

  // undici's handler API (its first one, which fetch uses), called on this tap as the handler of its one dispatch.

  /** @internal */
  onConnect(abort: (reason?: unknown) => void, context?: unknown): void {
    // Fetch calls `abort` when the client cancels the body or its signal aborts: the answer is then `aborted`.
    this.#handler?.onConnect?.((reason?: unknown) => {
      this.#cancelled = true;
      abort(reason);
    }, context);
  }

  /** @internal */
  onResponseStarted(): void {
    this.#handler?.onResponseStarted?.();
  }

  /** @internal */
  onHeaders(status: number, rawHeaders: unknown, resume: () => void, statusText?: string): boolean {
    if (status >= 200) {
      this.#status = status;
      this.#headersAt = performance.now();
      if (Array.isArray(rawHeaders)) this.#readHeaders(rawHeaders);
    }
    return this.#handler?.onHeaders?.(status, rawHeaders, resume, statusText) ?? true;
  }

  /** @internal */
  onData(chunk: Uint8Array): boolean {
    this.#received += chunk.byteLength;
    if (this.#state === 1) this.#capture?.push(chunk);
    else if (this.#state === 0) {
      if (this.#early) this.#early.push(chunk);
      else this.#early = [chunk];
    }
    return this.#handler?.onData?.(chunk) ?? true;
  }

  /** @internal */
  onComplete(trailers: unknown): void {
    try {
      this.#handler?.onComplete?.(trailers);
    } finally {
      this.#end(undefined);
    }
  }

  /** @internal */
  onError(error: unknown): void {
    try {
      this.#handler?.onError?.(error);
    } finally {
      this.#end({ error });
    }
  }

  /** @internal */
  onUpgrade(status: number, rawHeaders: unknown, socket: unknown): void {
    this.#handler?.onUpgrade?.(status, rawHeaders, socket);
  }

  /** @internal */
  onBodySent(chunk: unknown): void {
    this.#handler?.onBodySent?.(chunk);
  }

  /** @internal */
  onRequestSent(): void {
    this.#handler?.onRequestSent?.();
  }

  /**
   * The framing and content encoding from the header lines (names and values as bytes, or strings, in pairs), as fetch
   * reads them into its `Headers`: names compared without case, and only the content type read without making a string.
   */
  #readHeaders(raw: readonly unknown[]): void {
    for (let at = 0; at + 1 < raw.length; at += 2) {
      const name = raw[at];
      const value = raw[at + 1];
      if (!isText(name) || !isText(value)) continue;
      if (name.length === CONTENT_TYPE.length && startsWithType(name, CONTENT_TYPE)) this.#kind ??= answerKind(value);
      else if (name.length === CONTENT_ENCODING.length && startsWithType(name, CONTENT_ENCODING)) {
        const encoding = (typeof value === 'string' ? value : Buffer.from(value).toString('latin1'))
          .trim()
          .toLowerCase();
        if (encoding !== '' && encoding !== 'identity') this.#encoded = true;
      }
    }
  }

  /** The answer ended: its last byte came, or the request failed or was cancelled. */
  #end(error: { readonly error: unknown } | undefined): void {
    if (this.#result) return;
    this.#result = {
      ending: error ? { kind: 'error', error: error.error, aborted: this.#cancelled } : { kind: 'done' },
      received: this.#received,
      endedAt: performance.now(),
    };
    this.#settle?.(this);
  }
}

const CONTENT_TYPE = 'content-type';
const CONTENT_ENCODING = 'content-encoding';

/** A header line's name or value as undici gives it: bytes (a Buffer), or a string. */
function isText(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function isDispatcher(value: unknown): value is Dispatcher {
  return typeof value === 'object' && value !== null && typeof (value as Dispatcher).dispatch === 'function';
}
