import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { formatConfigKey, tomlString } from './config-key-format.js';
import { samePath, scanToml, startsWithPath, type TomlStatement } from './toml-scan.js';

// The one text-level TOML editor of the config file (config set, route persistence): it finds where keys are written
// and splices new values in, leaving every other byte (comments, spacing, ordering, unknown keys) as it was. It only
// locates statements; rewriteConfigFile parses the edited text again and refuses anything but the intended change.

/** A value `setConfigValue` (and so this editor) can write: a string, a number, a boolean or a list of strings. */
export type ConfigValue = string | number | boolean | readonly string[];

/** One change to make: set `path` (from the root) to `value`. */
export interface TomlSet {
  readonly path: readonly string[];
  readonly value: ConfigValue;
}

/** The text has a shape the editor does not change in place (an inline table, an array of tables); `reason` says which. */
export class TomlLayoutError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TomlLayoutError';
  }
}

/** A value as TOML source text (strings with the one escaping rule of config-key-format.ts). */
export function tomlValue(value: ConfigValue): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, 'Cannot write a number that is not finite.', {
        hint: 'Give a finite number.',
      });
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return `[${value.map(tomlString).join(', ')}]`;
}

interface Splice {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** A new line at `at`, ending with the file's line break; a break is added before it when the previous line has none. */
function insertion(text: string, at: number, line: string, eol: string): Splice {
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  return { at, remove: 0, insert: `${needsBreak ? eol : ''}${line}${eol}` };
}

/** Start of the comment lines directly above `at` (a root key goes above the comments that belong to the first table). */
function commentBlockStart(text: string, at: number): number {
  let start = at;
  for (;;) {
    const previousEnd = start - (text[start - 2] === '\r' ? 2 : 1);
    if (start === 0 || previousEnd < 0) return start;
    const lineStart = text.lastIndexOf('\n', previousEnd - 1) + 1;
    if (!text.slice(lineStart, previousEnd).trimStart().startsWith('#')) return start;
    start = lineStart;
  }
}

/** The splice that sets one key: in place when it is written somewhere, else the fewest added lines. */
function planSet(text: string, statements: readonly TomlStatement[], set: TomlSet, eol: string): Splice {
  const rendered = tomlValue(set.value);
  const parent = set.path.slice(0, -1);
  const leaf = formatConfigKey(set.path.slice(-1));
  // Under an [[array]] header a path names every element at once: which one to change is not for an editor to guess.
  const array = statements.find(
    (statement) => statement.kind === 'array-table' && startsWithPath(set.path, statement.path),
  );
  if (array) throw new TomlLayoutError(`${formatConfigKey(array.path)} is an array of tables`);

  const existing = statements.find((statement) => statement.kind === 'key' && samePath(statement.path, set.path));
  if (existing) return { at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: rendered };

  // Part of the path is an inline table or array (or a scalar): TOML does not allow adding a key beside it.
  const blocking = statements.find((statement) => statement.kind === 'key' && startsWithPath(set.path, statement.path));
  if (blocking) {
    const written = formatConfigKey(blocking.path);
    throw new TomlLayoutError(`${written} is written inline; write it as a [${written}] table`);
  }

  if (parent.length === 0) {
    // A root key: after the last root key, else before the first table (and the comments attached to it).
    const lastRoot = statements.filter((statement) => statement.kind === 'key' && statement.table.length === 0).at(-1);
    if (lastRoot) return insertion(text, lastRoot.end, `${lastRoot.indent}${leaf} = ${rendered}`, eol);
    const firstHeader = statements.find((statement) => statement.kind !== 'key');
    if (!firstHeader) return insertion(text, text.length, `${leaf} = ${rendered}`, eol);
    return {
      at: commentBlockStart(text, firstHeader.lineStart),
      remove: 0,
      insert: `${leaf} = ${rendered}${eol}${eol}`,
    };
  }

  // The parent's own [table]: after its last key (same indentation), else right after the header.
  const header = statements.findIndex((statement) => statement.kind === 'table' && samePath(statement.path, parent));
  if (header >= 0) {
    const headerStatement = statements[header] as TomlStatement;
    let last: TomlStatement | undefined;
    for (const statement of statements.slice(header + 1)) {
      if (statement.kind !== 'key') break;
      last = statement;
    }
    const after = last ?? headerStatement;
    return insertion(text, after.end, `${after.indent}${leaf} = ${rendered}`, eol);
  }

  // The parent is made by dotted keys (`[providers]` + `together.base_url = ...`): add a sibling after the last one.
  const lastDotted = statements
    .filter(
      (statement) =>
        statement.kind === 'key' && startsWithPath(statement.path, parent) && statement.table.length <= parent.length,
    )
    .at(-1);
  if (lastDotted)
    return insertion(
      text,
      lastDotted.end,
      `${lastDotted.indent}${formatConfigKey(set.path.slice(lastDotted.table.length))} = ${rendered}`,
      eol,
    );

  // Nowhere yet: a new table at the end, after one blank line (the file's own when it already ends with one).
  const separator =
    text.length === 0 || /(?:^|\n)[ \t]*\r?\n$/.test(text) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return {
    at: text.length,
    remove: 0,
    insert: `${separator}[${formatConfigKey(parent)}]${eol}${leaf} = ${rendered}${eol}`,
  };
}

/**
 * Set keys of a TOML text, touching only the bytes of the values that change and the lines that are added: a value is
 * replaced in place; a new key goes after the last key of its table (with that key's indentation), beside dotted keys
 * that make its table, or in a new table at the end. Comments, blank lines, line breaks (LF or CRLF) and a byte order
 * mark are kept; every added line ends with a line break. Pure. Throws {@link TomlLayoutError} for layouts it cannot
 * edit in place (inline tables, arrays of tables, text it cannot read).
 */
export function editTomlText(text: string, sets: readonly TomlSet[]): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let result = text.slice(bom.length);
  // One set at a time, rescanning: each splice moves the offsets of the next.
  for (const set of sets) {
    const scan = scanToml(result);
    if (scan.problem) throw new TomlLayoutError(`the editor cannot read it (${scan.problem.reason})`);
    const splice = planSet(result, scan.statements, set, eol);
    result = result.slice(0, splice.at) + splice.insert + result.slice(splice.at + splice.remove);
  }
  return bom + result;
}
