import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BIN, createSandbox } from '../test-utils/cli-harness.js';
import { EXIT_CODES } from './exit-codes.js';

const writes = vi.hoisted(() => ({ failWith: undefined as string | undefined, calls: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (_fd: number, buffer: Uint8Array, offset?: number) => {
      writes.calls++;
      if (writes.failWith && writes.calls === 2)
        throw Object.assign(new Error(writes.failWith), { code: writes.failWith });
      // Short writes (at most 3 bytes per call, to /dev/null), so the loop has to carry on from the offset.
      return Math.min(3, buffer.length - (offset ?? 0));
    },
  };
});

const { writeText } = await import('./stdio.js');
const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());
afterEach(() => {
  writes.failWith = undefined;
  writes.calls = 0;
  vi.restoreAllMocks();
});

describe('writeText', () => {
  it('writes everything, carrying on after short writes', () => {
    writeText(1, 'hello world\n');
    expect(writes.calls).toBe(4);
  });

  it('hands the rest to the stream when the descriptor would block, and keeps using it (order is kept)', () => {
    const streamed: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString());
      return true;
    });
    writes.failWith = 'EAGAIN';
    writeText(2, 'abcdefgh');
    writeText(2, 'next');
    expect(streamed).toEqual(['defgh', 'next']);
  });
});

describe('the binary on closed and redirected output', () => {
  it('exits 0, silently, when the reader of stdout goes away (codewhale-route models | true)', () => {
    // The reader exits first; the CLI starts writing only after that, so its first write meets a closed pipe.
    const script = `( sleep 0.3; exec "${process.execPath}" "${BIN}" models ) | true; echo "status=\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { env: sandbox.env(), encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(`status=${EXIT_CODES.ok}`);
    expect(run.stderr).toBe('');
  });

  it('writes the whole output to a file, without colour', () => {
    const file = join(sandbox.dir, 'models.txt');
    const fd = openSync(file, 'w');
    const run = spawnSync(process.execPath, [BIN, 'models'], { env: sandbox.env(), stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    expect(run.status).toBe(EXIT_CODES.ok);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(text).not.toContain('\u001b[');
  });
});
