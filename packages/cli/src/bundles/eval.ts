// The eval commands: their own bundle (dist/eval.cjs) with the suite loader, the graders, the runner (which sends real
// requests through the recording fetch) and the report, loaded by the main bundle only when `eval` runs.
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { list, openSession } from '../cli/run.js';
import type { Env } from '../cli/session.js';
import { runEvalCommand, runEvalCompare, runEvalReport } from '../commands/eval.js';

/** Run `eval run`, `eval report` or `eval compare`; returns the exit code. */
export async function runEvalCliCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const session = await openSession(args, output, env);
  const { flags, positionals } = args;
  switch (args.path.join(' ')) {
    case 'eval report':
      return runEvalReport(session, output, positionals[0] as string);
    case 'eval compare':
      return runEvalCompare(session, output, positionals[0] as string, positionals[1] as string);
    default:
      return runEvalCommand(session, output, {
        suite: positionals[0] as string,
        routes: list(flags.routes) ?? [],
        ...(typeof flags.repeat === 'number' ? { repeat: flags.repeat } : {}),
        ...(typeof flags.concurrency === 'number' ? { concurrency: flags.concurrency } : {}),
        ...(typeof flags['max-cost'] === 'number' ? { maxCost: flags['max-cost'] } : {}),
        ...(flags['allow-unknown-cost'] === true ? { allowUnknownCost: true } : {}),
        ...(flags['allow-commands'] === true ? { allowCommands: true } : {}),
        ...(flags['keep-outputs'] === true ? { keepOutputs: true } : {}),
      });
  }
}
