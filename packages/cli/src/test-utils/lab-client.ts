// Requests to a lab server over node:http (fetch cannot set Host, and undici does not resolve from this package), and
// the built binary's `lab` command as a child process.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { BIN } from './cli-harness.js';

/** What a lab server answered. */
export interface LabAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/**
 * One request to `origin` + `path` (raw: not normalised, so `/../x` reaches the server as written). An empty `Host`
 * header sends none at all.
 */
export function labRequest(
  origin: string,
  path: string,
  options: { readonly method?: string; readonly headers?: Readonly<Record<string, string>> } = {},
): Promise<LabAnswer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries(options.headers ?? {}).filter(
            ([name, value]) => name.toLowerCase() !== 'host' || value !== '',
          ),
        ),
        setHost: !Object.entries(options.headers ?? {}).some(
          ([name, value]) => name.toLowerCase() === 'host' && value === '',
        ),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A `codewhale-route lab` child process, listening. */
export interface LabChild {
  readonly origin: string;
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Send a signal and wait for the exit code (null when it died of the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Everything one child process printed and how it ended (a run that is expected to exit). */
export interface LabExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function startChild(args: readonly string[], env: Readonly<Record<string, string>>) {
  const child = spawn(process.execPath, [BIN, 'lab', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Start `codewhale-route lab <args>` and wait until it listens: with `--json` (the default) its first stdout line, else
 * its `CodeWhale Lab: <url>` line.
 */
export async function startLabChild(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: { readonly json?: boolean } = {},
): Promise<LabChild> {
  const json = options.json ?? true;
  const run = startChild(json ? [...args, '--json'] : args, env);
  const first = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const newline = run.stdout().indexOf('\n');
      if (newline >= 0) {
        run.child.stdout.off('data', look);
        resolve(run.stdout().slice(0, newline));
      }
    };
    run.child.stdout.on('data', look);
    void run.exited.then((code) =>
      reject(new Error(`lab exited (${code}) before listening:\n${run.stdout()}\n${run.stderr()}`)),
    );
  });
  const url = json ? (JSON.parse(first) as { url: string }).url : first.replace(/^CodeWhale Lab: /, '');
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') as string,
    child: run.child,
    stdout: run.stdout,
    stderr: run.stderr,
    stop: async (signal = 'SIGTERM') => {
      run.child.kill(signal);
      return run.exited;
    },
  };
}

/** Run `codewhale-route lab <args>` expecting it to exit by itself (a refusal). */
export async function runLabChild(args: readonly string[], env: Readonly<Record<string, string>>): Promise<LabExit> {
  const run = startChild(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
