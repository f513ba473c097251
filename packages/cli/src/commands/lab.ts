import { spawn } from 'node:child_process';
import type { CatalogStamp } from '@codewhale/core';
import { ledgerOptionsFromConfig } from '@codewhale/node';
import { dirname } from 'node:path';
import { CliError, EXIT_CODES, usageError } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { type Env, loadUserConfig } from '../cli/session.js';
import { type LabServer, startLabServer } from '../lab/lab-server.js';
import type { RunCommand } from '../lab/run-endpoint.js';
import { VERSION } from '../version.js';

/** The lab's port when `--port` is not given (4317 would be OTLP's); taken, a free port is used instead. */
export const LAB_DEFAULT_PORT = 7807;

/** What `codewhale-route lab` was asked. */
export interface LabFlags {
  readonly port?: string;
  readonly host?: string;
  readonly expose: boolean;
  readonly open: boolean;
  /** The `--config` every command of the lab uses. */
  readonly config?: string;
}

/** How the lab runs: where its page is, and the CLI's command runner. */
export interface LabRuntime {
  readonly assetsDir: string;
  readonly runCommand: RunCommand;
  readonly catalog?: CatalogStamp;
  /** Resolves when the lab should stop (default: SIGINT or SIGTERM). */
  readonly stopped?: (server: LabServer) => Promise<void>;
}

/** `--port` as a number: 0 to 65535 (0: a free port). */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw usageError(
      `--port needs a port number from 0 to 65535 (got "${text}").`,
      'Write e.g. --port 7807.',
      'bad-flag-value',
    );
  return port;
}

/** Open a URL in the browser, detached; a failure is a warning. */
function openBrowser(url: string, output: Output): void {
  const [command, args, verbatim] =
    process.platform === 'darwin'
      ? ['open', [url], false]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url], true]
        : ['xdg-open', [url], false];
  const failed = (error: unknown) =>
    output.warn(
      `Could not open a browser (${command}: ${error instanceof Error ? error.message : String(error)}); open the address above.`,
    );
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      windowsVerbatimArguments: verbatim,
    });
    child.on('error', failed);
    child.unref();
  } catch (error) {
    failed(error);
  }
}

/** Until SIGINT or SIGTERM: then the lab closes and the command exits 0. */
function untilSignal(server: LabServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The ledger folder the receipts endpoints read, for /api/meta (absent when the config cannot be read). */
async function ledgerDir(config: string | undefined, env: Env): Promise<string | undefined> {
  try {
    const loaded = await loadUserConfig(config, env);
    return ledgerOptionsFromConfig(loaded.config, { env, configDir: dirname(loaded.location.path) }).dir;
  } catch (error) {
    if (CliError.isInstance(error)) return undefined;
    throw error;
  }
}

/**
 * `codewhale-route lab`: serve the Model Lab (a local web view of the CLI's --json answers) on 127.0.0.1 until Ctrl-C.
 * Prints the address with its token (with --json, one line as soon as it listens).
 */
export async function runLab(output: Output, env: Env, flags: LabFlags, runtime: LabRuntime): Promise<number> {
  const explicitPort = flags.port !== undefined ? parsePort(flags.port) : undefined;
  const start = (port: number) =>
    startLabServer({
      assetsDir: runtime.assetsDir,
      ...(flags.host !== undefined ? { host: flags.host } : {}),
      port,
      expose: flags.expose,
      env,
      ...(flags.config !== undefined ? { configPath: flags.config } : {}),
      runCommand: runtime.runCommand,
      version: VERSION,
      meta: async () => {
        const dir = await ledgerDir(flags.config, env);
        return {
          ...(runtime.catalog ? { catalog: runtime.catalog } : {}),
          ...(dir !== undefined ? { ledgerDir: dir } : {}),
        };
      },
      warn: (message) => output.warn(message),
    });
  let server: LabServer;
  try {
    server = await start(explicitPort ?? LAB_DEFAULT_PORT);
  } catch (error) {
    if (explicitPort !== undefined || !CliError.isInstance(error) || error.options.code !== 'lab-port-taken')
      throw error;
    server = await start(0);
    output.err(`note: port ${LAB_DEFAULT_PORT} is taken; the lab uses port ${server.port} instead.`);
  }
  // Listening for the signals before the address is printed: whoever reads it may stop the lab at once.
  const stopped = (runtime.stopped ?? untilSignal)(server);
  if (output.json) {
    output.out(JSON.stringify({ schemaVersion: 1, origin: server.origin, url: server.url, port: server.port }));
  } else {
    output.out(`CodeWhale Lab: ${server.url}`);
    output.out(
      flags.expose
        ? `Serving on ${flags.host ?? '127.0.0.1'} port ${server.port}; the token in that address is the key. Ctrl-C to stop.`
        : `Local and private: only this machine can reach it, and only with the token in that address. Ctrl-C to stop.`,
    );
  }
  if (flags.open) openBrowser(server.url, output);
  await stopped;
  return EXIT_CODES.ok;
}
