import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Environment variables a grader command may see, copied from the parent when set: nothing that can hold a credential. */
export const COMMAND_ENV_ALLOWLIST = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TZ',
  'SYSTEMROOT',
  'TEMP',
  'TMP',
] as const;

/** Most bytes of a command's output kept (for the reason of a failure); the rest is drained and dropped. */
const OUTPUT_MAX_BYTES = 4096;

/** What one grader command did. */
export interface CommandOutcome {
  /** True when it exited 0 within its timeout. */
  readonly pass: boolean;
  /** Exit code, when it exited. */
  readonly exitCode?: number;
  /** True when the timeout killed it (its whole process group). */
  readonly timedOut: boolean;
  /** Why it failed, one line (the start of its stderr, or the spawn error's code). */
  readonly reason?: string;
}

/** Options of {@link runGraderCommand}. */
export interface RunCommandOptions {
  /** Program and arguments: run directly, never through a shell. */
  readonly argv: readonly string[];
  /** Written to the command's stdin. */
  readonly input: string;
  /** Working directory. */
  readonly cwd: string;
  /** Milliseconds before the process group is killed (SIGKILL). */
  readonly timeoutMs: number;
  /** Source of the allowlisted variables (default `process.env`); nothing else of it is passed on. */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
}

/** The environment of a grader command: only {@link COMMAND_ENV_ALLOWLIST} names, copied from `parentEnv`. */
export function graderCommandEnv(
  parentEnv: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of COMMAND_ENV_ALLOWLIST) {
    const value = parentEnv[name];
    if (typeof value === 'string') env[name] = value;
  }
  return env;
}

/**
 * Run a grader command with the answer on stdin, without a shell, in its own process group, with an environment built
 * from an allowlist (never the parent's environment as a whole, so no key variable reaches it). At the timeout the
 * whole group is killed, so children it started die with it. Never rejects.
 */
export function runGraderCommand(options: RunCommandOptions): Promise<CommandOutcome> {
  return new Promise((done) => {
    const [program, ...args] = options.argv;
    if (program === undefined) {
      done({ pass: false, timedOut: false, reason: 'no command' });
      return;
    }
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, args, {
        cwd: resolve(options.cwd),
        env: graderCommandEnv(options.parentEnv),
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      done({
        pass: false,
        timedOut: false,
        reason: `could not start: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      });
      return;
    }
    let stderr = '';
    let settled = false;
    let timedOut = false;
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const finish = (outcome: CommandOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever it started in its group goes too, even when the command itself exited.
      killGroup();
      done(outcome);
    };
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < OUTPUT_MAX_BYTES) stderr += chunk.toString('utf8').slice(0, OUTPUT_MAX_BYTES - stderr.length);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({ pass: false, timedOut: false, reason: `could not start ${program}: ${error.code ?? 'error'}` }),
    );
    child.on('close', (code, signal) => {
      if (timedOut) finish({ pass: false, timedOut: true, reason: `timed out after ${options.timeoutMs} ms (killed)` });
      else if (code === 0) finish({ pass: true, exitCode: 0, timedOut: false });
      else
        finish({
          pass: false,
          ...(code !== null ? { exitCode: code } : {}),
          timedOut: false,
          reason: `${code !== null ? `exit ${code}` : `signal ${signal ?? 'unknown'}`}${firstLine(stderr)}`,
        });
    });
    child.stdin?.on('error', () => {
      // The command may exit without reading its input: that is its answer, not an error.
    });
    child.stdin?.end(options.input);
  });
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]?.trim();
  return line ? `: ${line.slice(0, 200)}` : '';
}
