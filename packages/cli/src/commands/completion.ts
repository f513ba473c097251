import { resolveConfigPath, type LoadedConfig } from '@codewhale/node';
import type { ParsedArgs } from '../cli/argv.js';
import { ROOT, type Shell } from '../cli/commands.js';
import { completionScript, type CompletionLists } from '../cli/completion.js';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { createSession, loadUserConfig, type Env } from '../cli/session.js';
import { VERSION } from '../version.js';

/**
 * The lists a completion script offers: the registry's provider ids (the config's custom endpoints included) and canonical
 * model ids. A config that cannot be read does not stop completion: a warning says so, and the bundled providers are used.
 */
async function completionLists(explicit: string | undefined, output: Output, env: Env): Promise<CompletionLists> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadUserConfig(explicit, env);
  } catch (error) {
    if (!CliError.isInstance(error) || error.category !== 'config') throw error;
    output.warn(
      `${error.message.split('\n', 1)[0] as string} The completion script offers the bundled providers only.`,
    );
    loaded = {
      location: resolveConfigPath({ ...(explicit !== undefined ? { explicit } : {}), env }),
      exists: false,
      config: {},
      warnings: [],
      customProviders: [],
    };
  }
  // The config's own warnings (a missing key, ...) are other commands' business.
  const { registry } = await createSession(loaded, env, { ...output, warn: () => undefined });
  return { provider: registry.providerIds, model: registry.models().map((profile) => profile.id) };
}

/** `completion <shell>`: print the shell's completion script (with --json: `{ schemaVersion, shell, script }`). */
export async function runCompletion(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const shell = args.positionals[0] as Shell;
  const config = args.flags.config;
  const script = completionScript(
    shell,
    ROOT,
    await completionLists(typeof config === 'string' ? config : undefined, output, env),
    VERSION,
  );
  if (output.json) output.printJson({ schemaVersion: 1, shell, script });
  else output.out(script);
  return EXIT_CODES.ok;
}
