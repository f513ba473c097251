// The lab (`codewhale-route lab`): its own bundle (dist/lab.cjs) with the HTTP server, loaded by the main bundle only
// when `lab` runs. The page it serves is the front end's build, dist/lab/ (lab-ui/). Commands the page asks for run in
// this process through the main bundle's runCommand, handed over here.
import { join } from 'node:path';
import type { CatalogStamp } from '@codewhale/core';
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { string } from '../cli/run.js';
import type { Env } from '../cli/session.js';
import { runLab } from '../commands/lab.js';
import type { RunCommand } from '../lab/run-endpoint.js';

declare const __CATALOG_STAMP__: CatalogStamp | undefined;

/** Run `codewhale-route lab` until SIGINT or SIGTERM; returns the exit code. */
export async function runLabCommand(
  args: ParsedArgs,
  output: Output,
  env: Env,
  runCommand: RunCommand,
): Promise<number> {
  const { flags } = args;
  const config = string(flags.config);
  const port = string(flags.port);
  const host = string(flags.host);
  return runLab(
    output,
    env,
    {
      expose: flags.expose === true,
      open: flags.open === true,
      ...(port !== undefined ? { port } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(config !== undefined ? { config } : {}),
    },
    {
      assetsDir: join(__dirname, 'lab'),
      runCommand,
      ...(typeof __CATALOG_STAMP__ === 'object' ? { catalog: __CATALOG_STAMP__ } : {}),
    },
  );
}
