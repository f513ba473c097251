/**
 * Exit codes of `codewhale-route`. Stable: scripts switch on them (documented in docs/cli.md).
 * 1 is reserved for unexpected failures (a bug): everything the user can fix has its own code.
 *
 * One rule between 2 and 3: 2 is for the shape of the command line (an unknown command or flag, a missing or malformed
 * value); a well-formed name the registry does not know (a provider in `--provider`, `<provider>:<model>` or
 * CODEWHALE_PROVIDER, a model in `compare`) is 3 in every command, since the config can make it known (a
 * `[providers.<id>]` table with a `base_url`).
 */
export const EXIT_CODES = {
  ok: 0,
  internal: 1,
  /** Bad command line: unknown command or flag, missing or malformed value. */
  usage: 2,
  /** The request did not resolve to a route (unknown provider, ambiguous or foreign model, auto unsatisfiable...), in any command. */
  resolution: 3,
  /** A live command could not reach an endpoint or got an error answer (discover, health, usage, models --live). */
  network: 4,
  /** The config file is unreadable, not TOML, or does not match the schema. */
  config: 5,
  /** `catalog validate` found problems. */
  catalog: 6,
} as const;

/** The category of an error, as shown in `--json` error output. */
export type ErrorCategory = keyof typeof EXIT_CODES;

const cliErrorMarker = Symbol.for('codewhale.cli.error');

/** An error the CLI reports in one or two lines (what is wrong, how to fix it), with its exit code. */
export class CliError extends Error {
  /** Marker that survives the copies of this class in the CLI's separate bundles (checked by `isInstance`). */
  readonly [cliErrorMarker] = true;

  /** True for a CliError from any of the CLI's bundles (`instanceof` sees only this bundle's class). */
  static isInstance(value: unknown): value is CliError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[cliErrorMarker] === true;
  }

  constructor(
    readonly category: Exclude<ErrorCategory, 'ok'>,
    message: string,
    readonly options: {
      /** How to fix it, one line. */
      readonly hint?: string;
      /** Stable machine code, e.g. `unknown-flag`, `ambiguous-model`, `CONFIG_TOML_INVALID`. */
      readonly code?: string;
      /** Structured details for `--json` (secret-free). */
      readonly details?: unknown;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.category];
  }
}

/** A command-line mistake (exit code 2). */
export function usageError(message: string, hint?: string, code = 'usage'): CliError {
  return new CliError('usage', message, { code, ...(hint ? { hint } : {}) });
}
