import {
  CodewhaleError,
  credentialBinding,
  type AuthStatus,
  type CredentialQuery,
  type CredentialSource,
  type Registry,
  type UserConfig,
} from '@codewhale/core';
import type { KeyringAdapter } from './keyring.js';
import { SecretValue } from './secret-value.js';
import { nodeChildProcess } from '../lazy-builtins.js';

/** Stable codes of credential errors. */
export const CREDENTIAL_ERROR_CODES = {
  COMMAND_FAILED: 'CREDENTIAL_COMMAND_FAILED',
  KEYRING_FAILED: 'CREDENTIAL_KEYRING_FAILED',
  CHANGED: 'CREDENTIAL_CHANGED',
} as const;

/** A credential could not be read (a command failed, a keyring refused). The message never contains a value. */
export class CredentialError extends CodewhaleError {
  constructor(code: (typeof CREDENTIAL_ERROR_CODES)[keyof typeof CREDENTIAL_ERROR_CODES], message: string) {
    super(code, message);
    this.name = 'CredentialError';
  }
}

/** Options of {@link createCredentialSource}. */
export interface CredentialSourceOptions {
  /** Environment to read (default: `process.env`). Whitespace-only values count as unset. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Keys the host passes explicitly, by provider id. Bound to that provider, used on any endpoint the host routes it to. */
  readonly explicit?: Readonly<Record<string, string>>;
  /** An OS keyring a host plugs in (ambient: official endpoints only). */
  readonly keyring?: KeyringAdapter;
  /** Timeout of `api_key_command` (default 5 s). */
  readonly commandTimeoutMs?: number;
  /**
   * The registry, for the owners of env var names: a query that comes without `envVarOwner` (a host building its own)
   * is still checked, so a table's `api_key_env` naming another provider's variable is refused. Queries from the
   * resolver carry it already.
   */
  readonly registry?: Pick<Registry, 'envVarOwner'>;
}

/** A credential ready for the code that builds request headers: its class, and the value in a redacting holder. */
export interface ResolvedCredential {
  readonly status: AuthStatus;
  readonly secret: SecretValue;
}

/** Core's credential source plus the async read of values and the list of known values (for leak checks). */
export interface NodeCredentialSource extends CredentialSource {
  /** The value for a route's endpoint, by the same rules as `describe`; `undefined` when none applies. */
  resolve(query: CredentialQuery): Promise<ResolvedCredential | undefined>;
  /**
   * Credential values this source can see, to refuse them in caches and logs: explicit keys, config `api_key`s, the
   * values of the given credential variable names (descriptors' and tables' `api_key_env`), and every value it has
   * resolved so far (`api_key_command` outputs, keyring values). Runs no command and reads no keyring.
   */
  knownValues(envVarNames: readonly string[], config?: UserConfig): readonly string[];
}

type Plan =
  | { readonly kind: 'none'; readonly status: AuthStatus }
  | { readonly kind: 'value'; readonly status: AuthStatus; readonly value: string }
  | { readonly kind: 'command'; readonly status: AuthStatus; readonly argv: readonly string[]; readonly table: string }
  | { readonly kind: 'keyring'; readonly status: AuthStatus; readonly providerId: string };

const present = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

function tableName(query: CredentialQuery): string {
  return `[providers.${query.descriptor.configKey ?? query.providerId}]`;
}

/** How long a timed-out `api_key_command` gets after SIGTERM before its whole process group is killed. */
const KILL_GRACE_MS = 500;
/** The most an `api_key_command` may print (a key is a line). */
const COMMAND_MAX_BYTES = 64 * 1024;

/**
 * Run an `api_key_command` without a shell, in its own process group. On timeout the promise settles at once, and the
 * group (the command and anything it started) gets SIGTERM, then SIGKILL after {@link KILL_GRACE_MS}: a command that
 * ignores SIGTERM, or a grandchild holding its output open, never outlives the timeout by more than the grace.
 */
function runCommand(argv: readonly string[], table: string, timeoutMs: number): Promise<string> {
  const [command, ...args] = argv;
  // Loaded here: resolving a route never spawns anything, and node:child_process is a noticeable part of a cold start.
  const { spawn } = nodeChildProcess();
  const failed = (why: string) =>
    new CredentialError(
      CREDENTIAL_ERROR_CODES.COMMAND_FAILED,
      `api_key_command in ${table} ${why}. Run it yourself to check; its output is never shown here.`,
    );
  return new Promise((resolve, reject) => {
    if (!command) {
      reject(new CredentialError(CREDENTIAL_ERROR_CODES.COMMAND_FAILED, `api_key_command in ${table} is empty.`));
      return;
    }
    // Its own process group (POSIX), so a timeout can kill the command and every process it started.
    const group = process.platform !== 'win32';
    let child: import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, null>;
    try {
      // No shell: the argv runs as given. Output is never echoed into messages (it is the key).
      child = spawn(command, args, {
        detached: group,
        stdio: ['ignore', 'pipe', 'ignore'],
        shell: false,
        windowsHide: true,
      });
    } catch (error) {
      reject(failed(`failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let overflow = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const finish = (error: CredentialError | undefined, key?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(key as string);
    };
    const timer = setTimeout(() => {
      finish(failed(`timed out after ${timeoutMs} ms`));
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS);
      child.stdout.destroy();
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => finish(failed(`failed (${String(error.code ?? 'error')})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= COMMAND_MAX_BYTES) chunks.push(chunk);
      else if (!overflow) {
        overflow = true;
        kill('SIGKILL');
      }
    });
    child.on('close', (code, signal) => {
      if (overflow) return finish(failed(`printed more than ${COMMAND_MAX_BYTES / 1024} KiB`));
      if (code !== 0)
        return finish(failed(code === null ? `was killed (${signal ?? 'signal'})` : `exited with code ${code}`));
      const key = present(Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0]);
      if (!key)
        finish(
          new CredentialError(
            CREDENTIAL_ERROR_CODES.COMMAND_FAILED,
            `api_key_command in ${table} printed no key on its first line.`,
          ),
        );
      else finish(undefined, key);
    });
  });
}

/**
 * Credentials from the explicit host value, the provider's `[providers.<id>]` table (`api_key`, `api_key_command`,
 * `api_key_env`), the environment variables its descriptor declares (in order) and an optional keyring.
 * Precedence: explicit > config table > env > keyring. Every query is checked with core's binding rule
 * (`credentialBinding`), the same one the resolver enforces: a table's key goes only to that table's `base_url` (or the
 * official endpoint when it has none) and is then the only source; an `api_key_env` naming another provider's variable
 * is refused; ambient keys (descriptor env vars, keyring) attach only to the official endpoint, and a local runtime reads
 * none (no keyring either) unless its table asks for a key; a table that asks for a key and has none is `missing`.
 * `auth_mode = "none"` sends nothing.
 */
export function createCredentialSource(options: CredentialSourceOptions = {}): NodeCredentialSource {
  const env = options.env ?? process.env;
  const timeoutMs = options.commandTimeoutMs ?? 5000;
  const resolvedValues = new Set<string>();
  const registry = options.registry;
  const withOwners = (query: CredentialQuery): CredentialQuery =>
    query.envVarOwner || !registry ? query : { ...query, envVarOwner: (name: string) => registry.envVarOwner(name) };

  function plan(asked: CredentialQuery): Plan {
    const query = withOwners(asked);
    const binding = credentialBinding(query);
    if (binding.none) return { kind: 'none', status: { source: 'not-required' } };
    const explicit = present(options.explicit?.[query.providerId]);
    if (explicit) return { kind: 'value', status: { source: 'explicit' }, value: explicit };
    const table = query.config;
    if (table && binding.table) {
      const inline = present(table.api_key);
      if (inline) return { kind: 'value', status: { source: 'config' }, value: inline };
      if (table.api_key_command)
        return { kind: 'command', status: { source: 'command' }, argv: table.api_key_command, table: tableName(query) };
      if (table.api_key_env !== undefined) {
        const value = binding.tableEnv ? present(env[table.api_key_env]) : undefined;
        return value
          ? { kind: 'value', status: { source: 'env', envVar: table.api_key_env }, value }
          : { kind: 'none', status: { source: 'missing' } };
      }
    }
    if (binding.ambient) {
      for (const name of query.descriptor.auth.envVars) {
        const owner = query.envVarOwner?.(name);
        if (owner !== undefined && owner !== query.providerId) continue;
        const value = present(env[name]);
        if (value) return { kind: 'value', status: { source: 'env', envVar: name }, value };
      }
      if (options.keyring?.has(query.providerId))
        return { kind: 'keyring', status: { source: 'keyring' }, providerId: query.providerId };
    }
    return {
      kind: 'none',
      status: { source: !binding.keyRequired && query.descriptor.auth.optional ? 'not-required' : 'missing' },
    };
  }
  return {
    describe: (query) => plan(query).status,
    async resolve(query) {
      const chosen = plan(query);
      switch (chosen.kind) {
        case 'none':
          return undefined;
        case 'value':
          return { status: chosen.status, secret: new SecretValue(chosen.value) };
        case 'command': {
          const value = await runCommand(chosen.argv, chosen.table, timeoutMs);
          resolvedValues.add(value);
          return { status: chosen.status, secret: new SecretValue(value) };
        }
        case 'keyring': {
          let value: string | undefined;
          try {
            value = present(await options.keyring?.get(chosen.providerId));
          } catch {
            throw new CredentialError(
              CREDENTIAL_ERROR_CODES.KEYRING_FAILED,
              `The keyring could not read the key for ${query.providerId}.`,
            );
          }
          if (value) resolvedValues.add(value);
          return value ? { status: chosen.status, secret: new SecretValue(value) } : undefined;
        }
      }
    },
    knownValues(envVarNames, config) {
      const values = new Set<string>();
      const add = (value: string | undefined) => {
        const key = present(value);
        if (key) values.add(key);
      };
      for (const value of Object.values(options.explicit ?? {})) add(value);
      for (const table of Object.values(config?.providers ?? {})) {
        add(table.api_key);
        if (table.api_key_env) add(env[table.api_key_env]);
      }
      for (const name of envVarNames) add(env[name]);
      for (const value of resolvedValues) add(value);
      return [...values];
    },
  };
}
