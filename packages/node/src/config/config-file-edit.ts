import { userConfigSchema } from '@codewhale/core';
import { parse, TomlError } from 'smol-toml';
import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { configWriteTarget } from './config-file-lock.js';
import { formatConfigKey, tomlString } from './config-key-format.js';
import { CONFIG_MAX_DEPTH, configShapeProblem, isForbiddenKeySegment } from './config-shape.js';
import { ConfigContentionError, rewriteConfigFile, sameTomlValue } from './rewrite-config-file.js';
import { urlCredentials } from './url-credentials.js';
import { samePath, scanToml, type TomlPair } from './toml-scan.js';

/** A value `setConfigValue` can write: a string, a number, a boolean or a list of strings. */
export type ConfigValue = string | number | boolean | readonly string[];

/** What {@link setConfigValue} did. */
export interface ConfigEdit {
  /** The file written (symlinks followed). */
  readonly path: string;
  /** True when the file did not exist before. */
  readonly created: boolean;
  /** True when the key already had this exact value (the file was not rewritten). */
  readonly unchanged: boolean;
}

/** Split a dotted key (`providers.vllm.base_url`, `providers."my.box".model`) into segments. */
export function parseConfigKey(dottedKey: string): string[] {
  const segments: string[] = [];
  let index = 0;
  const text = dottedKey.trim();
  while (index < text.length) {
    if (text[index] === '"') {
      const end = text.indexOf('"', index + 1);
      if (end < 0) throw keyError(dottedKey, 'a quoted segment is not closed');
      segments.push(text.slice(index + 1, end));
      index = end + 1;
    } else {
      let end = text.indexOf('.', index);
      if (end < 0) end = text.length;
      segments.push(text.slice(index, end).trim());
      index = end;
    }
    if (index < text.length) {
      if (text[index] !== '.') throw keyError(dottedKey, 'segments are separated by dots');
      index++;
    }
  }
  if (segments.length === 0 || segments.some((segment) => segment === ''))
    throw keyError(dottedKey, 'it has an empty segment');
  const reserved = segments.find(isForbiddenKeySegment);
  if (reserved !== undefined) throw keyError(dottedKey, `"${reserved}" is a reserved name, never a config key`);
  if (segments.length > CONFIG_MAX_DEPTH) throw keyError(dottedKey, `it has more than ${CONFIG_MAX_DEPTH} segments`);
  return segments;
}

function keyError(dottedKey: string, why: string): ConfigError {
  return new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, `Cannot use the key "${dottedKey}": ${why}.`, {
    hint: 'Write keys like provider, providers.vllm.base_url or roles.summary.model.',
  });
}

/** A value as TOML source text. */
function tomlValue(value: ConfigValue): string {
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

const tomlKey = (segments: readonly string[]) => formatConfigKey(segments);

/** Start of the comment block directly above `offset` (so an insertion lands before comments that belong to a header). */
function commentBlockStart(text: string, offset: number): number {
  let start = offset;
  for (;;) {
    if (start === 0) return 0;
    const previousEnd = start - 1;
    const previousStart = text.lastIndexOf('\n', previousEnd - 1) + 1;
    const line = text.slice(previousStart, previousEnd).trim();
    if (!line.startsWith('#')) return start;
    start = previousStart;
  }
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * The smallest text change that sets one key: replace the value in place, else add `key = value` at the end of its
 * table, else add the table at the end of the file. Comments, order, formatting and unknown keys are kept. Pure; the
 * result is re-parsed and checked by {@link setConfigValue}.
 */
export function editConfigText(text: string, segments: readonly string[], value: ConfigValue): string {
  const statements = scanToml(text);
  const rendered = tomlValue(value);
  const existing = statements.find(
    (statement): statement is TomlPair =>
      statement.kind === 'pair' && !statement.inArray && samePath(statement.path, segments),
  );
  if (existing) return text.slice(0, existing.valueStart) + rendered + text.slice(existing.valueEnd);

  const newline = lineBreakOf(text);
  const tablePath = segments.slice(0, -1);
  const leaf = segments.slice(-1);
  const insertAfter = (offset: number, line: string) =>
    `${text.slice(0, offset)}${newline}${line}${text.slice(offset)}`;

  // The table's own header: add the key after its last pair.
  const headerIndex = statements.findIndex(
    (statement) => statement.kind === 'header' && !statement.array && samePath(statement.path, tablePath),
  );
  if (tablePath.length === 0 || headerIndex >= 0) {
    const from = tablePath.length === 0 ? 0 : headerIndex + 1;
    let last: { end: number } | undefined = tablePath.length === 0 ? undefined : statements[headerIndex];
    for (let index = from; index < statements.length; index++) {
      const statement = statements[index] as (typeof statements)[number];
      if (statement.kind === 'header') break;
      last = statement;
    }
    const line = `${tomlKey(leaf)} = ${rendered}`;
    if (last) return insertAfter(last.end, line);
    // A root key in a file that has no root pairs: before the first header (and the comments above it).
    const firstHeader = statements.find((statement) => statement.kind === 'header');
    if (!firstHeader)
      return text.length === 0 ? `${line}${newline}` : `${text.replace(/(\r?\n)*$/, '')}${newline}${line}${newline}`;
    const at = commentBlockStart(text, firstHeader.start);
    return `${text.slice(0, at)}${line}${newline}${newline}${text.slice(at)}`;
  }

  // The table exists only through dotted keys (`[providers]` + `vllm.model = ...`): add a sibling with the same prefix.
  const sibling = [...statements]
    .reverse()
    .find(
      (statement): statement is TomlPair =>
        statement.kind === 'pair' &&
        !statement.inArray &&
        statement.path.length > tablePath.length &&
        samePath(statement.path.slice(0, tablePath.length), tablePath),
    );
  if (sibling) {
    const relative = segments.slice(sibling.table.length);
    if (sibling.table.length <= tablePath.length && relative.length > 0)
      return insertAfter(sibling.end, `${tomlKey(relative)} = ${rendered}`);
  }

  // A new table at the end of the file.
  const body = text.replace(/(\r?\n)*$/, '');
  return `${body}${body.length > 0 ? `${newline}${newline}` : ''}[${tomlKey(tablePath)}]${newline}${tomlKey(leaf)} = ${rendered}${newline}`;
}

function getPath(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function setPath(value: Record<string, unknown>, segments: readonly string[], leaf: unknown): void {
  let current = value;
  for (const segment of segments.slice(0, -1)) {
    // Own keys only, and new tables without a prototype: no segment can reach Object.prototype.
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof Date)
      current[segment] = Object.create(null);
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1] as string] = leaf;
}

function parseOrThrow(text: string, file: string, stage: 'before' | 'after'): Record<string, unknown> {
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's error quotes the offending line (which may hold an api_key): keep its position, never the error.
    if (stage === 'before') {
      throw new ConfigError(
        CONFIG_ERROR_CODES.TOML_INVALID,
        `${file}:${error.line}:${error.column}: invalid TOML; the file was not changed.`,
        {
          file,
          line: error.line,
          column: error.column,
          hint: 'Fix the file first (`codewhale-route config validate` shows the problem).',
        },
      );
    }
    throw new ConfigError(
      CONFIG_ERROR_CODES.EDIT_FAILED,
      `Could not edit ${file} safely (the file's layout is unusual); it was not changed.`,
      { file, hint: 'Edit that key by hand.' },
    );
  }
  // Before the comparisons walk it: a 50,000-segment dotted key is 50,000 nested tables.
  if (configShapeProblem(parsed)?.kind === 'too-deep') {
    throw new ConfigError(
      CONFIG_ERROR_CODES.TOO_DEEP,
      `${file} nests deeper than ${CONFIG_MAX_DEPTH} tables, arrays or dotted-key segments; it was not changed.`,
      { file, hint: 'Fix the file first (`codewhale-route config validate` shows where).' },
    );
  }
  return parsed;
}

/** Refuse a URL value that carries a credential (user info, `?token=`): it would stay in shell history and the file. */
function refuseUrlCredentials(segments: readonly string[], value: ConfigValue): void {
  for (const item of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
    const found = urlCredentials(item);
    if (!found || (!found.userInfo && found.parameters.length === 0)) continue;
    const what = found.userInfo
      ? 'user info (user:password@)'
      : `a credential in its query (${found.parameters.join(', ')})`;
    throw new ConfigError(
      CONFIG_ERROR_CODES.EDIT_FAILED,
      `Refused to set ${formatConfigKey(segments)}: the URL carries ${what}, which would stay in your shell history and the config file. Nothing was written.`,
      {
        hint: `Write the URL without it, and configure the key with api_key_env (the name of a variable that holds it) or api_key_command.`,
      },
    );
  }
}

/**
 * Set one key of a TOML config file with the smallest text change (see {@link editConfigText}), keeping comments and
 * unknown keys, and write it atomically (temp file, fsync, rename). The result is re-parsed: it must change exactly that
 * key and still match the config schema, or nothing is written (`CONFIG_EDIT_FAILED` / `CONFIG_INVALID`). A missing
 * file (and its directory) is created with mode 0600.
 *
 * Every writer of the config file (this and `persistRouteSwitch`) holds the same cross-process lock
 * (`<file>.lock`) while it reads, edits and replaces the file, so concurrent edits all apply; the file is also compared
 * before the rename (an editor that takes no lock), and the edit is redone on the new text. A writer that cannot get
 * its change in throws `CONFIG_CONCURRENT_EDIT` and wrote nothing. Keys named `__proto__`, `constructor` or `prototype`
 * and URL values that carry credentials (user info, `?token=`…) are refused. A symlink is followed (its target is
 * edited); a symlink whose target does not exist is refused, never replaced by a regular file.
 */
export async function setConfigValue(path: string, dottedKey: string, value: ConfigValue): Promise<ConfigEdit> {
  const segments = parseConfigKey(dottedKey);
  refuseUrlCredentials(segments, value);
  const where = await configWriteTarget(path);
  if ('danglingLink' in where) {
    throw new ConfigError(
      CONFIG_ERROR_CODES.EDIT_FAILED,
      `The config file ${where.danglingLink} is a symbolic link to ${where.linkTarget}, which does not exist; it was not changed.`,
      {
        file: where.danglingLink,
        hint: 'Create the file the link points to (config edits follow the link), or remove the link.',
      },
    );
  }
  const target = where.path;
  try {
    const outcome = await rewriteConfigFile(target, (before) => editedText(target, before, segments, value));
    return outcome.kind === 'unchanged'
      ? { path: target, created: false, unchanged: true }
      : { path: target, created: outcome.created, unchanged: false };
  } catch (error) {
    if (!(error instanceof ConfigContentionError)) throw error;
    const why =
      error.reason === 'locked'
        ? `another process kept ${target} locked (${error.lockPath})`
        : `${target} kept changing while it was being edited`;
    throw new ConfigError(
      CONFIG_ERROR_CODES.CONCURRENT_EDIT,
      `Could not set ${formatConfigKey(segments)}: ${why}. Nothing was written.`,
      {
        file: target,
        hint:
          error.reason === 'locked'
            ? 'Run the command again; if no other codewhale-route is running, remove the .lock file.'
            : 'Run the command again.',
      },
    );
  }
}

/** The edited text, or `undefined` when the key already has this value; checks the result as described above. */
function editedText(
  target: string,
  before: string,
  segments: readonly string[],
  value: ConfigValue,
): string | undefined {
  const old = parseOrThrow(before, target, 'before');
  const wanted = Array.isArray(value) ? [...value] : value;
  if (sameTomlValue(getPath(old, segments), wanted)) return undefined;

  const after = editConfigText(before, segments, value);
  const parsed = parseOrThrow(after, target, 'after');
  // A second parse of the original (not a clone): TOML dates keep their own class and text form.
  const expected = parseOrThrow(before, target, 'before');
  setPath(expected, segments, wanted);
  if (!sameTomlValue(parsed, expected)) {
    throw new ConfigError(
      CONFIG_ERROR_CODES.EDIT_FAILED,
      `Could not edit ${formatConfigKey(segments)} in ${target} safely (it is defined in a way this editor does not rewrite, e.g. an inline table); the file was not changed.`,
      {
        file: target,
        hint: 'Edit that key by hand.',
      },
    );
  }
  const valid = userConfigSchema.safeParse(parsed);
  if (!valid.success) {
    const issues = valid.error.issues.map((issue) => ({
      key: formatConfigKey(issue.path.map(String)) || '(root)',
      message: issue.message,
    }));
    throw new ConfigError(
      CONFIG_ERROR_CODES.INVALID,
      `Setting ${formatConfigKey(segments)} would make the config invalid:\n${issues.map((issue) => `  ${issue.key}: ${issue.message}`).join('\n')}`,
      {
        file: target,
        issues,
        hint: 'Nothing was written. Fix the value (or the other keys listed).',
      },
    );
  }
  return after;
}
