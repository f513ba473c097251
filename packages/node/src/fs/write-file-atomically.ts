import { nodeCrypto, nodeFsPromises } from '../lazy-builtins.js';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './process-alive.js';

/** Options of {@link writeFileAtomically}. */
export interface AtomicWriteOptions {
  /** File mode of the result (default 0600: these files may hold user settings). */
  readonly mode?: number;
  /** Asked just before the rename; `false` abandons the write (e.g. the target changed since it was read). */
  readonly beforeRename?: () => boolean | Promise<boolean>;
  /**
   * Flush the file and its directory to disk before returning (default true). False for caches that readers check and
   * rebuild: after a power loss they may find the old file or an empty one, never a mix.
   */
  readonly durable?: boolean;
}

/** A temp file younger than this whose writer is still running is left alone by {@link sweepStaleTempFiles}. */
const STALE_TEMP_MS = 60_000;
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f-]{36}\.tmp$/;

/**
 * Remove temp files of `target` (`.<name>.<pid>.<uuid>.tmp`) left by writers that were killed mid-write: those whose
 * process is gone, and any older than a minute. Best effort; never throws. They may hold a whole config file, keys
 * included.
 */
export async function sweepStaleTempFiles(target: string, now = Date.now()): Promise<void> {
  const { readdir, stat, unlink } = nodeFsPromises();
  const directory = dirname(target);
  const name = basename(target);
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const file of names) {
    const match = TEMP_NAME.exec(file);
    if (!match || match[1] !== name) continue;
    const pid = Number(match[2]);
    const path = join(directory, file);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (now - info.mtimeMs > STALE_TEMP_MS || (pid !== process.pid && !processAlive(pid)))
      await unlink(path).catch(() => undefined);
  }
}

/**
 * Write `text` to `target` so that readers see the old or the new file, never a mix: a temp file in the same directory
 * (`.<name>.<pid>.<uuid>.tmp`, created 0600 whatever the final mode, since it may hold keys), fsync, rename over the
 * target, fsync the directory (both fsyncs only when `durable`). The temp file is removed on any failure, and stale temp files of killed writers are swept
 * after a successful write. Returns `false` when `beforeRename` abandoned the write.
 */
export async function writeFileAtomically(
  target: string,
  text: string,
  options: AtomicWriteOptions = {},
): Promise<boolean> {
  const mode = options.mode ?? 0o600;
  const durable = options.durable ?? true;
  const directory = dirname(target);
  const { open, rename, unlink } = nodeFsPromises();
  const temp = join(directory, `.${basename(target)}.${process.pid}.${nodeCrypto().randomUUID()}.tmp`);
  // The temp file stays 0600 until it is the target (it may hold keys, and a kill can leave it behind); the final
  // mode is set through the same descriptor right after the rename (the umask may also have narrowed it at open).
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    if (durable) await handle.sync();
    if (options.beforeRename && !(await options.beforeRename())) {
      await handle.close();
      await unlink(temp).catch(() => undefined);
      return false;
    }
    await rename(temp, target);
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  try {
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
  const directoryHandle = durable ? await open(directory, 'r').catch(() => undefined) : undefined;
  if (directoryHandle) {
    await directoryHandle.sync().catch(() => undefined);
    await directoryHandle.close();
  }
  await sweepStaleTempFiles(target);
  return true;
}
