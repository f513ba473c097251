import { dirname } from 'node:path';
import { nodeFsPromises } from '../lazy-builtins.js';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { ConfigLockTimeoutError, withConfigFileLock } from './config-file-lock.js';
import { readConfigFile } from './read-config-file.js';

/** How often a config writer redoes its edit when a writer that takes no lock (an editor) changes the file meanwhile. */
export const CONFIG_EDIT_ATTEMPTS = 5;

/** What {@link rewriteConfigFile} did. */
export type RewriteOutcome = { readonly kind: 'unchanged' } | { readonly kind: 'written'; readonly created: boolean };

/** A writer lost: another process held the lock for the whole wait, or the file kept changing under every attempt. */
export class ConfigContentionError extends Error {
  constructor(
    readonly reason: 'locked' | 'changing',
    readonly lockPath: string,
  ) {
    super(
      reason === 'locked'
        ? `Another process kept ${lockPath} locked.`
        : 'The file kept changing while it was being edited.',
    );
    this.name = 'ConfigContentionError';
  }
}

/**
 * The one write path of the config file, for every writer (`setConfigValue`, `persistRouteSwitch`): take the file's
 * cross-process lock, read it (with the size and file-type limits), let `edit` compute the new text (`undefined`: no
 * change), and replace the file atomically only if it still holds what was read (a writer that takes no lock, such as an
 * editor, may have changed it); else redo the edit on the new text, up to `attempts` times (default {@link CONFIG_EDIT_ATTEMPTS}). The
 * directory is created (0700) and a new file gets mode 0600; an existing file keeps its mode. Errors of `edit`, of the
 * read and of the write propagate unchanged; losing throws {@link ConfigContentionError}. `target` must be the real path
 * (symlinks resolved), so every writer locks the same file.
 */
export async function rewriteConfigFile(
  target: string,
  edit: (text: string) => string | undefined,
  attempts = CONFIG_EDIT_ATTEMPTS,
): Promise<RewriteOutcome> {
  const { mkdir, readFile } = nodeFsPromises();
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const lockPath = `${target}.lock`;
  let outcome: RewriteOutcome | undefined;
  try {
    outcome = await withConfigFileLock(target, async () => {
      for (let attempt = 0; attempt < Math.max(1, attempts); attempt++) {
        const read = readConfigFile(target);
        const after = edit(read?.text ?? '');
        if (after === undefined) return { kind: 'unchanged' } as const;
        const unchangedSince = async () => (await readFile(target, 'utf8').catch(() => undefined)) === read?.text;
        if (await writeFileAtomically(target, after, { mode: read?.mode ?? 0o600, beforeRename: unchangedSince }))
          return { kind: 'written', created: read === undefined } as const;
      }
      return undefined;
    });
  } catch (error) {
    if (error instanceof ConfigLockTimeoutError) throw new ConfigContentionError('locked', lockPath);
    throw error;
  }
  if (!outcome) throw new ConfigContentionError('changing', lockPath);
  return outcome;
}

/** Equality of parsed TOML values: tables by own keys (any order), arrays in order, dates by class and instant. */
export function sameTomlValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date || right instanceof Date)
    return (
      left instanceof Date &&
      right instanceof Date &&
      left.constructor === right.constructor &&
      left.toISOString() === right.toISOString()
    );
  if (Array.isArray(left) || Array.isArray(right))
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameTomlValue(item, right[index]))
    );
  const isTable = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  if (isTable(left) && isTable(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && sameTomlValue(left[key], right[key]))
    );
  }
  return Object.is(left, right);
}
