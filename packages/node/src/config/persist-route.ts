import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CodewhaleError, type PersistRoute, type ReadyRouteCandidate, type Registry } from '@codewhale/core';
import { parse, TomlError } from 'smol-toml';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { editTomlText, PersistLayoutError, type TomlSet } from './persist-toml-edit.js';

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
    return CodewhaleError.isInstance(value) && (Object.values(PERSIST_ROUTE_ERROR_CODES) as string[]).includes(value.code);
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
  /** How often to redo the edit when another writer changes the file meanwhile (default 3). */
  readonly attempts?: number;
}

type TomlTable = Record<string, unknown>;

const isTable = (value: unknown): value is TomlTable => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function deepEqual(left: unknown, right: unknown): boolean {
  if (left instanceof Date || right instanceof Date) return left instanceof Date && right instanceof Date && left.constructor === right.constructor && left.toISOString() === right.toISOString();
  if (Array.isArray(left) || Array.isArray(right)) return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, index) => deepEqual(item, right[index]));
  if (isTable(left) && isTable(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
  }
  return Object.is(left, right);
}

/** Parse TOML; a syntax error reports only where it is (smol-toml's message quotes the line, which may hold a key). */
function parseConfig(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    // No `cause`: the parser's message and fields quote the offending line, which may hold a credential.
    throw new PersistRouteError(PERSIST_ROUTE_ERROR_CODES.CONFIG_INVALID, file, `Could not save the route: ${file} is not valid TOML${where}. Fix the file (or move it away) and switch again; nothing was written.`);
  }
}

/** The `[providers.<key>]` key to write: an existing table of this provider (config key, id or alias), else its config key or id. */
function tableKeyFor(config: TomlTable, candidate: ReadyRouteCandidate, registry: Registry | undefined): string {
  const descriptor = registry?.findProvider(candidate.provider.id)?.descriptor;
  const preferred = descriptor?.configKey ?? candidate.provider.id;
  const keys = [preferred, candidate.provider.id, ...(descriptor?.aliases ?? [])];
  const tables = isTable(config.providers) ? config.providers : {};
  return keys.find((key) => Object.hasOwn(tables, key)) ?? preferred;
}

/** The assignments a switch needs: root `provider` unless it already names this provider, and the table's model. */
function plannedSets(config: TomlTable, candidate: ReadyRouteCandidate, options: PersistRouteOptions): TomlSet[] {
  const providerId = candidate.provider.id;
  const saved = typeof config.provider === 'string' ? config.provider : undefined;
  const sameProvider = saved !== undefined && (saved === providerId || options.registry?.findProvider(saved)?.id === providerId);
  const sets: TomlSet[] = sameProvider ? [] : [{ path: ['provider'], value: providerId }];
  if (!options.fromAuto) {
    const key = tableKeyFor(config, candidate, options.registry);
    const table = isTable(config.providers) && isTable(config.providers[key]) ? config.providers[key] : undefined;
    if (table?.model !== candidate.wireModelId) sets.push({ path: ['providers', key, 'model'], value: candidate.wireModelId });
  }
  return sets;
}

/** A copy of the tables and arrays of a parsed config (dates are kept as they are: structuredClone would drop TomlDate). */
function cloneTables<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTables) as T;
  if (isTable(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneTables(item)])) as T;
  return value;
}

/** What the parsed config must equal after the edit: the original with exactly the planned keys set. */
function expectedAfter(config: TomlTable, sets: readonly TomlSet[]): TomlTable {
  const copy = cloneTables(config);
  for (const set of sets) {
    let table: TomlTable = copy;
    for (const segment of set.path.slice(0, -1)) {
      if (!isTable(table[segment])) table[segment] = {};
      table = table[segment] as TomlTable;
    }
    table[set.path.at(-1) as string] = set.value;
  }
  return copy;
}

async function readConfig(file: string): Promise<{ text: string; mode: number | undefined }> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { text, mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', mode: undefined };
    throw error;
  }
}

async function currentText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The edited text of a config for a switch, or `undefined` when it already says so. Pure (no I/O); throws
 * {@link PersistRouteError} when the text does not parse or cannot be edited to exactly the intended change.
 * @internal
 */
export function editRouteSwitch(original: string, file: string, candidate: ReadyRouteCandidate, options: PersistRouteOptions): string | undefined {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = original.slice(bom.length);
  const config = parseConfig(text, file);
  const sets = plannedSets(config, candidate, options);
  if (sets.length === 0) return undefined;
  let edited: string;
  try {
    edited = editTomlText(text, sets);
  } catch (error) {
    const reason = error instanceof PersistLayoutError ? error.reason : 'the file has a layout this editor does not handle';
    throw new PersistRouteError(PERSIST_ROUTE_ERROR_CODES.LAYOUT_UNSUPPORTED, file, `Could not save the route to ${file}: ${reason}. Nothing was written.`);
  }
  let after: TomlTable | undefined;
  try {
    after = parse(edited) as TomlTable;
  } catch {
    after = undefined;
  }
  if (!after || !deepEqual(after, expectedAfter(config, sets))) {
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
export function persistRouteSwitch(configPath: string, candidate: ReadyRouteCandidate, options: PersistRouteOptions): Promise<void> {
  // Queued by the path as given, synchronously, so saves through one path apply in call order.
  return serialised(resolve(configPath), async () => persistTo(await realpath(configPath).catch(() => resolve(configPath)), candidate, options));
}

async function persistTo(file: string, candidate: ReadyRouteCandidate, options: PersistRouteOptions): Promise<void> {
  const attempts = Math.max(1, options.attempts ?? 3);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    let read: { text: string; mode: number | undefined };
    try {
      read = await readConfig(file);
    } catch (error) {
      throw new PersistRouteError(PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED, file, `Could not save the route: ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: error });
    }
    const edited = editRouteSwitch(read.text, file, candidate, options);
    if (edited === undefined) return;
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      // Another writer (an editor, a second host) changed the file since it was read: redo the edit on its version.
      const expected = read.mode === undefined ? undefined : read.text;
      if (await writeFileAtomically(file, edited, { mode: read.mode ?? 0o600, beforeRename: async () => (await currentText(file)) === expected })) return;
    } catch (error) {
      throw new PersistRouteError(PERSIST_ROUTE_ERROR_CODES.WRITE_FAILED, file, `Could not save the route to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). The file is unchanged.`, { cause: error });
    }
  }
  throw new PersistRouteError(PERSIST_ROUTE_ERROR_CODES.CONCURRENT_EDIT, file, `Could not save the route: ${file} kept changing while it was being saved. Nothing was written; switch again.`);
}

/**
 * A session `persist` hook that saves switches to one config file with {@link persistRouteSwitch}.
 * @example
 * const persist = createRoutePersister(resolveConfigPath().path, { registry });
 * await session.switchTo({ provider: 'together' }, { buildClient, persist });
 */
export function createRoutePersister(configPath: string, options: Omit<PersistRouteOptions, 'fromAuto'> = {}): PersistRoute {
  return (candidate, { fromAuto }) => persistRouteSwitch(configPath, candidate, { ...options, fromAuto });
}
