import { parseArgv, type ParsedArgs } from '../cli/argv.js';
import { ROOT } from '../cli/commands.js';
import { CliError, usageError } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { errorDocument } from '../cli/report.js';
import type { Env } from '../cli/session.js';
import { terminalSafeJson } from '../cli/terminal-text.js';
import { createCaptureOutput } from './capture-output.js';
import { HTTP_STATUS } from './http-status.js';
import { LAB_API, type LabEndpoint, type LabEndpointName } from './lab-api.js';

/** The CLI's command runner (cli/run.ts `runCommand`), handed to the lab by the bundle that loads it. */
export type RunCommand = (args: ParsedArgs, output: Output, env: Env) => Promise<number>;

/** What one command run in the lab's process answers. */
export interface EndpointResult {
  /** HTTP status: 200 for a document that is not an error, else by the error's category. */
  readonly status: number;
  /** Exactly the JSON document the CLI prints for the same command line (a success or an error document). */
  readonly body: unknown;
  /** The CLI's exit code for that command line. */
  readonly exitCode: number;
}

/** How a command run by the lab is set up: the server's environment and config file (never the page's choice). */
export interface EndpointContext {
  readonly env: Env;
  /** The lab's own `--config`, passed to every command; absent: $CODEWHALE_CONFIG or the platform default. */
  readonly configPath?: string;
  readonly runCommand: RunCommand;
}

/** HTTP status of an error document, by its category. */
const ERROR_STATUS: Readonly<Record<CliError['category'], number>> = {
  usage: HTTP_STATUS.badRequest,
  resolution: HTTP_STATUS.unprocessable,
  network: HTTP_STATUS.badGateway,
  config: HTTP_STATUS.unavailable,
  catalog: HTTP_STATUS.internal,
  internal: HTTP_STATUS.internal,
};

/** Whether a name is one of the lab's endpoints. */
export function isLabEndpoint(name: string): name is LabEndpointName {
  return Object.hasOwn(LAB_API, name);
}

/**
 * The command line of an endpoint and its query: `[...command, --<flag>=<value>..., --json, --config=<path>, --,
 * <positional>]`. Values are always written `--flag=value` and the positional comes after `--`, so no value can become
 * a flag. Empty values are left out (a form's blank field). Throws a usage error for an unknown parameter, or one given
 * twice that is not a list.
 */
export function endpointArgv(name: LabEndpointName, query: URLSearchParams, configPath?: string): string[] {
  const endpoint: LabEndpoint = LAB_API[name];
  const allowed = Object.keys(endpoint.params);
  const flags: string[] = [];
  const positionals: string[] = [];
  for (const key of new Set(query.keys())) {
    const param = Object.hasOwn(endpoint.params, key) ? endpoint.params[key] : undefined;
    if (!param)
      throw usageError(
        `Unknown parameter "${key}" for /api/${name}.`,
        allowed.length > 0 ? `Its parameters: ${allowed.join(', ')}.` : `/api/${name} takes no parameters.`,
        'lab-unknown-param',
      );
    const values = query.getAll(key).filter((value) => value !== '');
    if (values.length > 1 && !param.list)
      throw usageError(
        `Parameter "${key}" of /api/${name} is given twice.`,
        `Keep one "${key}".`,
        'lab-repeated-param',
      );
    for (const value of values) {
      if (param.flag === 'positional') positionals.push(value);
      else flags.push(`--${param.flag}=${value}`);
    }
  }
  return [
    ...endpoint.command,
    ...flags,
    '--json',
    ...(configPath !== undefined ? [`--config=${configPath}`] : []),
    ...(positionals.length > 0 ? ['--', ...positionals] : []),
  ];
}

/** A document as the CLI prints it (terminal-safe JSON), read back: what the page gets equals what stdout shows. */
const asPrinted = (value: unknown): unknown => JSON.parse(terminalSafeJson(JSON.stringify(value)));

function failed(error: unknown): EndpointResult {
  const { document, exitCode, failure } = errorDocument(error, false);
  return { status: ERROR_STATUS[failure.category], body: asPrinted(document), exitCode };
}

/**
 * Run an endpoint's command in this process with `--json` and answer with the document it printed. Not for concurrent
 * use: the lab runs one at a time.
 */
export async function runEndpoint(
  name: LabEndpointName,
  query: URLSearchParams,
  context: EndpointContext,
): Promise<EndpointResult> {
  let args: ParsedArgs;
  try {
    args = parseArgv(endpointArgv(name, query, context.configPath), ROOT);
  } catch (error) {
    return failed(error);
  }
  const output = createCaptureOutput();
  let exitCode: number;
  try {
    exitCode = await context.runCommand(args, output, context.env);
  } catch (error) {
    return failed(error);
  }
  if (output.documents.length !== 1)
    return failed(
      new CliError(
        'internal',
        `${args.path.join(' ')} --json printed ${output.documents.length} JSON documents, not one.`,
        {
          code: 'lab-no-document',
        },
      ),
    );
  return { status: HTTP_STATUS.ok, body: asPrinted(output.documents[0]), exitCode };
}
