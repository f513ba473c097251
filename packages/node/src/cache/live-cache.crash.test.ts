import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiveCache, type LiveCacheRead } from './live-cache.js';

// Real child processes writing the cache through the built package (turbo builds before tests).
const writer = fileURLToPath(new URL('./__fixtures__/cache-writer.mjs', import.meta.url));
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const base = 'http://127.0.0.1:8000/v1';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-crash-'));
  dirs.push(dir);
  return dir;
}

function start(dir: string, id: number, count: number | 'forever'): ChildProcess {
  return fork(writer, [dir, String(id), String(count)], {
    cwd: packageRoot,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** A read is acceptable only as "missing" or a complete entry written by one of the writers (never partial). */
function assertWhole(read: LiveCacheRead): 'missing' | 'entry' {
  if (read.state === 'missing') return 'missing';
  expect(read.state, read.state === 'corrupt' ? read.reason : '').not.toBe('corrupt');
  if (read.state === 'corrupt') return 'missing';
  const { records } = read.entry;
  expect(records).toHaveLength(20);
  const generation = /^w(\d+)-g(\d+)-m0$/.exec(records[0]?.id ?? '');
  expect(generation).not.toBeNull();
  // All 20 records come from the same write.
  for (const [index, record] of records.entries())
    expect(record.id).toBe(`w${generation?.[1]}-g${generation?.[2]}-m${index}`);
  return 'entry';
}

describe('live cache under crashes and concurrency', () => {
  it('survives 200 writers killed with SIGKILL at random moments: every read is the old or the new whole entry', async () => {
    const dir = tempDir();
    const cache = createLiveCache({ dir });
    const outcomes = { missing: 0, entry: 0, killedMidRun: 0 };
    for (let trial = 0; trial < 200; trial++) {
      const child = start(dir, trial, 'forever');
      // Wait for its first complete write (process start-up varies), then kill at a random moment of the writes after it.
      await new Promise((resolve) => child.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
      child.kill('SIGKILL');
      await exited(child);
      if (child.signalCode === 'SIGKILL') outcomes.killedMidRun++;
      outcomes[assertWhole(cache.read('vllm', base))]++;
    }
    expect(outcomes.killedMidRun).toBe(200);
    // Every trial found a complete entry (this writer's or an earlier one's); none found a partial one.
    expect(outcomes.entry).toBe(200);
    // The next write works whatever the killed writers left behind (temp files are swept once they are old).
    await cache.write({ providerId: 'vllm', baseUrl: base, records: [{ id: 'after' }], source: 's' });
    expect(cache.read('vllm', base)).toMatchObject({ state: 'fresh', entry: { records: [{ id: 'after' }] } });
    // 200 Node start-ups one after another: about 2 minutes on a loaded 2-core machine, 3 once with CI and mutation
    // testing sharing it. The deadline only has to stop a hang (as the ledger's crash test's does).
  }, 600_000);

  it('8 concurrent writers in a loop, with a reader polling: never a partial read', async () => {
    const dir = tempDir();
    const cache = createLiveCache({ dir });
    const children = Array.from({ length: 8 }, (_, id) => start(dir, id, 25));
    const done = Promise.all(children.map(exited));
    let running = true;
    void done.then(() => {
      running = false;
    });
    let reads = 0;
    while (running) {
      assertWhole(cache.read('vllm', base));
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual(Array(8).fill(0));
    expect(assertWhole(cache.read('vllm', base))).toBe('entry');
    expect(reads).toBeGreaterThan(10);
  }, 120_000);
});
