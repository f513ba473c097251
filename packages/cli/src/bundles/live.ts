// The network commands: their own bundle (dist/live.cjs) with the HTTP client (undici), loaded only when one runs.
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { list, openSession } from '../cli/run.js';
import type { Env } from '../cli/session.js';
import { runDiscover, runHealth, runModelsLive, runUsage } from '../commands/live.js';

/** Run `discover`, `health`, `usage` or `models --live`; returns the exit code. */
export async function runLiveCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const session = await openSession(args, output, env);
  const providers = list(args.flags.provider);
  switch (args.path.join(' ')) {
    case 'discover':
      return runDiscover(session, output, providers);
    case 'health':
      return runHealth(session, output, providers);
    case 'usage':
      return runUsage(session, output, providers);
    case 'models':
      return runModelsLive(session, output, providers);
    default:
      throw new Error(`No live handler for "${args.path.join(' ')}".`);
  }
}
