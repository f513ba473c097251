import {
  foldProviderName,
  unknownUserConfigKeys,
  userConfigIssues,
  type ProviderConfig,
  type ProviderDescriptor,
  type UserConfig,
} from '@codewhale/core';
import { redactSecrets } from '@codewhale/plugin-kit';
import { parse, TomlError } from 'smol-toml';
import { CONFIG_ERROR_CODES, ConfigError, type ConfigIssue } from './config-error.js';
import { formatConfigKey } from './config-key-format.js';
import { CONFIG_MAX_DEPTH, cloneWithoutPrototypes, configShapeProblem } from './config-shape.js';
import { keyLineIndex, scanToml } from './toml-scan.js';

/** The parts of a provider descriptor the config checks need: names, and the key variables it reads. */
export type ConfigProviderInfo = Pick<ProviderDescriptor, 'id' | 'displayName' | 'aliases' | 'configKey' | 'auth'>;

/** Something in the config that was kept or ignored, with the reason. Never contains a value. */
export interface ConfigWarning {
  /**
   * `unknown-key`: no schema knows the key (kept, unused); `foreign-credential`: a table names another provider's key
   * variable (that entry is ignored); `unknown-provider`: a `[providers.<x>]` table matches no registered provider and
   * has no `base_url` (ignored).
   */
  readonly code: 'unknown-key' | 'foreign-credential' | 'unknown-provider';
  /** Dotted key, e.g. `providers.together.api_key_env`. */
  readonly key: string;
  readonly message: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

/** A parsed, validated config: the effective config, the warnings, and the tables that name custom endpoints. */
export interface ParsedConfig {
  /** The config to resolve with: unknown keys kept, foreign-credential entries removed. */
  readonly config: UserConfig;
  readonly warnings: readonly ConfigWarning[];
  /**
   * `[providers.<x>]` tables that match no registered provider but have a `base_url`: custom endpoints a host may
   * register (e.g. with `createOpenAICompatiblePlugin`).
   */
  readonly customProviders: readonly string[];
}

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** The file name, for messages. */
  readonly file?: string;
  /** The registered providers (to check `[providers.<x>]` tables and key variables). Without it, those checks are skipped. */
  readonly providers?: readonly ConfigProviderInfo[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A one-line fix for smol-toml's message. */
function tomlHint(reason: string): string {
  if (/control characters|unterminated|end of (the )?(document|file)/i.test(reason))
    return 'A string is probably missing its closing quote: write strings like model = "deepseek-v4-pro".';
  if (/duplicate|overrid|already (been )?defined|redefin/i.test(reason))
    return 'A key or [table] appears twice: keep one of them.';
  if (/invalid (bare )?key|key/i.test(reason))
    return 'Keys are bare words (letters, digits, _ and -) or quoted, followed by = and a value.';
  return 'Fix the TOML at that position: each line is key = value, strings in double quotes, tables as [providers.<id>].';
}

function tomlError(error: TomlError, file: string | undefined): ConfigError {
  // Only smol-toml's first line (the reason), with anything key-shaped redacted. Its full message (and so the error
  // itself) quotes the offending line, which may be `api_key = "sk-…`: it is never kept, not even as `cause`.
  const reason = redactSecrets(
    (error.message.split('\n', 1)[0] ?? '').replace(/^Invalid TOML document:\s*/, '').replace(/\.$/, ''),
  );
  const where = `${file ?? 'config'}:${error.line}:${error.column}`;
  return new ConfigError(CONFIG_ERROR_CODES.TOML_INVALID, `${where}: invalid TOML: ${reason}.`, {
    file,
    line: error.line,
    column: error.column,
    hint: tomlHint(reason),
  });
}

function shapeError(
  problem: NonNullable<ReturnType<typeof configShapeProblem>>,
  text: string,
  file: string | undefined,
): ConfigError {
  const shown = formatConfigKey(problem.path.slice(0, 6)) + (problem.path.length > 6 ? '…' : '');
  // The line of the first statement whose key path is that deep (or names that key): one scan, no recursion.
  const statement = scanToml(text).statements.find((item) =>
    problem.kind === 'too-deep'
      ? item.path.length >= CONFIG_MAX_DEPTH
      : item.path.includes(problem.path.at(-1) as string),
  );
  const where = file && statement ? `${file}:${statement.line}: ` : file ? `${file}: ` : '';
  if (problem.kind === 'too-deep') {
    return new ConfigError(
      CONFIG_ERROR_CODES.TOO_DEEP,
      `${where}${shown} nests deeper than ${CONFIG_MAX_DEPTH} tables, arrays or dotted-key segments; the config was not used.`,
      {
        ...(file ? { file } : {}),
        ...(statement ? { line: statement.line } : {}),
        hint: 'A CodeWhale config needs a few levels (e.g. providers.vllm.base_url): remove that key.',
      },
    );
  }
  return new ConfigError(
    CONFIG_ERROR_CODES.INVALID,
    `${where}${shown} uses the reserved name "${problem.path.at(-1)}" as a key; the config was not used.`,
    {
      ...(file ? { file } : {}),
      ...(statement ? { line: statement.line } : {}),
      issues: [
        {
          key: shown,
          message: `"${problem.path.at(-1)}" cannot be a key`,
          ...(statement ? { line: statement.line } : {}),
        },
      ],
      hint: 'Rename or remove that key (__proto__, constructor and prototype are never config keys).',
    },
  );
}

/**
 * Find the descriptor a `[providers.<key>]` table belongs to: config key, id or alias, spelled exactly or folded like
 * core's `foldProviderName` (case, surrounding space, `-` and `_`), in that order, as the resolver finds tables.
 */
function tableOwner(providers: readonly ConfigProviderInfo[], key: string): ConfigProviderInfo | undefined {
  const names = (provider: ConfigProviderInfo) => [
    provider.configKey ?? provider.id,
    provider.id,
    ...(provider.aliases ?? []),
  ];
  const exact = providers.find((provider) => names(provider).includes(key));
  if (exact) return exact;
  const folded = foldProviderName(key);
  return providers.find((provider) => names(provider).some((name) => foldProviderName(name) === folded));
}

/**
 * Parse and check config text (TOML): syntax errors with line and column (`CONFIG_TOML_INVALID`), schema problems per key
 * (`CONFIG_INVALID`), unknown keys kept and warned about, a `[providers.<x>]` table that names another provider's key
 * variable warned about (kept as written: core refuses it on every route, a provider never reads another provider's key),
 * tables found by folded names as the resolver finds them, and tables for unregistered
 * providers warned about unless they name a `base_url` (custom endpoints). Never echoes a value.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): ParsedConfig {
  const file = options.file;
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) throw tomlError(error, file);
    throw error;
  }
  // Before anything walks it recursively: a 50,000-segment dotted key is 50,000 nested tables.
  const shape = configShapeProblem(raw);
  if (shape) throw shapeError(shape, text, file);
  // Line numbers come from one scan of the text, however many keys are reported.
  const lineOfKey = keyLineIndex(text);
  // Checked without zod (core's hand-written check accepts exactly what userConfigSchema accepts): a config file is read
  // on every CLI start.
  const problems = userConfigIssues(raw);
  if (problems.length > 0) {
    const issues: ConfigIssue[] = problems.map((issue) => {
      const path = issue.path.map(String);
      const line = path.length > 0 ? lineOfKey(path) : undefined;
      return {
        key: formatConfigKey(path) || '(root)',
        message: issue.message,
        ...(line !== undefined ? { line } : {}),
      };
    });
    const list = issues
      .map(
        (issue) =>
          `  ${file && issue.line !== undefined ? `${file}:${issue.line}: ` : ''}${issue.key}: ${issue.message}`,
      )
      .join('\n');
    throw new ConfigError(
      CONFIG_ERROR_CODES.INVALID,
      `${file ?? 'The config'} does not match the config schema:\n${list}`,
      {
        ...(file ? { file } : {}),
        issues,
        hint: 'Fix or remove those keys; `codewhale-route config schema` prints the JSON Schema (editors can validate with it).',
      },
    );
  }
  // Tables without a prototype: no key of the file (or of a later edit) can reach Object.prototype.
  const config = cloneWithoutPrototypes(raw) as UserConfig;
  const warnings: ConfigWarning[] = [];
  const warn = (code: ConfigWarning['code'], path: string[], message: string) => {
    const line = lineOfKey(path);
    warnings.push({ code, key: formatConfigKey(path), message, ...(line !== undefined ? { line } : {}) });
  };

  for (const path of unknownUserConfigKeys(raw)) {
    warn(
      'unknown-key',
      path,
      `Unknown key ${formatConfigKey(path)}: kept, but nothing reads it. Check the spelling (\`codewhale-route config schema\` lists the keys).`,
    );
  }

  const customProviders: string[] = [];
  const providers = options.providers;
  if (providers && isRecord(config.providers)) {
    const tables = config.providers as Record<string, ProviderConfig>;
    for (const [key, table] of Object.entries(tables)) {
      const owner = tableOwner(providers, key);
      if (!owner) {
        if (table.base_url !== undefined) customProviders.push(key);
        else {
          warn(
            'unknown-provider',
            ['providers', key],
            `[providers.${key}] is ignored: no registered provider is called "${key}" (registered: ${providers.map((provider) => provider.configKey ?? provider.id).join(', ')}). Add base_url to use it as a custom OpenAI-compatible endpoint.`,
          );
        }
      }
      const envVar = table.api_key_env;
      if (envVar === undefined || (owner?.auth.envVars ?? []).includes(envVar)) continue;
      const foreign = providers.find((provider) => provider !== owner && provider.auth.envVars.includes(envVar));
      if (!foreign) continue;
      // Kept as written: core's binding rule refuses it on every route (whoever parsed the file), this says so early.
      warn(
        'foreign-credential',
        ['providers', key, 'api_key_env'],
        `[providers.${key}] api_key_env names ${envVar}, which belongs to ${foreign.id}: a provider never reads another provider's key, so this table's routes have no key. Name a variable of your own (or ${owner?.auth.envVars[0] ?? 'one for this endpoint'}).`,
      );
    }
  }
  // In file order: what a person fixes top to bottom.
  warnings.sort((left, right) => (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER));
  return { config, warnings, customProviders };
}
