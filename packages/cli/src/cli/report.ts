import { CliError } from './exit-codes.js';
import { BUGS_URL } from './links.js';

const CATALOG_INVALID = 'CATALOG_INVALID';

/** The JSON error document a failing command prints with `--json` (cli-error.schema.json). */
export interface ErrorDocument {
  readonly schemaVersion: 1;
  readonly error: {
    readonly category: CliError['category'];
    readonly exitCode: number;
    readonly code: string;
    readonly message: string;
    readonly hint?: string;
    readonly details?: unknown;
  };
}

/** Anything thrown, as the CliError it is reported as (an unexpected error becomes `internal`, a bug). */
export function asCliError(error: unknown, debug: boolean): CliError {
  if (CliError.isInstance(error)) return error;
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === CATALOG_INVALID) {
    return new CliError('catalog', (error as Error).message, {
      code: CATALOG_INVALID,
      hint: 'A plugin or a custom [providers.<id>] table conflicts with the catalog; see the issues above.',
      cause: error,
    });
  }
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
  return new CliError('internal', `codewhale-route failed unexpectedly (${name}: ${message}).`, {
    code: 'internal',
    hint: debug
      ? `This is a bug; please report it with the stack below at ${BUGS_URL}.`
      : `This is a bug; run again with --debug for the stack and report it at ${BUGS_URL}.`,
    cause: error,
  });
}

/** Anything thrown, as the JSON error document and exit code the CLI reports for it (and the CliError behind them). */
export function errorDocument(
  error: unknown,
  debug: boolean,
): { readonly document: ErrorDocument; readonly exitCode: number; readonly failure: CliError } {
  const failure = asCliError(error, debug);
  const { hint, code, details } = failure.options;
  return {
    document: {
      schemaVersion: 1,
      error: {
        category: failure.category,
        exitCode: failure.exitCode,
        code: code ?? failure.category,
        message: failure.message,
        ...(hint ? { hint } : {}),
        ...(details !== undefined ? { details } : {}),
      },
    },
    exitCode: failure.exitCode,
    failure,
  };
}
