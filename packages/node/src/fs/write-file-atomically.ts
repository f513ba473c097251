import { nodeCrypto, nodeFsPromises } from '../lazy-builtins.js';
import { basename, dirname, join } from 'node:path';

/** Options of {@link writeFileAtomically}. */
export interface AtomicWriteOptions {
  /** File mode of the result (default 0600: these files may hold user settings). */
  readonly mode?: number;
  /** Asked just before the rename; `false` abandons the write (e.g. the target changed since it was read). */
  readonly beforeRename?: () => boolean | Promise<boolean>;
}

/**
 * Write `text` to `target` so that readers see the old or the new file, never a mix: a temp file in the same directory
 * (`.<name>.<pid>.<uuid>.tmp`), fsync, rename over the target, fsync the directory. The temp file is removed on any
 * failure. Returns `false` when `beforeRename` abandoned the write.
 */
export async function writeFileAtomically(target: string, text: string, options: AtomicWriteOptions = {}): Promise<boolean> {
  const mode = options.mode ?? 0o600;
  const directory = dirname(target);
  const { open, rename, unlink } = nodeFsPromises();
  const temp = join(directory, `.${basename(target)}.${process.pid}.${nodeCrypto().randomUUID()}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    // The umask may have narrowed the mode given to open(): set it exactly.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    if (options.beforeRename && !(await options.beforeRename())) {
      await unlink(temp).catch(() => undefined);
      return false;
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const directoryHandle = await open(directory, 'r').catch(() => undefined);
  if (directoryHandle) {
    await directoryHandle.sync().catch(() => undefined);
    await directoryHandle.close();
  }
  return true;
}
