import { CodewhaleError } from '@codewhale/core';

/** Stable codes of config file errors. */
export const CONFIG_ERROR_CODES = {
  /** The file is not valid TOML (`line` and `column` say where). */
  TOML_INVALID: 'CONFIG_TOML_INVALID',
  /** The TOML is valid but does not match the config schema (`issues` lists each key). */
  INVALID: 'CONFIG_INVALID',
  /** The file exists but cannot be read (permissions, a directory...). */
  UNREADABLE: 'CONFIG_UNREADABLE',
  /** `setConfigValue` could not make the change safely; nothing was written. */
  EDIT_FAILED: 'CONFIG_EDIT_FAILED',
  /** A config file named explicitly (`--config`, `CODEWHALE_CONFIG`) does not exist (only the default location may be absent). */
  NOT_FOUND: 'CONFIG_NOT_FOUND',
  /** The file is larger than the 1 MiB limit; it was not read. */
  TOO_LARGE: 'CONFIG_TOO_LARGE',
  /** Tables, arrays or dotted keys nest deeper than the limit; the file was not used. */
  TOO_DEEP: 'CONFIG_TOO_DEEP',
  /** Another writer held the config file's lock (or kept changing the file) too long; nothing was written. */
  CONCURRENT_EDIT: 'CONFIG_CONCURRENT_EDIT',
} as const;

/** A stable config error code. */
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[keyof typeof CONFIG_ERROR_CODES];

/** One schema problem: the dotted key (e.g. `providers.vllm.base_url`), what is wrong, and the line when known. */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
  readonly line?: number;
}

/** Where and why a config file failed; every field is secret-free (values are never echoed). */
export interface ConfigErrorDetails {
  /** The config file. */
  readonly file?: string;
  /** 1-based line of a TOML syntax error. */
  readonly line?: number;
  /** 1-based column of a TOML syntax error. */
  readonly column?: number;
  /** Schema problems (`CONFIG_INVALID`). */
  readonly issues?: readonly ConfigIssue[];
  /** How to fix it, in one line. */
  readonly hint: string;
}

/** A config file could not be read, parsed, validated or edited. The message says where, what, and how to fix it. */
export class ConfigError extends CodewhaleError {
  /** The config file, when the error is about one. */
  readonly file: string | undefined;
  /** 1-based line of a TOML syntax error. */
  readonly line: number | undefined;
  /** 1-based column of a TOML syntax error. */
  readonly column: number | undefined;
  /** Schema problems, one per key (`CONFIG_INVALID`). */
  readonly issues: readonly ConfigIssue[];
  /** The fix, in one line (also the message's last line). */
  readonly hint: string;

  constructor(code: ConfigErrorCode, problem: string, details: ConfigErrorDetails, options?: { cause?: unknown }) {
    super(code, `${problem}\n${details.hint}`, options);
    this.name = 'ConfigError';
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.issues = details.issues ?? [];
    this.hint = details.hint;
  }

  /** True for a {@link ConfigError} from any copy of this package. */
  static override isInstance(value: unknown): value is ConfigError {
    return CodewhaleError.isInstance(value) && (Object.values(CONFIG_ERROR_CODES) as string[]).includes(value.code);
  }
}
