import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestDeadline } from './request-deadline.js';

const LIMITS = { connectMs: 1_000, headersMs: 2_000, bodyMs: 3_000 };

/** Whether a promise has settled by now, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  const pending = Symbol('pending');
  return Promise.race([promise, Promise.resolve(pending)]).then(
    (value) => (value === pending ? 'pending' : 'resolved'),
    () => 'rejected',
  );
}

describe('RequestDeadline: one limit per phase (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops a request that never gets past connecting at connectMs, and rejects stopped', async () => {
    const deadline = new RequestDeadline(LIMITS, undefined);
    expect(deadline.phase).toBe('connect');
    vi.advanceTimersByTime(999);
    expect(deadline.reason).toBeUndefined();
    expect(await settled(deadline.stopped)).toBe('pending');
    vi.advanceTimersByTime(1);
    expect(deadline.reason).toStrictEqual({ kind: 'timeout', phase: 'connect', limit: 1_000 });
    expect(deadline.signal.aborted).toBe(true);
    expect(await settled(deadline.stopped)).toBe('rejected');
  });

  it('entering headers replaces the connect timer with the headers limit', () => {
    const deadline = new RequestDeadline(LIMITS, undefined);
    vi.advanceTimersByTime(500);
    deadline.enter('headers');
    expect(deadline.phase).toBe('headers');
    // Past the connect limit counted from the start: the connect timer must be gone.
    vi.advanceTimersByTime(1_999);
    expect(deadline.reason).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(deadline.reason).toStrictEqual({ kind: 'timeout', phase: 'headers', limit: 2_000 });
  });

  it('the body limit is a total: entering body again does not restart it', () => {
    const deadline = new RequestDeadline(LIMITS, undefined);
    deadline.enter('headers');
    deadline.enter('body');
    vi.advanceTimersByTime(2_000);
    deadline.enter('body');
    deadline.enter('headers');
    expect(deadline.phase).toBe('body');
    vi.advanceTimersByTime(1_000);
    expect(deadline.reason).toStrictEqual({ kind: 'timeout', phase: 'body', limit: 3_000 });
  });

  it('never moves back to connect: the headers clock keeps running', () => {
    const deadline = new RequestDeadline(LIMITS, undefined);
    deadline.enter('headers');
    vi.advanceTimersByTime(1_500);
    deadline.enter('connect');
    expect(deadline.phase).toBe('headers');
    vi.advanceTimersByTime(500);
    expect(deadline.reason).toStrictEqual({ kind: 'timeout', phase: 'headers', limit: 2_000 });
  });
});

describe('RequestDeadline: stopping and releasing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("the caller's abort stops the request as aborted and leaves no timer running", async () => {
    const controller = new AbortController();
    const deadline = new RequestDeadline(LIMITS, controller.signal);
    deadline.enter('headers');
    controller.abort();
    expect(deadline.reason).toStrictEqual({ kind: 'aborted' });
    expect(deadline.signal.aborted).toBe(true);
    expect(await settled(deadline.stopped)).toBe('rejected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted signal stops at once, in the connect phase, without arming a timer', async () => {
    const deadline = new RequestDeadline(LIMITS, AbortSignal.abort());
    expect(deadline.reason).toStrictEqual({ kind: 'aborted' });
    expect(deadline.phase).toBe('connect');
    expect(deadline.signal.aborted).toBe(true);
    expect(await settled(deadline.stopped)).toBe('rejected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the first reason wins: a later abort does not turn a timeout into an abort', () => {
    const controller = new AbortController();
    const deadline = new RequestDeadline(LIMITS, controller.signal);
    vi.advanceTimersByTime(1_000);
    controller.abort();
    expect(deadline.reason).toStrictEqual({ kind: 'timeout', phase: 'connect', limit: 1_000 });
  });

  it('after a stop, phase changes are ignored and arm no timer', () => {
    const deadline = new RequestDeadline(LIMITS, undefined);
    deadline.stop({ kind: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
    deadline.enter('headers');
    expect(deadline.phase).toBe('connect');
    expect(vi.getTimerCount()).toBe(0);
  });

  it("dispose releases the timer and the caller's signal: nothing fires afterwards", () => {
    const controller = new AbortController();
    const deadline = new RequestDeadline(LIMITS, controller.signal);
    deadline.enter('headers');
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    vi.advanceTimersByTime(60_000);
    controller.abort();
    expect(deadline.reason).toBeUndefined();
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('RequestDeadline: no stray rejection', () => {
  it('a deadline stopped before anyone races stopped does not raise an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const deadline = new RequestDeadline(LIMITS, AbortSignal.abort());
      expect(deadline.reason).toStrictEqual({ kind: 'aborted' });
      // Unhandled rejections are reported once the microtask queue has drained: give it a full turn.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toStrictEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
