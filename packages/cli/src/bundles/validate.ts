// The config and catalog commands: their own bundle (dist/validate.cjs) with zod, the JSON Schemas and the config
// editor, loaded by the main bundle only for those commands.
import { resolveConfigPath } from '@codewhale/node';
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { string } from '../cli/run.js';
import { createSession, type Env } from '../cli/session.js';
import { runCatalogSchema, runCatalogValidate } from '../commands/catalog.js';
import { runConfigPath, runConfigSchema, runConfigSet, runConfigShow, runConfigValidate } from '../commands/config.js';

/** Run a `config …` or `catalog …` command; returns the exit code. */
export async function runAdminCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const configPath = string(args.flags.config);
  switch (args.path.join(' ')) {
    case 'config path':
      return runConfigPath(output, configPath, env);
    case 'config show':
      return runConfigShow(output, configPath, env);
    case 'config set':
      return runConfigSet(output, configPath, env, args.positionals[0] as string, args.positionals[1] as string);
    case 'config validate':
      return runConfigValidate(output, configPath, env);
    case 'config schema':
      return runConfigSchema(output);
    case 'catalog validate': {
      // The bundled catalog does not depend on the config: it is not read (its warnings, or a broken file, are not
      // this command's business).
      const location = resolveConfigPath({ ...(configPath !== undefined ? { explicit: configPath } : {}), env });
      return runCatalogValidate(
        await createSession({ location, exists: false, config: {}, warnings: [], customProviders: [] }, env, output),
        output,
        string(args.flags.dir),
      );
    }
    case 'catalog schema':
      return runCatalogSchema(output, args.positionals[0]);
    default:
      throw new Error(`No handler for "${args.path.join(' ')}".`);
  }
}
