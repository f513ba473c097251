import { resolve } from 'node:path';
import {
  CodewhaleError,
  findProviderConfigKey,
  type PersistRoute,
  type ReadyRouteCandidate,
  type Registry,
  type UserConfig,
} from '@codewhale/core';
import { ConfigError } from './config-error.js';
import { configWriteTarget } from './config-file-lock.js';
import { CONFIG_MAX_DEPTH } from './config-shape.js';
import { CONFIG_EDIT_ATTEMPTS, rewriteConfigFile } from './rewrite-config-file.js';
import { ConfigRewriteError, isTomlTable, rewriteConfigText, type TomlTable } from './rewrite-config-text.js';
import type { TomlSet } from './toml-edit.js';

/** Stable codes of {@link PersistRouteError}. */
export const PERSIST_ROUTE_ERROR_CODES = {
  /** The config file is not valid TOML; nothing was written. */
  CONFIG_INVALID: 'PERSIST_CONFIG_INVALID',
  /** The file is laid out in a way the editor cannot change in place (e.g. an inline table); nothing was written. */
  LAYOUT_UNSUPPORTED: 'PERSIST_LAYOUT_UNSUPPORTED',
  /** Another writer kept changing the file while the switch was being saved; nothing was written. */
  CONCURRENT_EDIT: 'PERSIST_CONCURRENT_EDIT',
  /** Reading or writing the file failed (permissions, disk full...); the file is unchanged. */
  WRITE_FAILED: 'PERSIST_WRITE_FAILED',
} as const;

/** A stable code of {@link PersistRouteError}. */
export type PersistRouteErrorCode = (typeof PERSIST_ROUTE_ERROR_CODES)[keyof typeof PERSIST_ROUTE_ERROR_CODES];

/** Saving a route switch failed; the config file is exactly as it was. Messages name the file, never its contents. */
export class PersistRouteError extends CodewhaleError {
  /** The config file. */
  readonly file: string;

  constructor(code: PersistRouteErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PersistRouteError';
    this.file = file;
  }

  /** True for a {@link PersistRouteError} from any copy of this package. */
  static override isInstance(value: unknown): value is PersistRouteError {
    return (
      CodewhaleError.isInstance(value) && (Object.values(PERSIST_ROUTE_ERROR_CODES) as string[]).includes(value.code)
    );
  }
}

/** Options of {@link persistRouteSwitch}. */
export interface PersistRouteOptions {
  /** True when `auto` chose the model: only the provider is saved (`auto` is never written as a model). */
  readonly fromAuto: boolean;
  /**
   * The registry the candidate came from. With it, an existing table written under the provider's config key or an
   * alias (`[providers.nim]`) is edited instead of adding `[providers.nvidia-nim]`, and a root `provider` that already
   * names the provider by an alias is left alone. Without it, the provider id is used as written.
   */
  readonly registry?: Registry;
  /** How often to redo the edit when a writer that takes no lock (an editor) changes the file meanwhile (default 5, as every config writer). */
  readonly attempts?: number;
}

/** The `[providers.<key>]` key to write: an existing table of this provider (config key, id or alias), else its config key or id. */
function tableKeyFor(config: TomlTable, candidate: ReadyRouteCandidate, registry: Registry | undefined): string {
  const descriptor = registry?.findProvider(candidate.provider.id)?.descriptor;
  const preferred = descriptor?.configKey ?? candidate.provider.id;
  const providers = isTomlTable(config.providers) ? (config.providers as UserConfig['providers']) : undefined;
  // The table the resolver reads for this provider (names folded as users type them), else a new one under its key.
  return findProviderConfigKey({ providers }, { descriptor: descriptor ?? { id: candidate.provider.id } }) ?? preferred;
}

/**
 * The assignments a switch needs: root `provider` unless it already names this provider (by id or, with the registry,
 * an alias), and the table's model (the shared rewrite drops a key that already holds its value).
 */
function plannedSets(config: TomlTable, candidate: ReadyRouteCandidate, options: PersistRouteOptions): TomlSet[] {
  const providerId = candidate.provider.id;
  const saved = typeof config.provider === 'string' ? config.provider : undefined;
  const sameProvider =
    saved !== undefined && (saved === providerId || options.registry?.findProvider(saved)?.id === providerId);
  const sets: TomlSet[] = sameProvider ? [] : [{ path: ['provider'], value: providerId }];
  if (!options.fromAuto)
    sets.push({
      path: ['providers', tableKeyFor(config, candidate, options.registry), 'model'],
      value: candidate.wireModelId,
    });
  return sets;
}

/** The {@link PersistRouteError} of a rewrite that wrote nothing; messages name the file, never its contents. */
function persistError(error: ConfigRewriteError, file: string, candidate: ReadyRouteCandidate): PersistRouteError {
  const { problem } = error;
  switch (problem.kind) {
    case 'dangling-link':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED,
        problem.link,
        `Could not save the route: ${problem.link} is a symbolic link to ${problem.linkTarget}, which does not exist. Create that file (saves follow the link) or remove the link; nothing was written.`,
      );
    case 'locked':
    case 'changing':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.CONCURRENT_EDIT,
        file,
        `Could not save the route: ${problem.kind === 'locked' ? `another process kept ${file} locked (${problem.lockPath})` : `${file} kept changing while it was being saved`}. Nothing was written; switch again.`,
      );
    case 'invalid-toml':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.CONFIG_INVALID,
        file,
        `Could not save the route: ${file} is not valid TOML at line ${problem.line}, column ${problem.column}. Fix the file (or move it away) and switch again; nothing was written.`,
      );
    case 'too-deep':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.CONFIG_INVALID,
        file,
        `Could not save the route: ${file} nests deeper than ${CONFIG_MAX_DEPTH} tables, arrays or dotted-key segments. Fix the file and switch again; nothing was written.`,
      );
    case 'reserved-key':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
        file,
        `Could not save the route to ${file}: "${problem.segment}" is a reserved name, never a config key. Nothing was written.`,
      );
    case 'layout':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
        file,
        `Could not save the route to ${file}: ${problem.reason}. Nothing was written.`,
      );
    case 'unparsable':
    case 'unintended':
      return new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
        file,
        `Could not save the route to ${file}: editing it in place would change more than provider and [providers.${candidate.provider.id}] model. Nothing was written; set them by hand.`,
      );
  }
}

/**
 * The edited text of a config for a switch, or `undefined` when it already says so. Pure (no I/O); throws
 * {@link PersistRouteError} when the text does not parse or cannot be edited to exactly the intended change.
 * @internal
 */
export function editRouteSwitch(
  original: string,
  file: string,
  candidate: ReadyRouteCandidate,
  options: PersistRouteOptions,
): string | undefined {
  try {
    return rewriteConfigText(original, (config) => plannedSets(config, candidate, options));
  } catch (error) {
    if (error instanceof ConfigRewriteError) throw persistError(error, file, candidate);
    throw error;
  }
}

/**
 * Save a route the user switched to, as the smallest provider-qualified change to their TOML config:
 * `[providers.<id>] model = "<wire id>"` and the root `provider = "<id>"`. The root `model` is never touched (other
 * providers would inherit it), and nothing is written for a model `auto` chose (`fromAuto`: only the provider is
 * saved). Keys already holding these values are left alone; when nothing changes, nothing is written.
 *
 * The edit is made on the text: comments, formatting, key order and unknown keys stay byte-for-byte, and the result
 * is parsed again and compared with the original to prove that only the intended keys changed. The file is replaced
 * atomically (temp file in the same directory, fsync, rename; permissions kept; a symlink's target is edited) through
 * the one write path of the config file (the same in-process order, lock and compare-before-rename as
 * `setConfigValue`), so neither writer undoes the other. A missing file is created (mode 0600). Throws
 * {@link PersistRouteError}; the file is then unchanged.
 * @example
 * await persistRouteSwitch('/home/me/.config/codewhale/config.toml', candidate, { fromAuto: candidate.fromAuto });
 */
export async function persistRouteSwitch(
  configPath: string,
  candidate: ReadyRouteCandidate,
  options: PersistRouteOptions,
): Promise<void> {
  try {
    await rewriteConfigFile(configPath, (config) => plannedSets(config, candidate, options), {
      attempts: options.attempts ?? CONFIG_EDIT_ATTEMPTS,
    });
  } catch (error) {
    if (error instanceof ConfigRewriteError) throw persistError(error, error.file ?? resolve(configPath), candidate);
    // The file the write was for (symlinks followed), as the other messages name it.
    const where = await configWriteTarget(configPath).catch(() => undefined);
    const file = where && 'path' in where ? where.path : resolve(configPath);
    if (ConfigError.isInstance(error)) {
      // The read refused the file (too large, not a regular file, unreadable): its message names the file, never its contents.
      throw new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED,
        file,
        `Could not save the route: ${error.message.split('\n', 1)[0]}`,
        { cause: error },
      );
    }
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED,
      file,
      `Could not save the route to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). The file is unchanged.`,
      { cause: error },
    );
  }
}

/**
 * A session `persist` hook that saves switches to one config file with {@link persistRouteSwitch}.
 * @example
 * const persist = createRoutePersister(resolveConfigPath().path, { registry });
 * await session.switchTo({ provider: 'together' }, { buildClient, persist });
 */
export function createRoutePersister(
  configPath: string,
  options: Omit<PersistRouteOptions, 'fromAuto'> = {},
): PersistRoute {
  return (candidate, { fromAuto }) => persistRouteSwitch(configPath, candidate, { ...options, fromAuto });
}
