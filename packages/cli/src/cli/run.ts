import { runCompare } from '../commands/compare.js';
import { runCompletion } from '../commands/completion.js';
import { chosenProviders, printModels } from '../commands/models.js';
import { runProviders } from '../commands/providers.js';
import { runExplain, runResolve, type RouteCommandFlags } from '../commands/route.js';
import type { FlagValue, ParsedArgs } from './argv.js';
import type { Output } from './output.js';
import { createSession, loadUserConfig, type Env, type Session } from './session.js';

/** A string flag's value. */
export const string = (value: FlagValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
/** A list flag's value. */
export const list = (value: FlagValue | undefined): readonly string[] | undefined =>
  Array.isArray(value) ? (value as readonly string[]) : undefined;

function routeFlags(args: ParsedArgs): RouteCommandFlags {
  const { flags } = args;
  const pick: Record<string, unknown> = {};
  for (const name of ['provider', 'model', 'base-url', 'role', 'purpose', 'prefer', 'reasoning'])
    if (typeof flags[name] === 'string') pick[name] = flags[name];
  if (Array.isArray(flags.require)) pick.require = flags.require;
  if (typeof flags.context === 'number') pick.context = flags.context;
  if (args.positionals[0] !== undefined) pick.ref = args.positionals[0];
  return pick as RouteCommandFlags;
}

/** The session for this process: config file, registry, credentials and live cache. */
export async function openSession(args: ParsedArgs, output: Output, env: Env): Promise<Session> {
  return createSession(await loadUserConfig(string(args.flags.config), env), env, output);
}

/**
 * Run a parsed command; returns the exit code. The offline commands are in this bundle; the network commands (undici) and
 * the config and catalog commands (zod, the TOML parser, the JSON Schemas) are separate bundles loaded only when one of
 * them runs, so `explain` parses and runs none of that code.
 */
export async function runCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const command = args.path.join(' ');
  if (args.path[0] === 'config' || args.path[0] === 'catalog')
    return (await import('../bundles/validate.js')).runAdminCommand(args, output, env);
  if (
    command === 'discover' ||
    command === 'health' ||
    command === 'usage' ||
    (command === 'models' && args.flags.live === true)
  ) {
    return (await import('../bundles/live.js')).runLiveCommand(args, output, env);
  }
  if (command === 'receipts') return (await import('../bundles/receipts.js')).runReceiptsCommand(args, output, env);
  if (args.path[0] === 'eval') return (await import('../bundles/eval.js')).runEvalCliCommand(args, output, env);
  if (command === 'lab') return (await import('../bundles/lab.js')).runLabCommand(args, output, env, runCommand);
  if (command === 'hub search' || command === 'passport' || command === 'serve-plan')
    return (await import('../bundles/hub.js')).runHubCommand(args, output, env);
  // Before the session: a config that cannot be read only narrows the provider list (see runCompletion).
  if (command === 'completion') return runCompletion(args, output, env);
  const session = await openSession(args, output, env);
  switch (command) {
    case 'providers':
      return runProviders(session, output);
    case 'models':
      return printModels(session, output, chosenProviders(session, list(args.flags.provider)));
    case 'resolve':
      return runResolve(session, output, routeFlags(args));
    case 'explain':
      return runExplain(session, output, routeFlags(args));
    case 'compare':
      return runCompare(session, output, args.positionals[0] as string);
    default:
      throw new Error(`No handler for "${command}".`);
  }
}
