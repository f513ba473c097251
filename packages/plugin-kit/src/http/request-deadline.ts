import type { Dispatcher } from 'undici';
import type { HttpTimeouts } from './http-limits.js';

/** The phase a request is in; each has its own limit. */
export type HttpPhase = 'connect' | 'headers' | 'body';

/** Why a request was stopped by the client itself. */
export type RequestStopReason =
  | { readonly kind: 'timeout'; readonly phase: HttpPhase; readonly limit: number }
  | { readonly kind: 'aborted' };

const LIMIT_OF: Record<HttpPhase, keyof HttpTimeouts> = { connect: 'connectMs', headers: 'headersMs', body: 'bodyMs' };

/**
 * One request's phase timers and cancellation. undici's own timers tick at about 1 s resolution and its body timer is
 * an idle timer; these are plain timers, and the body limit is a total. The phases are observed through a dispatcher
 * interceptor ({@link RequestDeadline.interceptor}): connect until the request starts on a socket, headers until the
 * response head, body until the caller has read the body.
 */
export class RequestDeadline {
  /** Aborts the undici request when a limit fires or the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** Rejects (with no useful value: read {@link reason}) once the request is stopped. Race it against undici's promise. */
  readonly stopped: Promise<never>;
  #reason: RequestStopReason | undefined;
  #phase: HttpPhase = 'connect';
  #timer: NodeJS.Timeout | undefined;
  readonly #controller = new AbortController();
  readonly #timeouts: HttpTimeouts;
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort = (): void => this.stop({ kind: 'aborted' });
  #rejectStopped: (reason: unknown) => void = () => {};

  constructor(timeouts: HttpTimeouts, userSignal: AbortSignal | undefined) {
    this.#timeouts = timeouts;
    this.#userSignal = userSignal;
    this.signal = this.#controller.signal;
    this.stopped = new Promise<never>((_, reject) => {
      this.#rejectStopped = reject;
    });
    this.stopped.catch(() => {});
    if (userSignal?.aborted) this.stop({ kind: 'aborted' });
    else {
      userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
      this.#arm('connect');
    }
  }

  /** Why the request was stopped, if it was. */
  get reason(): RequestStopReason | undefined {
    return this.#reason;
  }

  /** The current phase. */
  get phase(): HttpPhase {
    return this.#phase;
  }

  /** Move to a later phase and restart the timer with that phase's limit. */
  enter(phase: HttpPhase): void {
    if (this.#reason || this.#phase === 'body') return;
    if (phase === 'connect') return;
    this.#arm(phase);
  }

  /** Stop the request (first reason wins). */
  stop(reason: RequestStopReason): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#clear();
    this.#controller.abort();
    this.#rejectStopped(reason);
  }

  /** Release the timer and the listener on the caller's signal. Call once the body is read or the request failed. */
  dispose(): void {
    this.#clear();
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  /** A dispatcher interceptor that reports phase changes of the requests sent through it to this deadline. */
  interceptor(): Dispatcher.DispatcherComposeInterceptor {
    return (dispatch) => (options, handler) =>
      dispatch(options, {
        onRequestStart: (controller, context) => {
          this.enter('headers');
          handler.onRequestStart?.(controller, context);
        },
        onRequestUpgrade: (controller, statusCode, headers, socket) =>
          handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
        onResponseStart: (controller, statusCode, headers, statusMessage) => {
          if (statusCode >= 200) this.enter('body');
          handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
        },
        onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
        onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
        onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
      });
  }

  #arm(phase: HttpPhase): void {
    this.#clear();
    this.#phase = phase;
    const limit = this.#timeouts[LIMIT_OF[phase]];
    this.#timer = setTimeout(() => this.stop({ kind: 'timeout', phase, limit }), limit);
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
