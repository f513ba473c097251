import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { userConfigSchema } from '@codewhale/core';
import { parse, TomlError } from 'smol-toml';
import { writeFileAtomically } from '../fs/write-file-atomically.js';
import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { formatConfigKey } from './config-keys.js';
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
  if (segments.length === 0 || segments.some((segment) => segment === '')) throw keyError(dottedKey, 'it has an empty segment');
  return segments;
}

function keyError(dottedKey: string, why: string): ConfigError {
  return new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, `Cannot use the key "${dottedKey}": ${why}.`, { hint: 'Write keys like provider, providers.vllm.base_url or roles.summary.model.' });
}

function tomlString(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

/** A value as TOML source text. */
function tomlValue(value: ConfigValue): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, 'Cannot write a number that is not finite.', { hint: 'Give a finite number.' });
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
  const existing = statements.find((statement): statement is TomlPair => statement.kind === 'pair' && !statement.inArray && samePath(statement.path, segments));
  if (existing) return text.slice(0, existing.valueStart) + rendered + text.slice(existing.valueEnd);

  const newline = lineBreakOf(text);
  const tablePath = segments.slice(0, -1);
  const leaf = segments.slice(-1);
  const insertAfter = (offset: number, line: string) => `${text.slice(0, offset)}${newline}${line}${text.slice(offset)}`;

  // The table's own header: add the key after its last pair.
  const headerIndex = statements.findIndex((statement) => statement.kind === 'header' && !statement.array && samePath(statement.path, tablePath));
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
    if (!firstHeader) return text.length === 0 ? `${line}${newline}` : `${text.replace(/(\r?\n)*$/, '')}${newline}${line}${newline}`;
    const at = commentBlockStart(text, firstHeader.start);
    return `${text.slice(0, at)}${line}${newline}${newline}${text.slice(at)}`;
  }

  // The table exists only through dotted keys (`[providers]` + `vllm.model = ...`): add a sibling with the same prefix.
  const sibling = [...statements].reverse().find(
    (statement): statement is TomlPair => statement.kind === 'pair' && !statement.inArray && statement.path.length > tablePath.length && samePath(statement.path.slice(0, tablePath.length), tablePath),
  );
  if (sibling) {
    const relative = segments.slice(sibling.table.length);
    if (sibling.table.length <= tablePath.length && relative.length > 0) return insertAfter(sibling.end, `${tomlKey(relative)} = ${rendered}`);
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
    const next = current[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1] as string] = leaf;
}

/** JSON text with sorted keys, so two parses compare equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) && !(item instanceof Date)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)))
      : item,
  );
}

function parseOrThrow(text: string, file: string, stage: 'before' | 'after'): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's error quotes the offending line (which may hold an api_key): keep its position, never the error.
    if (stage === 'before') {
      throw new ConfigError(CONFIG_ERROR_CODES.TOML_INVALID, `${file}:${error.line}:${error.column}: invalid TOML; the file was not changed.`, { file, line: error.line, column: error.column, hint: 'Fix the file first (`codewhale-route config validate` shows the problem).' });
    }
    throw new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, `Could not edit ${file} safely (the file's layout is unusual); it was not changed.`, { file, hint: 'Edit that key by hand.' });
  }
}

/**
 * Set one key of a TOML config file with the smallest text change (see {@link editConfigText}), keeping comments and
 * unknown keys, and write it atomically (temp file, fsync, rename). The result is re-parsed: it must change exactly that
 * key and still match the config schema, or nothing is written (`CONFIG_EDIT_FAILED` / `CONFIG_INVALID`). A missing
 * file (and its directory) is created with mode 0600.
 */
export async function setConfigValue(path: string, dottedKey: string, value: ConfigValue): Promise<ConfigEdit> {
  const segments = parseConfigKey(dottedKey);
  const target = await realpath(path).catch(() => path);
  let before = '';
  let created = false;
  let mode = 0o600;
  try {
    before = await readFile(target, 'utf8');
    mode = (await stat(target)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(CONFIG_ERROR_CODES.UNREADABLE, `Cannot read the config file ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { file: target, hint: 'Check that you may read and write it.' }, { cause: error });
    }
    created = true;
  }
  const old = parseOrThrow(before, target, 'before');
  const wanted = Array.isArray(value) ? [...value] : value;
  if (canonical(getPath(old, segments)) === canonical(wanted)) return { path: target, created: false, unchanged: true };

  const after = editConfigText(before, segments, value);
  const parsed = parseOrThrow(after, target, 'after');
  // A second parse of the original (not a clone): TOML dates keep their own class and text form.
  const expected = parseOrThrow(before, target, 'before');
  setPath(expected, segments, wanted);
  if (canonical(parsed) !== canonical(expected)) {
    throw new ConfigError(CONFIG_ERROR_CODES.EDIT_FAILED, `Could not edit ${formatConfigKey(segments)} in ${target} safely (it is defined in a way this editor does not rewrite, e.g. an inline table); the file was not changed.`, {
      file: target,
      hint: 'Edit that key by hand.',
    });
  }
  const valid = userConfigSchema.safeParse(parsed);
  if (!valid.success) {
    const issues = valid.error.issues.map((issue) => ({ key: formatConfigKey(issue.path.map(String)) || '(root)', message: issue.message }));
    throw new ConfigError(CONFIG_ERROR_CODES.INVALID, `Setting ${formatConfigKey(segments)} would make the config invalid:\n${issues.map((issue) => `  ${issue.key}: ${issue.message}`).join('\n')}`, {
      file: target,
      issues,
      hint: 'Nothing was written. Fix the value (or the other keys listed).',
    });
  }
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  await writeFileAtomically(target, after, { mode });
  return { path: target, created, unchanged: false };
}
