import { parse, TomlError } from 'smol-toml';
import { cloneWithoutPrototypes, configShapeProblem, isForbiddenKeySegment } from './config-shape.js';
import { editTomlText, TomlLayoutError, type TomlSet } from './toml-edit.js';

/** Why a config rewrite wrote nothing; each writer turns it into its own typed error (it never quotes the file). */
export type ConfigRewriteProblem =
  /** The path is a symbolic link whose target does not exist. */
  | { readonly kind: 'dangling-link'; readonly link: string; readonly linkTarget: string }
  /** Another process held the file's lock for the whole wait. */
  | { readonly kind: 'locked'; readonly lockPath: string }
  /** A writer that takes no lock (an editor) changed the file under every attempt. */
  | { readonly kind: 'changing' }
  /** The file is not valid TOML (the position only: the parser's message quotes the line, which may hold a key). */
  | { readonly kind: 'invalid-toml'; readonly line: number; readonly column: number }
  /** The file nests deeper than CONFIG_MAX_DEPTH. */
  | { readonly kind: 'too-deep' }
  /** A planned key uses `__proto__`, `constructor` or `prototype`. */
  | { readonly kind: 'reserved-key'; readonly segment: string }
  /** The editor cannot change the file in place (see {@link TomlLayoutError}). */
  | { readonly kind: 'layout'; readonly reason: string }
  /** The edited text does not parse. */
  | { readonly kind: 'unparsable' }
  /** The edited text parses to more (or other) than the intended change. */
  | { readonly kind: 'unintended' };

/** A config rewrite wrote nothing, for the reason in `problem`; `file` is the file it was editing, when known. */
export class ConfigRewriteError extends Error {
  constructor(
    readonly problem: ConfigRewriteProblem,
    readonly file?: string,
  ) {
    super(`The config file${file ? ` ${file}` : ''} was not rewritten (${problem.kind}).`);
    this.name = 'ConfigRewriteError';
  }
}

/** A parsed config file (tables without a prototype in what this module builds). */
export type TomlTable = Record<string, unknown>;

/** What a writer wants changed, from the config as it is now (re-read on every attempt). */
export type ConfigRewritePlan = (config: TomlTable) => readonly TomlSet[];

/** Equality of parsed TOML values: tables by own keys (any order), arrays in order, dates by class and instant. */
function sameTomlValue(left: unknown, right: unknown): boolean {
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
  const isObject = (value: unknown): value is TomlTable => typeof value === 'object' && value !== null;
  if (isObject(left) && isObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && sameTomlValue(left[key], right[key]))
    );
  }
  return Object.is(left, right);
}

/** True for a parsed TOML table (not an array, not a date). */
export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function valueAt(config: TomlTable, path: readonly string[]): unknown {
  let current: unknown = config;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as TomlTable)[segment];
  }
  return current;
}

/** The config with exactly the planned keys set: what the edited text must parse to (dates kept as they are). */
function expectedAfter(config: TomlTable, sets: readonly TomlSet[]): TomlTable {
  const copy = cloneWithoutPrototypes(config);
  for (const set of sets) {
    let table = copy;
    // Own keys only, and new tables without a prototype: no segment can reach Object.prototype.
    for (const segment of set.path.slice(0, -1)) {
      if (!Object.hasOwn(table, segment) || !isTomlTable(table[segment])) table[segment] = Object.create(null);
      table = table[segment] as TomlTable;
    }
    table[set.path.at(-1) as string] = Array.isArray(set.value) ? [...set.value] : set.value;
  }
  return copy;
}

/** Parse a config file's text; a syntax error keeps only its position, and a too-deep file is refused. */
function parseConfigText(text: string): TomlTable {
  let parsed: TomlTable;
  try {
    parsed = parse(text) as TomlTable;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // No cause: smol-toml's message and fields quote the offending line, which may hold an api_key.
    throw new ConfigRewriteError({ kind: 'invalid-toml', line: error.line, column: error.column });
  }
  // Before the comparisons walk it: a 50,000-segment dotted key is 50,000 nested tables.
  if (configShapeProblem(parsed)?.kind === 'too-deep') throw new ConfigRewriteError({ kind: 'too-deep' });
  return parsed;
}

/**
 * The new text of a config file for a writer's plan, or `undefined` when every planned key already has its value. The
 * edit is made on the text ({@link editTomlText}: comments and layout kept), then parsed again: it must equal the
 * original with exactly the planned keys set, and pass `check` (a writer's own rule, e.g. the config schema), or it
 * throws and nothing is to be written. Pure; throws {@link ConfigRewriteError} (and whatever `check` throws).
 */
export function rewriteConfigText(
  text: string,
  plan: ConfigRewritePlan,
  check?: (after: TomlTable) => void,
): string | undefined {
  const before = parseConfigText(text);
  const sets = plan(before).filter((set) => !sameTomlValue(valueAt(before, set.path), set.value));
  if (sets.length === 0) return undefined;
  const reserved = sets.flatMap((set) => set.path).find(isForbiddenKeySegment);
  if (reserved !== undefined) throw new ConfigRewriteError({ kind: 'reserved-key', segment: reserved });
  let edited: string;
  try {
    edited = editTomlText(text, sets);
  } catch (error) {
    if (error instanceof TomlLayoutError) throw new ConfigRewriteError({ kind: 'layout', reason: error.reason });
    throw error;
  }
  let after: TomlTable;
  try {
    after = parse(edited) as TomlTable;
  } catch {
    throw new ConfigRewriteError({ kind: 'unparsable' });
  }
  if (!sameTomlValue(after, expectedAfter(before, sets))) throw new ConfigRewriteError({ kind: 'unintended' });
  check?.(after);
  return edited;
}
