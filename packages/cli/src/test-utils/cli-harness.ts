// Runs the BUILT binary (dist/codewhale-route.cjs) as a child process in a sandbox: a temp HOME, XDG dirs and
// CODEWHALE_CACHE_DIR, and an environment with no API keys, so tests never touch the real home or the network.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
export const BIN = fileURLToPath(new URL('../../dist/codewhale-route.cjs', import.meta.url));

if (!existsSync(BIN))
  throw new Error(`${BIN} is missing: build the CLI first (pnpm turbo run build --filter=@codewhale/cli).`);

/** What a run printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A throw-away home for one test file. */
export interface Sandbox {
  readonly dir: string;
  readonly configFile: string;
  readonly cacheDir: string;
  /** The environment a run gets (plus `extra`). */
  env(extra?: Readonly<Record<string, string>>): Record<string, string>;
  run(
    args: readonly string[],
    options?: { readonly env?: Readonly<Record<string, string>>; readonly nodeArgs?: readonly string[] },
  ): Promise<CliRun>;
  /** Write the platform-default config file. */
  writeConfig(text: string): void;
  readConfig(): string;
  cleanup(): void;
}

/** A sandbox with its own HOME, XDG dirs and cache dir. */
export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-cli-'));
  const home = join(dir, 'home');
  const configHome = join(dir, 'config');
  const cacheDir = join(dir, 'cache');
  mkdirSync(home, { recursive: true });
  const configFile = join(configHome, 'codewhale', 'config.toml');
  const env = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: configHome,
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    CODEWHALE_CACHE_DIR: cacheDir,
    LANG: 'C.UTF-8',
    ...extra,
  });
  return {
    dir,
    configFile,
    cacheDir,
    env,
    run(args, options = {}) {
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [...(options.nodeArgs ?? []), BIN, ...args],
          { env: env(options.env), timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
          },
        );
      });
    },
    writeConfig(text) {
      mkdirSync(join(configHome, 'codewhale'), { recursive: true });
      writeFileSync(configFile, text);
    },
    readConfig: () => readFileSync(configFile, 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A recorded provider body from `src/__fixtures__` (copied from the shared fixtures, with its .source.txt). */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}.json`, import.meta.url), 'utf8'));
}

type Answer = { readonly status: number; readonly json?: unknown; readonly text?: string };

/** A loopback server that replays recorded bodies by `METHOD path` and records every request. */
export interface Replay {
  readonly url: string;
  readonly requests: { readonly method: string; readonly path: string; readonly headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const servers: Server[] = [];

/** Start a replay server on 127.0.0.1:0. Unknown paths answer 404. */
export async function replay(
  routes: Readonly<Record<string, Answer | ((headers: IncomingHttpHeaders, body: string) => Answer)>>,
): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? 'GET', path: request.url ?? '', headers: request.headers });
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const route = routes[`${request.method} ${request.url}`];
      const answer = typeof route === 'function' ? route(request.headers, body) : route;
      if (!answer) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      response
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(answer.text ?? JSON.stringify(answer.json ?? {}));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Close every replay server started by this file. */
export async function closeReplays(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
}

/** Parse stdout as JSON (fails the test with the output when it is not). */
export function json(run: CliRun): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
