import { parseArgv, type ParsedArgs } from './cli/argv.js';
import { ROOT } from './cli/commands.js';
import { EXIT_CODES } from './cli/exit-codes.js';
import { helpText } from './cli/help.js';
import { createOutput, type Output } from './cli/output.js';
import { errorDocument } from './cli/report.js';
import { VERSION } from './version.js';

/** Turn anything thrown into one or two lines (or the JSON error document) and an exit code. */
function report(error: unknown, output: Output, debug: boolean): number {
  const { document, exitCode, failure } = errorDocument(error, debug);
  const { hint } = failure.options;
  if (output.json) output.printJson(document);
  else output.err(`${output.colors.red('error')}: ${failure.message}${hint ? `\n${hint}` : ''}`);
  if (debug && failure.category === 'internal') {
    const cause = failure.options.cause;
    output.err(cause instanceof Error && cause.stack ? cause.stack : String(cause));
  } else if (debug && failure.stack) {
    output.err(failure.stack);
  }
  return exitCode;
}

/** The program: parse, dispatch, report. Returns the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  // Before parsing (which can fail), so even usage errors come out as JSON when asked.
  const early = {
    json: argv.includes('--json'),
    noColor: argv.includes('--no-color'),
    debug: argv.includes('--debug'),
  };
  let output = createOutput({ json: early.json, noColor: early.noColor, env });
  let parsed: ParsedArgs;
  try {
    parsed = parseArgv(argv, ROOT);
  } catch (error) {
    return report(error, output, early.debug);
  }
  const { flags } = parsed;
  output = createOutput({ json: flags.json === true, noColor: flags['no-color'] === true, env });
  if (flags.version === true) {
    output.out(
      output.json
        ? JSON.stringify({ schemaVersion: 1, name: 'codewhale-route', version: VERSION })
        : `codewhale-route ${VERSION}`,
    );
    return EXIT_CODES.ok;
  }
  if (flags.help === true || parsed.spec.subcommands) {
    const text = helpText(parsed.spec, parsed.path, output.colors);
    if (flags.help === true || parsed.path.length === 0) {
      output.out(text);
      return EXIT_CODES.ok;
    }
    // A group without its subcommand (`codewhale-route config`): show what it has, as a usage error.
    output.err(text);
    return EXIT_CODES.usage;
  }
  try {
    const { runCommand } = await import('./cli/run.js');
    return await runCommand(parsed, output, env);
  } catch (error) {
    return report(error, output, flags.debug === true);
  }
}

// A closed pipe (`codewhale-route models | head`) is not an error: see writeText in cli/stdio.ts.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
