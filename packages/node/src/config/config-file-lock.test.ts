import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigLockTimeoutError, configWriteTarget, withConfigFileLock } from './config-file-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-lock-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The fs/promises module the lock uses (fetched with process.getBuiltinModule), to watch or interpose on its calls. */
const fsPromises = process.getBuiltinModule('node:fs/promises');

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

describe('withConfigFileLock: what a holder and a waiter see', () => {
  it('holds a 0600 lock file with its pid while the task runs, and removes it after a failure', async () => {
    const file = join(dir, 'config.toml');
    const seen = await withConfigFileLock(file, async () => ({
      text: readFileSync(`${file}.lock`, 'utf8'),
      mode: statSync(`${file}.lock`).mode & 0o777,
    }));
    expect(seen).toStrictEqual({ text: `${process.pid}\n`, mode: 0o600 });
    await expect(
      withConfigFileLock(file, async () => {
        throw new Error('task failed');
      }),
    ).rejects.toThrowError('task failed');
    expect(existsSync(`${file}.lock`)).toBe(false);
    await expect(withConfigFileLock(file, async () => 'next writer', { waitMs: 2000 })).resolves.toBe('next writer');
  });

  it('times out with CONFIG_LOCK_TIMEOUT naming the lock file and the fix', async () => {
    const file = join(dir, 'config.toml');
    // Our own pid: a live writer.
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    const error = await withConfigFileLock(file, async () => 'ran', { waitMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigLockTimeoutError);
    expect(error).toMatchObject({
      name: 'ConfigLockTimeoutError',
      code: 'CONFIG_LOCK_TIMEOUT',
      lockPath: `${file}.lock`,
      message: `Another process kept ${file}.lock locked. If no other CodeWhale process is running, remove that file.`,
    });
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('never takes over a fresh lock without a valid pid (one being written), however its content reads', async () => {
    const file = join(dir, 'config.toml');
    for (const content of ['', '-4194303\n', '0\n']) {
      writeFileSync(`${file}.lock`, content);
      await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 200 })).rejects.toBeInstanceOf(
        ConfigLockTimeoutError,
      );
      expect(readFileSync(`${file}.lock`, 'utf8')).toBe(content);
    }
  });

  it('gives up after waitMs even when the lock is freed a little later', async () => {
    const file = join(dir, 'config.toml');
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    // Freed long after the 200 ms wait is over (a waiter that waited 10 s instead would get it).
    const release = setTimeout(() => rmSync(`${file}.lock`, { force: true }), 5000);
    try {
      await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 200 })).rejects.toBeInstanceOf(
        ConfigLockTimeoutError,
      );
    } finally {
      clearTimeout(release);
    }
  });

  it('waits with backoff, not by spinning on the lock file', async () => {
    const file = join(dir, 'config.toml');
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    const stat = vi.spyOn(fsPromises, 'stat');
    await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 400 })).rejects.toBeInstanceOf(
      ConfigLockTimeoutError,
    );
    // Backoff from 5 ms up to 100 ms: about ten looks in 400 ms; a spinning waiter makes hundreds.
    expect(stat.mock.calls.length).toBeGreaterThan(0);
    expect(stat.mock.calls.length).toBeLessThan(60);
  });

  it('fails at once with the error of a lock it cannot create (no such directory), not a lock timeout', async () => {
    const file = join(dir, 'missing', 'config.toml');
    await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 200 })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('waits on a lock it cannot examine (a dangling link at the lock path) instead of failing or removing it', async () => {
    if (process.platform === 'win32') return;
    const file = join(dir, 'config.toml');
    symlinkSync(join(dir, 'nowhere'), `${file}.lock`);
    await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 200 })).rejects.toBeInstanceOf(
      ConfigLockTimeoutError,
    );
  });

  it('closes its lock file handle every time', async () => {
    if (!existsSync('/proc/self/fd')) return;
    const file = join(dir, 'config.toml');
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let round = 0; round < 40; round++) await withConfigFileLock(file, async () => round);
    // A leak would leave 40 more descriptors open; allow a few opened by anything else meanwhile.
    expect(open() - before).toBeLessThan(10);
  });
});

describe('withConfigFileLock: a stale lock recovered by someone else meanwhile is left alone', () => {
  // Between finding a lock stale and removing it, another process may remove it and lock anew. These replace the lock
  // while the waiter reads the dead pid from it: the waiter must then see a new lock, and wait for it.
  const deadLock = (lock: string, mtime: Date) => {
    writeFileSync(lock, '4194303\n');
    utimesSync(lock, mtime, mtime);
  };
  const replaceWhileRead = (replace: () => void) => {
    const realReadFile = fsPromises.readFile;
    vi.spyOn(fsPromises, 'readFile').mockImplementationOnce((async (...args: Parameters<typeof realReadFile>) => {
      const text = await realReadFile(...args);
      replace();
      return text;
    }) as typeof realReadFile);
  };

  it('keeps a new lock file, even one with the same modification time', async () => {
    const file = join(dir, 'config.toml');
    const lock = `${file}.lock`;
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000);
    deadLock(lock, mtime);
    replaceWhileRead(() => {
      writeFileSync(`${lock}.new`, `${process.pid}\n`);
      utimesSync(`${lock}.new`, mtime, mtime);
      renameSync(`${lock}.new`, lock);
    });
    await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 300 })).rejects.toBeInstanceOf(
      ConfigLockTimeoutError,
    );
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('keeps the same lock file written anew (a reused inode)', async () => {
    const file = join(dir, 'config.toml');
    const lock = `${file}.lock`;
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000);
    deadLock(lock, mtime);
    replaceWhileRead(() => {
      writeFileSync(lock, `${process.pid}\n`);
      utimesSync(lock, new Date(mtime.getTime() + 1000), new Date(mtime.getTime() + 1000));
    });
    await expect(withConfigFileLock(file, async () => 'ran', { waitMs: 300 })).rejects.toBeInstanceOf(
      ConfigLockTimeoutError,
    );
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('configWriteTarget', () => {
  it('follows links, reports a dangling one, and leaves a path it cannot resolve (a link loop) to the read', async () => {
    if (process.platform === 'win32') return;
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'config.toml'), '');
    symlinkSync(join(dir, 'real'), join(dir, 'linked'));
    await expect(configWriteTarget(join(dir, 'linked', 'config.toml'))).resolves.toStrictEqual({
      path: join(dir, 'real', 'config.toml'),
    });
    await expect(configWriteTarget(join(dir, 'linked', 'new.toml'))).resolves.toStrictEqual({
      path: join(dir, 'real', 'new.toml'),
    });
    symlinkSync(join(dir, 'nowhere.toml'), join(dir, 'dangling.toml'));
    await expect(configWriteTarget(join(dir, 'dangling.toml'))).resolves.toStrictEqual({
      danglingLink: join(dir, 'dangling.toml'),
      linkTarget: join(dir, 'nowhere.toml'),
    });
    symlinkSync(join(dir, 'loop.toml'), join(dir, 'loop.toml'));
    await expect(configWriteTarget(join(dir, 'loop.toml'))).resolves.toStrictEqual({ path: join(dir, 'loop.toml') });
  });
});
