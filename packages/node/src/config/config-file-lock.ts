import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { CodewhaleError } from '@codewhale/core';
import { nodeFsPromises } from '../lazy-builtins.js';
import { processAlive } from '../fs/process-alive.js';

/** Options of {@link withConfigFileLock}. */
export interface ConfigFileLockOptions {
  /** Give up waiting for another writer after this long (default 10 s). */
  readonly waitMs?: number;
  /** A lock file older than this is from a writer that died (default 30 s; a config write takes milliseconds). */
  readonly staleMs?: number;
}

/** Thrown by {@link withConfigFileLock} (code `CONFIG_LOCK_TIMEOUT`) when another writer held the lock for the whole wait. */
export class ConfigLockTimeoutError extends CodewhaleError {
  /** The lock file (`<config file>.lock`). */
  readonly lockPath: string;

  constructor(lockPath: string) {
    super(
      'CONFIG_LOCK_TIMEOUT',
      `Another process kept ${lockPath} locked. If no other CodeWhale process is running, remove that file.`,
    );
    this.name = 'ConfigLockTimeoutError';
    this.lockPath = lockPath;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run `task` holding the cross-process lock of a config file: `<file>.lock`, created with O_EXCL (mode 0600) and
 * holding the writer's pid. Every writer of the config file (`setConfigValue`, `persistRouteSwitch`) takes it, so edits
 * made at the same moment by several processes apply one after another instead of overwriting each other. A lock left
 * by a writer that died (its pid is gone, or the file is older than `staleMs`) is removed. Throws
 * {@link ConfigLockTimeoutError} after `waitMs`.
 */
export async function withConfigFileLock<T>(
  file: string,
  task: () => Promise<T>,
  options: ConfigFileLockOptions = {},
): Promise<T> {
  const { open, readFile, stat, unlink } = nodeFsPromises();
  const lockPath = `${file}.lock`;
  const waitMs = options.waitMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(lockPath, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (handle) {
      try {
        await handle.writeFile(`${process.pid}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      try {
        return await task();
      } finally {
        await unlink(lockPath).catch(() => undefined);
      }
    }
    // Held by someone: remove it when its writer is gone, else wait and try again.
    const before = await stat(lockPath).catch(() => undefined);
    if (before) {
      const pid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      // A lock with no pid yet is being written: only its age can make it stale.
      const dead =
        (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) ||
        Date.now() - before.mtimeMs > staleMs;
      if (dead) {
        // Remove it only if it is still the same lock file (another process may have recovered it and locked anew).
        const now = await stat(lockPath).catch(() => undefined);
        if (now && now.ino === before.ino && now.mtimeMs === before.mtimeMs)
          await unlink(lockPath).catch(() => undefined);
        continue;
      }
    }
    if (Date.now() >= deadline) throw new ConfigLockTimeoutError(lockPath);
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
}

/** Where a write to a config path goes: the real file (symlinks followed), or the link and its missing target. */
export type ConfigWriteTarget =
  | { readonly path: string }
  | { readonly danglingLink: string; readonly linkTarget: string };

/**
 * The file a config write replaces: the path with symlinks followed (so a symlinked config stays a symlink and its
 * target is edited). A symlink whose target does not exist is reported, not replaced by a regular file: the caller
 * refuses it (the user decides whether to create the target or remove the link).
 */
export async function configWriteTarget(path: string): Promise<ConfigWriteTarget> {
  const { lstat, readlink, realpath } = nodeFsPromises();
  const absolute = resolvePath(path);
  try {
    return { path: await realpath(absolute) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { path: absolute };
  }
  const info = await lstat(absolute).catch(() => undefined);
  if (info?.isSymbolicLink()) return { danglingLink: absolute, linkTarget: await readlink(absolute).catch(() => '?') };
  // The file does not exist; its directory may be a symlink: write through the directory's real path.
  const parent = await realpath(dirname(absolute)).catch(() => dirname(absolute));
  return { path: join(parent, basename(absolute)) };
}
