import { describe, expect, it } from 'vitest';
import { mapWithLimit } from './map-with-limit.js';

/** A task whose promises the test settles by hand, recording how many run at once. */
function gatedTask() {
  const gates: Array<() => void> = [];
  const started: number[] = [];
  let running = 0;
  let peak = 0;
  const task = async (item: number) => {
    started.push(item);
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => gates.push(resolve));
    running--;
    return item * 10;
  };
  const openAll = async () => {
    while (gates.length > 0 || running > 0) {
      for (const open of gates.splice(0)) open();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { task, started, gates, openAll, peak: () => peak };
}

describe('mapWithLimit', () => {
  it('runs at most `limit` tasks at once and keeps the input order', async () => {
    const gated = gatedTask();
    const run = mapWithLimit([1, 2, 3, 4, 5], 2, gated.task);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.started).toEqual([1, 2]);
    await gated.openAll();
    await expect(run).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(gated.peak()).toBe(2);
  });

  it('passes the index, runs everything at once for Infinity, and handles no items', async () => {
    await expect(
      mapWithLimit(['a', 'b'], Number.POSITIVE_INFINITY, async (item, index) => `${item}${index}`),
    ).resolves.toEqual(['a0', 'b1']);
    await expect(mapWithLimit([], 4, async () => 1)).resolves.toEqual([]);
  });

  /** @see issue 14 item 2: a NaN limit (e.g. a bad `concurrency` option) started no worker and returned holes. */
  it.each([Number.NaN, 0, -3, 0.5])('runs every task one at a time for a limit of %s', async (limit) => {
    const gated = gatedTask();
    const run = mapWithLimit([1, 2, 3], limit, gated.task);
    await gated.openAll();
    const results = await run;
    expect(results).toEqual([10, 20, 30]);
    expect(Object.keys(results)).toEqual(['0', '1', '2']);
    expect(gated.peak()).toBe(1);
  });

  /** @see issue 14 item 2: after a failure the other workers kept starting new tasks. */
  it('starts no further task after one rejects, and rejects with that error', async () => {
    const started: number[] = [];
    const failure = new Error('provider 2 failed');
    const run = mapWithLimit([1, 2, 3, 4, 5, 6], 2, async (item) => {
      started.push(item);
      await new Promise((resolve) => setImmediate(resolve));
      if (item === 2) throw failure;
      return item;
    });
    await expect(run).rejects.toBe(failure);
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
  });
});
