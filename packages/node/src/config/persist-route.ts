import { resolve } from 'node:path';
import {
  CodewhaleError,
  findProviderConfigKey,
  type PersistRoute,
  type ReadyRouteCandidate,
  type Registry,
  type UserConfig,
} from '@codewhale/core';
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from './config-error.js';
import { configWriteTarget } from './config-file-lock.js';
import { CONFIG_MAX_DEPTH, configShapeProblem, isForbiddenKeySegment } from './config-shape.js';
import { editTomlText, PersistLayoutError, type TomlSet } from './persist-toml-edit.js';
import {
  ConfigContentionError,
  CONFIG_EDIT_ATTEMPTS,
  rewriteConfigFile,
  sameTomlValue,
} from './rewrite-config-file.js';

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

type TomlTable = Record<string, unknown>;

const isTable = (value: unknown): value is TomlTable =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Parse TOML; a syntax error reports only where it is (smol-toml's message quotes the line, which may hold a key). */
function parseConfig(text: string, file: string): TomlTable {
  let parsed: TomlTable;
  try {
    parsed = parse(text) as TomlTable;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    // No `cause`: the parser's message and fields quote the offending line, which may hold a credential.
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.CONFIG_INVALID,
      file,
      `Could not save the route: ${file} is not valid TOML${where}. Fix the file (or move it away) and switch again; nothing was written.`,
    );
  }
  // Before the copies and comparisons walk it: a 50,000-segment dotted key is 50,000 nested tables.
  if (configShapeProblem(parsed)?.kind === 'too-deep') {
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.CONFIG_INVALID,
      file,
      `Could not save the route: ${file} nests deeper than ${CONFIG_MAX_DEPTH} tables, arrays or dotted-key segments. Fix the file and switch again; nothing was written.`,
    );
  }
  return parsed;
}

/** The `[providers.<key>]` key to write: an existing table of this provider (config key, id or alias), else its config key or id. */
function tableKeyFor(config: TomlTable, candidate: ReadyRouteCandidate, registry: Registry | undefined): string {
  const descriptor = registry?.findProvider(candidate.provider.id)?.descriptor;
  const preferred = descriptor?.configKey ?? candidate.provider.id;
  const providers = isTable(config.providers) ? (config.providers as UserConfig['providers']) : undefined;
  // The table the resolver reads for this provider (names folded as users type them), else a new one under its key.
  return findProviderConfigKey({ providers }, { descriptor: descriptor ?? { id: candidate.provider.id } }) ?? preferred;
}

/** The assignments a switch needs: root `provider` unless it already names this provider, and the table's model. */
function plannedSets(config: TomlTable, candidate: ReadyRouteCandidate, options: PersistRouteOptions): TomlSet[] {
  const providerId = candidate.provider.id;
  const saved = typeof config.provider === 'string' ? config.provider : undefined;
  const sameProvider =
    saved !== undefined && (saved === providerId || options.registry?.findProvider(saved)?.id === providerId);
  const sets: TomlSet[] = sameProvider ? [] : [{ path: ['provider'], value: providerId }];
  if (!options.fromAuto) {
    const key = tableKeyFor(config, candidate, options.registry);
    const table = isTable(config.providers) && isTable(config.providers[key]) ? config.providers[key] : undefined;
    if (table?.model !== candidate.wireModelId)
      sets.push({ path: ['providers', key, 'model'], value: candidate.wireModelId });
  }
  return sets;
}

/** A copy of the tables and arrays of a parsed config (dates are kept as they are: structuredClone would drop TomlDate). */
function cloneTables<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTables) as T;
  if (isTable(value))
    return Object.assign(
      Object.create(null) as object,
      Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneTables(item)])),
    ) as T;
  return value;
}

/** What the parsed config must equal after the edit: the original with exactly the planned keys set. */
function expectedAfter(config: TomlTable, sets: readonly TomlSet[]): TomlTable {
  const copy = cloneTables(config);
  for (const set of sets) {
    let table: TomlTable = copy;
    for (const segment of set.path.slice(0, -1)) {
      if (!Object.hasOwn(table, segment) || !isTable(table[segment])) table[segment] = Object.create(null);
      table = table[segment] as TomlTable;
    }
    table[set.path.at(-1) as string] = set.value;
  }
  return copy;
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
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = original.slice(bom.length);
  const config = parseConfig(text, file);
  const sets = plannedSets(config, candidate, options);
  if (sets.length === 0) return undefined;
  const reserved = sets.flatMap((set) => set.path).find(isForbiddenKeySegment);
  if (reserved !== undefined)
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
      file,
      `Could not save the route to ${file}: "${reserved}" is a reserved name, never a config key. Nothing was written.`,
    );
  let edited: string;
  try {
    edited = editTomlText(text, sets);
  } catch (error) {
    const reason =
      error instanceof PersistLayoutError ? error.reason : 'the file has a layout this editor does not handle';
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
      file,
      `Could not save the route to ${file}: ${reason}. Nothing was written.`,
    );
  }
  let after: TomlTable | undefined;
  try {
    after = parse(edited) as TomlTable;
  } catch {
    after = undefined;
  }
  if (!after || !sameTomlValue(after, expectedAfter(config, sets))) {
    throw new PersistRouteError(
      PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED,
      file,
      `Could not save the route to ${file}: editing it in place would change more than provider and [providers.${candidate.provider.id}] model. Nothing was written; set them by hand.`,
    );
  }
  return bom + edited;
}

/** Saves through one path run one after another in this process (other writers are caught by the check before rename). */
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
 * Save a route the user switched to, as the smallest provider-qualified change to their TOML config:
 * `[providers.<id>] model = "<wire id>"` and the root `provider = "<id>"`. The root `model` is never touched (other
 * providers would inherit it), and nothing is written for a model `auto` chose (`fromAuto`: only the provider is
 * saved). Keys already holding these values are left alone; when nothing changes, nothing is written.
 *
 * The edit is made on the text: comments, formatting, key order and unknown keys stay byte-for-byte, and the result
 * is parsed again and compared with the original to prove that only the intended keys changed. The file is replaced
 * atomically (temp file in the same directory, fsync, rename; permissions kept; a symlink's target is edited). A
 * missing file is created (mode 0600). Throws {@link PersistRouteError}; the file is then unchanged.
 * @example
 * await persistRouteSwitch('/home/me/.config/codewhale/config.toml', candidate, { fromAuto: candidate.fromAuto });
 */
export function persistRouteSwitch(
  configPath: string,
  candidate: ReadyRouteCandidate,
  options: PersistRouteOptions,
): Promise<void> {
  // Queued by the path as given, synchronously, so saves through one path apply in call order.
  return serialised(resolve(configPath), async () => {
    const where = await configWriteTarget(configPath);
    if ('danglingLink' in where) {
      throw new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED,
        where.danglingLink,
        `Could not save the route: ${where.danglingLink} is a symbolic link to ${where.linkTarget}, which does not exist. Create that file (saves follow the link) or remove the link; nothing was written.`,
      );
    }
    return persistTo(where.path, candidate, options);
  });
}

async function persistTo(file: string, candidate: ReadyRouteCandidate, options: PersistRouteOptions): Promise<void> {
  try {
    // The one write path of the config file (the same lock and compare-before-rename as setConfigValue), so neither
    // writer undoes the other.
    await rewriteConfigFile(
      file,
      (text) => editRouteSwitch(text, file, candidate, options),
      options.attempts ?? CONFIG_EDIT_ATTEMPTS,
    );
  } catch (error) {
    if (PersistRouteError.isInstance(error)) throw error;
    if (error instanceof ConfigContentionError) {
      const why =
        error.reason === 'locked'
          ? `another process kept ${file} locked (${error.lockPath})`
          : `${file} kept changing while it was being saved`;
      throw new PersistRouteError(
        PERSIST_ROUTE_ERROR_CODES.CONCURRENT_EDIT,
        file,
        `Could not save the route: ${why}. Nothing was written; switch again.`,
      );
    }
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
