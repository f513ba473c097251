import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigLockTimeoutError, withConfigFileLock } from './config-file-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withConfigFileLock', () => {
  it('runs tasks on one file one after another, and removes its lock file', async () => {
    /** @see issue 13 item 13 */
    const file = join(dir, 'config.toml');
    const order: string[] = [];
    const task = (name: string) =>
      withConfigFileLock(file, async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`${name}:end`);
      });
    await Promise.all([task('a'), task('b'), task('c')]);
    expect(order.join(' ')).toMatch(/^(\w):start \1:end (\w):start \2:end (\w):start \3:end$/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('recovers a lock left by a writer that died, or one too old; waits out a live one', async () => {
    /** @see issue 13 item 13 */
    const file = join(dir, 'config.toml');
    writeFileSync(`${file}.lock`, '4194303\n');
    await expect(withConfigFileLock(file, async () => 'dead pid recovered', { waitMs: 2000 })).resolves.toBe(
      'dead pid recovered',
    );
    writeFileSync(`${file}.lock`, '');
    utimesSync(`${file}.lock`, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    await expect(withConfigFileLock(file, async () => 'old lock recovered', { waitMs: 2000 })).resolves.toBe(
      'old lock recovered',
    );
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${file}.lock`, `${holder.pid}\n`);
      await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 300 })).rejects.toBeInstanceOf(
        ConfigLockTimeoutError,
      );
      expect(existsSync(`${file}.lock`)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
