import { userConfigSchema } from '@codewhale/core';
import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { formatConfigKey } from './config-key-format.js';
import { CONFIG_MAX_DEPTH, isForbiddenKeySegment } from './config-shape.js';
import { rewriteConfigFile } from './rewrite-config-file.js';
import { ConfigRewriteError } from './rewrite-config-text.js';
import { type ConfigValue, editTomlText, TomlLayoutError } from './toml-edit.js';
import { urlCredentials } from './url-credentials.js';

export type { ConfigValue } from './toml-edit.js';

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

/**
 * The smallest text change that sets one key: replace the value in place, else add `key = value` after the last key of
 * its table (with that key's indentation), else add the table at the end of the file. Comments, order, formatting and
 * unknown keys are kept. Pure; throws `CONFIG_EDIT_FAILED` for a layout it cannot edit in place (an inline table, an
 * array of tables). {@link setConfigValue} re-parses the result and checks it.
 */
export function editConfigText(text: string, segments: readonly string[], value: ConfigValue): string {
  try {
    return editTomlText(text, [{ path: segments, value }]);
  } catch (error) {
    if (!(error instanceof TomlLayoutError)) throw error;
    throw layoutError(segments, undefined, error.reason);
  }
}

function layoutError(segments: readonly string[], file: string | undefined, reason: string): ConfigError {
  return new ConfigError(
    CONFIG_ERROR_CODES.EDIT_FAILED,
    `Could not edit ${formatConfigKey(segments)}${file ? ` in ${file}` : ''} safely: ${reason}; the file was not changed.`,
    { ...(file ? { file } : {}), hint: 'Edit that key by hand.' },
  );
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
 * Every writer of the config file (this and `persistRouteSwitch`) goes through one read-modify-write path: calls through
 * one path in this process apply in call order, and every writer holds the same cross-process lock (`<file>.lock`) while
 * it reads, edits and replaces the file, so concurrent edits all apply; the file is also compared before the rename (an
 * editor that takes no lock), and the edit is redone on the new text. A writer that cannot get its change in throws
 * `CONFIG_CONCURRENT_EDIT` and wrote nothing. Keys named `__proto__`, `constructor` or `prototype` and URL values that
 * carry credentials (user info, `?token=`…) are refused. A symlink is followed (its target is edited); a symlink whose
 * target does not exist is refused, never replaced by a regular file.
 */
export async function setConfigValue(path: string, dottedKey: string, value: ConfigValue): Promise<ConfigEdit> {
  const segments = parseConfigKey(dottedKey);
  refuseUrlCredentials(segments, value);
  try {
    const outcome = await rewriteConfigFile(path, () => [{ path: segments, value }], {
      check: (after, file) => {
        const valid = userConfigSchema.safeParse(after);
        if (!valid.success) throw invalidConfig(segments, file, valid.error.issues);
      },
    });
    return outcome.kind === 'unchanged'
      ? { path: outcome.path, created: false, unchanged: true }
      : { path: outcome.path, created: outcome.created, unchanged: false };
  } catch (error) {
    if (error instanceof ConfigRewriteError) throw editError(error, segments);
    throw error;
  }
}

function invalidConfig(
  segments: readonly string[],
  file: string,
  problems: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): ConfigError {
  const issues = problems.map((issue) => ({
    key: formatConfigKey(issue.path.map(String)) || '(root)',
    message: issue.message,
  }));
  return new ConfigError(
    CONFIG_ERROR_CODES.INVALID,
    `Setting ${formatConfigKey(segments)} would make the config invalid:\n${issues.map((issue) => `  ${issue.key}: ${issue.message}`).join('\n')}`,
    { file, issues, hint: 'Nothing was written. Fix the value (or the other keys listed).' },
  );
}

/** The {@link ConfigError} of a rewrite that wrote nothing. */
function editError(error: ConfigRewriteError, segments: readonly string[]): ConfigError {
  const { problem } = error;
  const file = error.file ?? '';
  const key = formatConfigKey(segments);
  switch (problem.kind) {
    case 'dangling-link':
      return new ConfigError(
        CONFIG_ERROR_CODES.EDIT_FAILED,
        `The config file ${problem.link} is a symbolic link to ${problem.linkTarget}, which does not exist; it was not changed.`,
        {
          file: problem.link,
          hint: 'Create the file the link points to (config edits follow the link), or remove the link.',
        },
      );
    case 'locked':
    case 'changing':
      return new ConfigError(
        CONFIG_ERROR_CODES.CONCURRENT_EDIT,
        `Could not set ${key}: ${problem.kind === 'locked' ? `another process kept ${file} locked (${problem.lockPath})` : `${file} kept changing while it was being edited`}. Nothing was written.`,
        {
          file,
          hint:
            problem.kind === 'locked'
              ? 'Run the command again; if no other codewhale-route is running, remove the .lock file.'
              : 'Run the command again.',
        },
      );
    case 'invalid-toml':
      return new ConfigError(
        CONFIG_ERROR_CODES.TOML_INVALID,
        `${file}:${problem.line}:${problem.column}: invalid TOML; the file was not changed.`,
        {
          file,
          line: problem.line,
          column: problem.column,
          hint: 'Fix the file first (`codewhale-route config validate` shows the problem).',
        },
      );
    case 'too-deep':
      return new ConfigError(
        CONFIG_ERROR_CODES.TOO_DEEP,
        `${file} nests deeper than ${CONFIG_MAX_DEPTH} tables, arrays or dotted-key segments; it was not changed.`,
        { file, hint: 'Fix the file first (`codewhale-route config validate` shows where).' },
      );
    case 'layout':
      return layoutError(segments, file, problem.reason);
    case 'reserved-key':
      return keyError(key, `"${problem.segment}" is a reserved name, never a config key`);
    case 'unparsable':
      return new ConfigError(
        CONFIG_ERROR_CODES.EDIT_FAILED,
        `Could not edit ${file} safely (the file's layout is unusual); it was not changed.`,
        { file, hint: 'Edit that key by hand.' },
      );
    case 'unintended':
      return new ConfigError(
        CONFIG_ERROR_CODES.EDIT_FAILED,
        `Could not edit ${key} in ${file} safely (it is defined in a way this editor does not rewrite, e.g. an inline table); the file was not changed.`,
        { file, hint: 'Edit that key by hand.' },
      );
  }
}
