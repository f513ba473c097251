import { dirname, resolve } from 'node:path';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { nodeFsPromises } from '../lazy-builtins.js';
import { ConfigLockTimeoutError, configWriteTarget, withConfigFileLock } from './config-file-lock.js';
import { readConfigFile } from './read-config-file.js';
import {
  ConfigRewriteError,
  type ConfigRewritePlan,
  rewriteConfigText,
  type TomlTable,
} from './rewrite-config-text.js';

/** How often a config writer redoes its edit when a writer that takes no lock (an editor) changes the file meanwhile. */
export const CONFIG_EDIT_ATTEMPTS = 5;

/** What {@link rewriteConfigFile} did to `path`, the file it edited (symlinks followed). */
export type RewriteOutcome =
  | { readonly kind: 'unchanged'; readonly path: string }
  | { readonly kind: 'written'; readonly path: string; readonly created: boolean };

/** Options of {@link rewriteConfigFile}. */
export interface RewriteConfigOptions {
  /** A writer's own check of the edited config (e.g. the schema) about to be written to `file`; it throws to write nothing. */
  readonly check?: (after: TomlTable, file: string) => void;
  /** How often to redo the edit when the file changes meanwhile (default {@link CONFIG_EDIT_ATTEMPTS}). */
  readonly attempts?: number;
}

/** Rewrites through one path run one after another in this process, in call order. */
const fileQueues = new Map<string, Promise<unknown>>();

function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = fileQueues.get(file) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  fileQueues.set(file, settled);
  void settled.then(() => {
    if (fileQueues.get(file) === settled) fileQueues.delete(file);
  });
  return run;
}

/**
 * The one read-modify-write path of the config file, for every writer (`setConfigValue`, `persistRouteSwitch`).
 * Rewrites through one path in this process run in call order (queued by the path as given, at the call); a symlink is
 * followed (its target is edited) and one whose target does not exist is refused. Then, holding the file's
 * cross-process lock (`<file>.lock`): read it (with the size and file-type limits), make the writer's `plan` into a
 * verified new text ({@link rewriteConfigText}: comments and layout kept, the result parsed again and compared with the
 * intent, then `options.check`), and replace the file atomically only if it still holds what was read (a writer that
 * takes no lock, such as an editor, may have changed it); else redo it all on the new text, up to `options.attempts`
 * times. The directory is created (0700) and a new file gets mode 0600; an existing file keeps its mode. Throws
 * {@link ConfigRewriteError} when it wrote nothing for one of its reasons; errors of the read, the write and `check`
 * propagate unchanged.
 */
export function rewriteConfigFile(
  path: string,
  plan: ConfigRewritePlan,
  options: RewriteConfigOptions = {},
): Promise<RewriteOutcome> {
  // Queued synchronously, by the path as given, so rewrites through one path apply in call order.
  return serialised(resolve(path), async () => {
    const where = await configWriteTarget(path);
    if ('danglingLink' in where)
      throw new ConfigRewriteError(
        { kind: 'dangling-link', link: where.danglingLink, linkTarget: where.linkTarget },
        where.danglingLink,
      );
    return rewriteTarget(where.path, plan, options);
  });
}

async function rewriteTarget(
  target: string,
  plan: ConfigRewritePlan,
  options: RewriteConfigOptions,
): Promise<RewriteOutcome> {
  const { mkdir, readFile } = nodeFsPromises();
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const lockPath = `${target}.lock`;
  let outcome: RewriteOutcome | undefined;
  try {
    outcome = await withConfigFileLock(target, async () => {
      for (let attempt = 0; attempt < Math.max(1, options.attempts ?? CONFIG_EDIT_ATTEMPTS); attempt++) {
        const read = readConfigFile(target);
        const check = options.check;
        const after = rewriteConfigText(read?.text ?? '', plan, check && ((config) => check(config, target)));
        if (after === undefined) return { kind: 'unchanged', path: target } as const;
        const unchangedSince = async () => (await readFile(target, 'utf8').catch(() => undefined)) === read?.text;
        if (await writeFileAtomically(target, after, { mode: read?.mode ?? 0o600, beforeRename: unchangedSince }))
          return { kind: 'written', path: target, created: read === undefined } as const;
      }
      return undefined;
    });
  } catch (error) {
    if (error instanceof ConfigLockTimeoutError) throw new ConfigRewriteError({ kind: 'locked', lockPath }, target);
    if (error instanceof ConfigRewriteError && error.file === undefined)
      throw new ConfigRewriteError(error.problem, target);
    throw error;
  }
  if (!outcome) throw new ConfigRewriteError({ kind: 'changing' }, target);
  return outcome;
}
