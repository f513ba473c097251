import { priceUsage, type ReadyRouteCandidate, type UsageCost, type UsageReading } from '@codewhale/core';
import { nodeCrypto } from '../lazy-builtins.js';
import { type AnswerCapture, type AnswerKind, answerKind, captureAnswer, type UsageOptions } from './answer-capture.js';
import type { AnswerTap, TapListener, TapResult } from './answer-tap.js';
import { deferReceipt } from './pending-receipts.js';
import type { Ledger } from './receipt-ledger.js';
import type { RouteReceipt } from './route-receipt.js';

const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** What every receipt of one recording fetch says alike, and where it goes: made once per recording fetch. */
export interface RecordedRoute {
  readonly candidate: ReadyRouteCandidate;
  readonly ledger: Pick<Ledger, 'append'>;
  readonly origin: string;
  readonly fingerprint: string;
  readonly credential: string;
  readonly catalog: string;
  readonly route: string;
  readonly model: RouteReceipt['model'];
  readonly reasoning: RouteReceipt['reasoning'];
  readonly usageOptions: UsageOptions;
  /** Called when a receipt cannot be appended (the request itself is never failed for it). */
  readonly warn: (error: unknown) => void;
}

/** What a recording fetch measured of a request before sending it. */
export interface RequestFacts {
  /** What the receipt's `endpoint.path` is read from: the URL, or the string it was given as (parsed after the end). */
  readonly url: URL | string;
  readonly bytes: number;
  readonly sha256: string | undefined;
  readonly signal: AbortSignal | null | undefined;
  readonly tags: Readonly<Record<string, string>> | undefined;
  /** The host clock's time at the start, if the host gave a clock. */
  readonly hostTime: Date | undefined;
  /** `performance.now()` at the start. */
  readonly started: number;
}

/** How an answer's body ended, as the recording saw it. */
type Ending = 'done' | 'aborted' | { readonly error: unknown };

/**
 * One request of a recording fetch, from its send to its receipt: one object per request, its work in methods (this
 * runs once per request, between network reads, when none of it is in the CPU's caches).
 */
export class RecordedRequest implements TapListener {
  readonly #route: RecordedRoute;
  readonly #facts: RequestFacts;
  #ttfbMs: number | undefined;
  #ended = false;
  #outcome: RouteReceipt['outcome'] = { kind: 'aborted' };
  #capture: AnswerCapture | undefined;
  #stream = false;
  #failedReason = '';

  constructor(route: RecordedRoute, facts: RequestFacts) {
    this.#route = route;
    this.#facts = facts;
  }

  /** The request failed before an answer came (fetch threw `error`). */
  failed(error: unknown): void {
    const aborted = isAbort(error, this.#facts.signal);
    this.#end(
      aborted ? { kind: 'aborted' } : { kind: 'network-error', code: networkErrorCode(error) },
      { known: false, reason: aborted ? 'the request was aborted before an answer' : 'no answer (network error)' },
      0,
      performance.now(),
    );
  }

  /**
   * The answer came: watch its body through `tap` (which saw this very answer come off the connection) or pass it
   * through one more stream. Returns what the client gets.
   */
  answer(response: Response, given: AnswerTap | undefined): Response {
    // Each of the answer's getters is read at most once; with a tap, its headers are what the tap read.
    const { status } = response;
    const ok = status >= 200 && status < 300;
    this.#outcome = ok ? { kind: 'ok', status } : { kind: 'http-error', status };
    this.#failedReason = ok ? 'the answer has no body' : `the request failed (HTTP ${status})`;
    const tap = given?.sees(status) ? given : undefined;
    this.#ttfbMs = (tap ? tap.headersAt : performance.now()) - this.#facts.started;
    const kind: AnswerKind = tap ? tap.kind : answerKind(response.headers.get('content-type') ?? '');
    this.#stream = kind !== 'json';
    const upstream = response.body;
    if (upstream === null) {
      given?.detach();
      this.#end(this.#outcome, this.#failedUsage(), 0, performance.now());
      return response;
    }
    // Only successful answers are read: an error body is passed on untouched and nothing of it is kept. As the answer
    // comes, chunks are only counted and kept; the usage is read after the end (see AnswerCapture).
    this.#capture = ok ? captureAnswer(kind, this.#route.usageOptions) : undefined;
    if (tap) {
      // The client reads the answer as fetch made it. (Its headers came before fetch resolved, and a short answer may
      // have ended before too.)
      tap.attach(this.#capture, this);
      return response;
    }
    given?.detach();
    return this.#wrap(response, upstream);
  }

  /** @internal The tap saw the answer end (called in the request's async context). */
  tapEnded({ ending, received, endedAt }: TapResult): void {
    this.#finish(
      ending.kind === 'done' ? 'done' : ending.aborted ? 'aborted' : { error: ending.error },
      received,
      endedAt,
    );
  }

  /** The answer's body passed through one more stream that counts and keeps what the client reads. */
  #wrap(response: Response, upstream: ReadableStream<Uint8Array>): Response {
    let received = 0;
    const source = upstream.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          let chunk: Awaited<ReturnType<typeof source.read>>;
          try {
            chunk = await source.read();
          } catch (error) {
            controller.error(error);
            this.#finish({ error }, received, performance.now());
            return;
          }
          if (chunk.done) {
            controller.close();
            this.#finish('done', received, performance.now());
            return;
          }
          received += chunk.value.byteLength;
          this.#capture?.push(chunk.value);
          controller.enqueue(chunk.value);
        },
        cancel: (reason) => {
          this.#finish('aborted', received, performance.now());
          return source.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    const wrapped = new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // Keep what clients read from the original answer (`redirected` is false unless a host's own fetch followed one).
    Object.defineProperty(wrapped, 'url', { value: response.url });
    if (response.redirected) Object.defineProperty(wrapped, 'redirected', { value: true });
    return wrapped;
  }

  #finish(ending: Ending, received: number, endedAt: number): void {
    const outcome: RouteReceipt['outcome'] =
      ending === 'done'
        ? this.#outcome
        : ending === 'aborted' || isAbort(ending.error, this.#facts.signal)
          ? { kind: 'aborted' }
          : { kind: 'network-error', code: networkErrorCode(ending.error) };
    this.#end(outcome, this.#capture ? ending === 'done' : this.#failedUsage(), received, endedAt);
  }

  #failedUsage(): UsageReading {
    return { known: false, reason: this.#failedReason };
  }

  /**
   * The request is over (its answer ended, failed or was cancelled, or there was none): once, note the time, and build
   * and append the receipt in the next turn of the event loop, off the path of the answer's bytes. `usage` is the usage,
   * or (with a capture) whether the answer came whole.
   */
  #end(outcome: RouteReceipt['outcome'], usage: UsageReading | boolean, received: number, endedAt: number): void {
    if (this.#ended) return;
    this.#ended = true;
    const totalMs = endedAt - this.#facts.started;
    deferReceipt(() => {
      try {
        this.#route.ledger.append(this.#receipt(outcome, usage, received, totalMs));
      } catch (error) {
        this.#route.warn(error);
      }
    });
  }

  #receipt(
    outcome: RouteReceipt['outcome'],
    usage: UsageReading | boolean,
    received: number,
    totalMs: number,
  ): RouteReceipt {
    const route = this.#route;
    const facts = this.#facts;
    // The request's wall-clock time: the host's clock, or the system's clock less the time elapsed since the start,
    // on the monotonic clock.
    const time = facts.hostTime ?? new Date(Date.now() - (performance.now() - facts.started));
    const read =
      typeof usage === 'boolean' && this.#capture
        ? this.#capture.read(usage)
        : { usage: usage as UsageReading, served: undefined };
    const url = typeof facts.url === 'string' ? new URL(facts.url) : facts.url;
    return {
      v: 1,
      id: nodeCrypto().randomUUID(),
      time: time.toISOString(),
      route: route.route,
      provider: route.candidate.provider.id,
      endpoint: {
        origin: route.origin,
        fingerprint: route.fingerprint,
        protocol: route.candidate.endpoint.protocol,
        official: route.candidate.endpoint.official,
        path: url.pathname,
      },
      model: read.served !== undefined ? { ...route.model, served: read.served } : route.model,
      credential: route.credential,
      reasoning: route.reasoning,
      stream: this.#stream,
      outcome,
      usage: read.usage,
      cost: costOf(route.candidate, read.usage, time),
      timing: {
        ...(this.#ttfbMs !== undefined ? { ttfbMs: round(this.#ttfbMs) } : {}),
        totalMs: round(totalMs),
      },
      bytes: { sent: facts.bytes, received, origin: route.origin },
      catalog: route.catalog,
      ...(facts.tags && Object.keys(facts.tags).length > 0 ? { tags: facts.tags } : {}),
      ...(facts.sha256 !== undefined ? { requestSha256: facts.sha256 } : {}),
    };
  }
}

/** The cost of a request: the meter's price of a known usage, else unknown with the reason (never 0). */
function costOf(candidate: ReadyRouteCandidate, usage: UsageReading, time: Date): UsageCost {
  if (!usage.known) return { known: false, reason: `usage unknown: ${usage.reason}`.slice(0, 500) };
  const cost = priceUsage(candidate.meter, usage.usage, time);
  if (!cost.known || cost.source.note === undefined) return cost;
  // The meter's note is catalog prose, the same on every request: the source's url and date identify it.
  const { note: _note, ...source } = cost.source;
  return { ...cost, source };
}

function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** A short code for a network failure (`ECONNREFUSED`, `UND_ERR_SOCKET`...), never its message. */
function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && ERROR_CODE.test(code)) return code;
    current = current.cause;
  }
  if (error instanceof Error && error.message === 'terminated') return 'terminated';
  return 'unknown';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
