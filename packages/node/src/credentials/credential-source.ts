import { CodewhaleError, type AuthStatus, type CredentialQuery, type CredentialSource, type ProviderConfig, type UserConfig } from '@codewhale/core';
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
   * Credential values this source can see without running commands, to refuse them in caches and logs: explicit keys,
   * config `api_key`s, and the values of the given credential variable names (descriptors' and tables' `api_key_env`).
   */
  knownValues(envVarNames: readonly string[], config?: UserConfig): readonly string[];
}

type Plan =
  | { readonly kind: 'none'; readonly status: AuthStatus }
  | { readonly kind: 'value'; readonly status: AuthStatus; readonly value: string }
  | { readonly kind: 'command'; readonly status: AuthStatus; readonly argv: readonly string[]; readonly table: string }
  | { readonly kind: 'keyring'; readonly status: AuthStatus; readonly providerId: string };

const present = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

function tableName(query: CredentialQuery): string {
  return `[providers.${query.descriptor.configKey ?? query.providerId}]`;
}

function runCommand(argv: readonly string[], table: string, timeoutMs: number): Promise<string> {
  const [command, ...args] = argv;
  // Loaded here: resolving a route never spawns anything, and node:child_process is a noticeable part of a cold start.
  const { execFile } = nodeChildProcess();
  return new Promise((resolve, reject) => {
    if (!command) {
      reject(new CredentialError(CREDENTIAL_ERROR_CODES.COMMAND_FAILED, `api_key_command in ${table} is empty.`));
      return;
    }
    // No shell: the argv runs as given. Output is never echoed into messages (it is the key).
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024, shell: false, windowsHide: true }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException & { killed?: boolean }).killed ? `timed out after ${timeoutMs} ms` : typeof error.code === 'number' ? `exited with code ${error.code}` : `failed (${String(error.code ?? 'error')})`;
        reject(new CredentialError(CREDENTIAL_ERROR_CODES.COMMAND_FAILED, `api_key_command in ${table} ${code}. Run it yourself to check; its output is never shown here.`));
        return;
      }
      const key = present(String(stdout).split(/\r?\n/, 1)[0]);
      if (!key) reject(new CredentialError(CREDENTIAL_ERROR_CODES.COMMAND_FAILED, `api_key_command in ${table} printed no key on its first line.`));
      else resolve(key);
    });
  });
}

/**
 * Credentials from the explicit host value, the provider's `[providers.<id>]` table (`api_key`, `api_key_command`,
 * `api_key_env`), the environment variables its descriptor declares (in order) and an optional keyring.
 * Precedence: explicit > config table > env > keyring. Binding rule: an ambient key (descriptor env var, keyring)
 * attaches only to the provider's own endpoint; a custom base URL gets only a key configured in its table.
 * `auth_mode = "none"` sends nothing. No provider ever reads another provider's names.
 */
export function createCredentialSource(options: CredentialSourceOptions = {}): NodeCredentialSource {
  const env = options.env ?? process.env;
  const timeoutMs = options.commandTimeoutMs ?? 5000;

  function plan(query: CredentialQuery): Plan {
    const table: ProviderConfig | undefined = query.config;
    if (table?.auth_mode === 'none' || query.descriptor.auth.scheme === 'none') return { kind: 'none', status: { source: 'not-required' } };
    const explicit = present(options.explicit?.[query.providerId]);
    if (explicit) return { kind: 'value', status: { source: 'explicit' }, value: explicit };
    if (table) {
      const inline = present(table.api_key);
      if (inline) return { kind: 'value', status: { source: 'config' }, value: inline };
      if (table.api_key_command) return { kind: 'command', status: { source: 'command' }, argv: table.api_key_command, table: tableName(query) };
      if (table.api_key_env) {
        const value = present(env[table.api_key_env]);
        return value ? { kind: 'value', status: { source: 'env', envVar: table.api_key_env }, value } : { kind: 'none', status: { source: 'missing' } };
      }
    }
    if (query.official) {
      for (const name of query.descriptor.auth.envVars) {
        const value = present(env[name]);
        if (value) return { kind: 'value', status: { source: 'env', envVar: name }, value };
      }
      if (options.keyring?.has(query.providerId)) return { kind: 'keyring', status: { source: 'keyring' }, providerId: query.providerId };
    }
    return { kind: 'none', status: { source: query.descriptor.auth.optional ? 'not-required' : 'missing' } };
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
        case 'command':
          return { status: chosen.status, secret: new SecretValue(await runCommand(chosen.argv, chosen.table, timeoutMs)) };
        case 'keyring': {
          let value: string | undefined;
          try {
            value = present(await options.keyring?.get(chosen.providerId));
          } catch {
            throw new CredentialError(CREDENTIAL_ERROR_CODES.KEYRING_FAILED, `The keyring could not read the key for ${query.providerId}.`);
          }
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
      return [...values];
    },
  };
}
