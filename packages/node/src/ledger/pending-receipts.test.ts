import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { deferReceipt, flushReceipts } from './pending-receipts.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('deferReceipt and flushReceipts', () => {
  it('runs the queued work in the next turn of the event loop, in order, not before', async () => {
    const done: string[] = [];
    deferReceipt(() => done.push('first'));
    deferReceipt(() => done.push('second'));
    await Promise.resolve();
    expect(done).toEqual([]);
    await nextTurn();
    expect(done).toEqual(['first', 'second']);
  });

  it('flushReceipts runs it at once, each task once, also when a task flushes again', async () => {
    const done: string[] = [];
    deferReceipt(() => {
      done.push('a');
      flushReceipts(); // e.g. a host's onAppend that reads the ledger
    });
    deferReceipt(() => done.push('b'));
    flushReceipts();
    expect(done).toEqual(['a', 'b']);
    await nextTurn();
    flushReceipts();
    expect(done).toEqual(['a', 'b']);
  });

  it('runs the other tasks when one throws (a host onError that throws), then throws the first error', () => {
    const done: string[] = [];
    deferReceipt(() => {
      throw new Error('from a host onError');
    });
    deferReceipt(() => done.push('written'));
    deferReceipt(() => {
      throw new Error('a second one');
    });
    expect(() => flushReceipts()).toThrow('from a host onError');
    expect(done).toEqual(['written']);
    expect(() => flushReceipts()).not.toThrow();
  });

  it('runs each task in the async context it was queued in (a host span stays the parent); a flush in its own', async () => {
    const turn = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    turn.run('turn-1', () => deferReceipt(() => seen.push(turn.getStore())));
    turn.run('turn-2', () => deferReceipt(() => seen.push(turn.getStore())));
    deferReceipt(() => seen.push(turn.getStore()));
    await nextTurn();
    expect(seen).toEqual(['turn-1', 'turn-2', undefined]);
    turn.run('turn-3', () => deferReceipt(() => seen.push(turn.getStore())));
    turn.run('a reader', () => flushReceipts());
    expect(seen).toEqual(['turn-1', 'turn-2', undefined, 'a reader']);
  });
});
