import type { FlagValue, ParsedArgs } from './argv.js';
import type { Output } from './output.js';
import type { Env, Session } from './session.js';
import type { RouteCommandFlags } from '../commands/route.js';

const string = (value: FlagValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: FlagValue | undefined): readonly string[] | undefined => (Array.isArray(value) ? (value as readonly string[]) : undefined);

function routeFlags(args: ParsedArgs): RouteCommandFlags {
  const { flags } = args;
  const pick: Record<string, unknown> = {};
  for (const name of ['provider', 'model', 'base-url', 'role', 'purpose', 'prefer', 'reasoning']) if (typeof flags[name] === 'string') pick[name] = flags[name];
  if (Array.isArray(flags.require)) pick.require = flags.require;
  if (typeof flags.context === 'number') pick.context = flags.context;
  if (args.positionals[0] !== undefined) pick.ref = args.positionals[0];
  return pick as RouteCommandFlags;
}

/**
 * Run a parsed command; returns the exit code. Each command's module is loaded with import() when it runs: `config path`
 * does not load the catalog, and only the live commands load the HTTP client (undici).
 */
export async function runCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const configPath = string(args.flags.config);
  const session = async (): Promise<Session> => {
    const { createSession, loadUserConfig } = await import('./session.js');
    return createSession(await loadUserConfig(configPath, env), env, output);
  };
  const providers = list(args.flags.provider);
  switch (args.path.join(' ')) {
    case 'providers':
      return (await import('../commands/providers.js')).runProviders(await session(), output);
    case 'models': {
      const current = await session();
      if (args.flags.live === true) return (await import('../commands/live.js')).runModelsLive(current, output, providers);
      const { chosenProviders, printModels } = await import('../commands/models.js');
      return printModels(current, output, chosenProviders(current, providers));
    }
    case 'resolve':
      return (await import('../commands/route.js')).runResolve(await session(), output, routeFlags(args));
    case 'explain':
      return (await import('../commands/route.js')).runExplain(await session(), output, routeFlags(args));
    case 'compare':
      return (await import('../commands/compare.js')).runCompare(await session(), output, args.positionals[0] as string);
    case 'discover':
      return (await import('../commands/live.js')).runDiscover(await session(), output, providers);
    case 'health':
      return (await import('../commands/live.js')).runHealth(await session(), output, providers);
    case 'usage':
      return (await import('../commands/live.js')).runUsage(await session(), output, providers);
    case 'config path':
      return (await import('../commands/config.js')).runConfigPath(output, configPath, env);
    case 'config show':
      return (await import('../commands/config.js')).runConfigShow(output, configPath, env);
    case 'config set':
      return (await import('../commands/config.js')).runConfigSet(output, configPath, env, args.positionals[0] as string, args.positionals[1] as string);
    case 'config validate':
      return (await import('../commands/config.js')).runConfigValidate(output, configPath, env);
    case 'config schema':
      return (await import('../commands/config.js')).runConfigSchema(output);
    case 'catalog validate':
      return (await import('../commands/catalog.js')).runCatalogValidate(await session(), output, string(args.flags.dir));
    case 'catalog schema':
      return (await import('../commands/catalog.js')).runCatalogSchema(output, args.positionals[0]);
    default:
      throw new Error(`No handler for "${args.path.join(' ')}".`);
  }
}
