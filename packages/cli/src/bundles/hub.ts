// The Hugging Face Hub commands: their own bundle (dist/hub.cjs) with the Hub client, the passport builder, the serve
// planner and the HTTP client, loaded by the main bundle only when `hub search`, `passport` or `serve-plan` runs.
// Nothing else contacts the Hub.
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { openSession, string } from '../cli/run.js';
import type { Env } from '../cli/session.js';
import { runHubSearch, runPassport } from '../commands/hub.js';
import { runServePlan, type ServePlanFlags } from '../commands/serve-plan.js';

/** Run `hub search`, `passport` or `serve-plan`; returns the exit code. */
export async function runHubCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const session = await openSession(args, output, env);
  const { flags } = args;
  if (args.path.join(' ') === 'serve-plan') {
    const number = (name: string) => (typeof flags[name] === 'number' ? (flags[name] as number) : undefined);
    const pick: Record<string, unknown> = {
      target: args.positionals[0] as string,
      runtime: string(flags.runtime),
      context: number('context'),
      concurrency: number('concurrency'),
      gpuMem: string(flags['gpu-mem']),
      gpus: number('gpus'),
      quant: string(flags.quant),
      port: number('port'),
      expose: flags.expose === true,
      docker: flags.docker === true,
      writeConfig: flags['write-config'] === true,
      check: flags.check === true,
      configFlag: string(flags.config),
    };
    for (const [key, value] of Object.entries(pick)) if (value === undefined) delete pick[key];
    return runServePlan(session, output, pick as unknown as ServePlanFlags);
  }
  if (args.path.join(' ') === 'passport')
    return runPassport(session, output, { target: args.positionals[0] as string });
  return runHubSearch(session, output, {
    ...(args.positionals[0] !== undefined ? { query: args.positionals[0] } : {}),
    ...(string(flags.task) !== undefined ? { task: string(flags.task) } : {}),
    ...(string(flags.provider) !== undefined ? { provider: string(flags.provider) } : {}),
    ...(string(flags.app) !== undefined ? { app: string(flags.app) } : {}),
    ...(string(flags.gated) !== undefined ? { gated: string(flags.gated) } : {}),
    ...(string(flags.author) !== undefined ? { author: string(flags.author) } : {}),
    ...(typeof flags.limit === 'number' ? { limit: flags.limit } : {}),
  } as Parameters<typeof runHubSearch>[2]);
}
