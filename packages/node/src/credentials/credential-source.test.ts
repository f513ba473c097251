import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { CredentialQuery, ProviderConfig, ProviderDescriptor } from '@codewhale/core';
import { describe, expect, it, vi } from 'vitest';
import { createCredentialSource } from './credential-source.js';
import { requestCredential } from './request-credential.js';
import { revealSecret, SecretValue } from './secret-value.js';

const CANARY = 'sk-canary-2a8f1d9c-credentials';

const descriptor = (overrides: Partial<ProviderDescriptor> = {}): ProviderDescriptor => ({
  id: 'together',
  displayName: 'Together AI',
  class: 'aggregator',
  auth: { scheme: 'bearer', envVars: ['TOGETHER_API_KEY', 'TOGETHER_KEY'], optional: false },
  endpoints: { chat: { baseUrl: 'https://api.together.xyz/v1', protocol: 'chat-completions' } },
  defaultEndpoint: 'chat',
  liveListing: { supported: true },
  modelIds: { style: 'aggregator', caseSensitive: true },
  ...overrides,
});

const query = (
  overrides: { official?: boolean; config?: ProviderConfig; descriptor?: ProviderDescriptor; providerId?: string } = {},
): CredentialQuery => ({
  providerId: overrides.providerId ?? 'together',
  descriptor: overrides.descriptor ?? descriptor(),
  baseUrl: overrides.official === false ? 'https://proxy.example.test/v1' : 'https://api.together.xyz/v1',
  official: overrides.official ?? true,
  config: overrides.config,
});

describe('credential source', () => {
  it('reads the descriptor env vars in order; whitespace-only counts as unset', async () => {
    const source = createCredentialSource({ env: { TOGETHER_API_KEY: '   ', TOGETHER_KEY: ` ${CANARY} ` } });
    expect(source.describe(query())).toEqual({ source: 'env', envVar: 'TOGETHER_KEY' });
    const resolved = await source.resolve(query());
    expect(resolved && revealSecret(resolved.secret)).toBe(CANARY);
  });

  it('explicit > config table > env', () => {
    const env = { TOGETHER_API_KEY: 'env-key-123456' };
    expect(
      createCredentialSource({ env, explicit: { together: 'explicit-key-1' } }).describe(
        query({ config: { api_key: 'config-key-1' } }),
      ),
    ).toEqual({ source: 'explicit' });
    expect(createCredentialSource({ env }).describe(query({ config: { api_key: 'config-key-1' } }))).toEqual({
      source: 'config',
    });
    expect(
      createCredentialSource({ env }).describe(query({ config: { api_key_command: ['pass', 'together'] } })),
    ).toEqual({ source: 'command' });
    expect(
      createCredentialSource({ env: { ...env, MY_KEY: 'bound-key-123' } }).describe(
        query({ config: { api_key_env: 'MY_KEY' } }),
      ),
    ).toEqual({ source: 'env', envVar: 'MY_KEY' });
    expect(createCredentialSource({ env }).describe(query())).toEqual({ source: 'env', envVar: 'TOGETHER_API_KEY' });
  });

  it("binds ambient keys to the official endpoint only; a custom base URL gets only its table's key", () => {
    const env = { TOGETHER_API_KEY: CANARY, PROXY_KEY: 'proxy-key-123' };
    const keyring = { has: () => true, get: async () => 'keyring-key-1' };
    expect(createCredentialSource({ env, keyring }).describe(query({ official: false }))).toEqual({
      source: 'missing',
    });
    expect(
      createCredentialSource({ env, keyring }).describe(
        query({ official: false, config: { base_url: 'https://proxy.example.test/v1/', api_key_env: 'PROXY_KEY' } }),
      ),
    ).toEqual({ source: 'env', envVar: 'PROXY_KEY' });
    expect(createCredentialSource({ keyring }).describe(query())).toEqual({ source: 'keyring' });
    // A table that names an unset variable does not fall back to ambient keys.
    expect(createCredentialSource({ env }).describe(query({ config: { api_key_env: 'UNSET_KEY' } }))).toEqual({
      source: 'missing',
    });
  });

  it('never reads another provider\'s names, and auth_mode = "none" sends nothing', async () => {
    const env = { TOGETHER_API_KEY: CANARY };
    const other = descriptor({
      id: 'together-proxy',
      auth: { scheme: 'bearer', envVars: ['PROXY_API_KEY'], optional: false },
    });
    expect(
      createCredentialSource({ env }).describe(query({ providerId: 'together-proxy', descriptor: other })),
    ).toEqual({ source: 'missing' });
    const none = createCredentialSource({ env });
    expect(none.describe(query({ config: { auth_mode: 'none' } }))).toEqual({ source: 'not-required' });
    expect(await none.resolve(query({ config: { auth_mode: 'none' } }))).toBeUndefined();
  });

  it("sends a table's key only to that table's base_url (or the official endpoint when it has none)", async () => {
    /** @see issue 13 item 3 */
    const env = { CORP_PROXY_KEY: CANARY, TOGETHER_API_KEY: 'tk-ambient-1234567' };
    const config: ProviderConfig = { base_url: 'https://corp-proxy.example/v1', api_key_env: 'CORP_PROXY_KEY' };
    const source = createCredentialSource({ env });
    // A base-URL override (TOGETHER_BASE_URL, --base-url) moves the route away from the table's base_url.
    const elsewhere = { ...query({ official: false, config }), baseUrl: 'http://127.0.0.1:9/x' };
    expect(source.describe(elsewhere)).toEqual({ source: 'missing' });
    expect(await source.resolve(elsewhere)).toBeUndefined();
    expect(
      source.describe({ ...query({ official: false, config }), baseUrl: 'https://corp-proxy.example/v1' }),
    ).toEqual({ source: 'env', envVar: 'CORP_PROXY_KEY' });
    // No base_url in the table: its key belongs to the official endpoint only.
    expect(source.describe(query({ official: false, config: { api_key: 'inline-key-1234567' } }))).toEqual({
      source: 'missing',
    });
    expect(source.describe(query({ config: { api_key: 'inline-key-1234567' } }))).toEqual({ source: 'config' });
  });

  it("refuses an api_key_env naming another provider's variable, with or without the query's envVarOwner", async () => {
    /** @see issue 13 item 1 */
    const env = { DEEPSEEK_API_KEY: CANARY };
    const config: ProviderConfig = { base_url: 'http://127.0.0.1:9/v1', api_key_env: 'DEEPSEEK_API_KEY' };
    const at = { ...query({ official: false, config }), baseUrl: 'http://127.0.0.1:9/v1' };
    const owners = {
      envVarOwner: (name: string) =>
        name.startsWith('DEEPSEEK_') ? 'deepseek' : name.startsWith('TOGETHER_') ? 'together' : undefined,
    };
    expect(createCredentialSource({ env }).describe({ ...at, ...owners })).toEqual({ source: 'missing' });
    // A host that builds its own query (no envVarOwner) is still checked when the source knows the registry.
    const guarded = createCredentialSource({ env, registry: owners });
    expect(guarded.describe(at)).toEqual({ source: 'missing' });
    expect(await guarded.resolve(at)).toBeUndefined();
  });

  it('a local runtime reads no keyring and no ambient key unless its table asks; a table that asks and has none is missing', async () => {
    /** @see issue 12 item 3, issue 12 item 11 */
    const local = descriptor({
      id: 'vllm',
      class: 'local',
      auth: { scheme: 'bearer', envVars: ['VLLM_API_KEY'], optional: true },
      endpoints: { chat: { baseUrl: 'http://127.0.0.1:8000/v1', protocol: 'chat-completions' } },
    });
    let keyringReads = 0;
    const keyring = {
      has: () => {
        keyringReads++;
        return true;
      },
      get: async () => {
        keyringReads++;
        return 'keyring-key-1';
      },
    };
    const at = (config?: ProviderConfig, baseUrl = 'http://127.0.0.1:8000/v1') => ({
      providerId: 'vllm',
      descriptor: local,
      baseUrl,
      official: true,
      config,
    });
    const source = createCredentialSource({ env: { VLLM_API_KEY: CANARY }, keyring });
    expect(source.describe(at())).toEqual({ source: 'not-required' });
    expect(await source.resolve(at())).toBeUndefined();
    expect(keyringReads).toBe(0);
    // The table asks for a key: ambient keys may serve it; with none at all it is missing, never not-required.
    expect(source.describe(at({ auth_mode: 'bearer' }))).toEqual({ source: 'env', envVar: 'VLLM_API_KEY' });
    expect(createCredentialSource({ env: {} }).describe(at({ auth_mode: 'bearer' }))).toEqual({ source: 'missing' });
    expect(
      createCredentialSource({ env: {} }).describe(
        at({ base_url: 'http://127.0.0.1:28000/v1', api_key_env: 'LMSTUDIO_KEY' }, 'http://127.0.0.1:28000/v1'),
      ),
    ).toEqual({ source: 'missing' });
    // A configured remote host is never a local runtime's official endpoint: no ambient key goes there.
    expect(
      source.describe(at({ base_url: 'http://ollama.example/v1', auth_mode: 'bearer' }, 'http://ollama.example/v1')),
    ).toEqual({ source: 'missing' });
    expect(keyringReads).toBe(0);
  });

  it('runs api_key_command without a shell, with a timeout, never echoing its output', async () => {
    // Commands that end by themselves get room to start on a loaded 2-core machine (Node alone can take seconds).
    const source = createCredentialSource({ commandTimeoutMs: 30_000 });
    const ok = await source.resolve(
      query({ config: { api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(CANARY)})`] } }),
    );
    expect(ok && revealSecret(ok.secret)).toBe(CANARY);
    // Shell syntax is not interpreted: the argv runs as given.
    const shellish = source.resolve(query({ config: { api_key_command: ['echo $HOME; echo', CANARY] } }));
    await expect(shellish).rejects.toMatchObject({ code: 'CREDENTIAL_COMMAND_FAILED' });
    const slow = createCredentialSource({ commandTimeoutMs: 1000 }).resolve(
      query({ config: { api_key_command: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'] } }),
    );
    await expect(slow).rejects.toThrowError(/timed out after 1000 ms/);
    const failing = source.resolve(
      query({
        config: {
          api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(CANARY)}); process.exit(3)`],
        },
      }),
    );
    const error = (await failing.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as Error;
    expect(error.message).toBe(
      'api_key_command in [providers.together] exited with code 3. Run it yourself to check; its output is never shown here.',
    );
    expect(JSON.stringify(error) + String(error)).not.toContain(CANARY);
  });

  it('kills a command that ignores SIGTERM, and everything it started, when it times out', async () => {
    /** @see issue 13 item 12 */
    if (process.platform === 'win32') return;
    const dir = mkdtempSync(join(tmpdir(), 'cw-command-'));
    try {
      const pids = join(dir, 'pids');
      const script = [
        "process.on('SIGTERM', () => {});",
        "const { spawn } = require('node:child_process');",
        "const grandchild = spawn(process.execPath, ['-e', \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\"], { stdio: ['ignore', 'inherit', 'ignore'] });",
        `require('node:fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + grandchild.pid);`,
        'setInterval(() => {}, 1000);',
      ].join('\n');
      const started = Date.now();
      // Long enough for the command to start and write its pids on a loaded 2-core machine (Node alone can take seconds).
      const attempt = createCredentialSource({ commandTimeoutMs: 6000 }).resolve(
        query({ config: { api_key_command: [process.execPath, '-e', script] } }),
      );
      await expect(attempt).rejects.toThrowError(/timed out after 6000 ms/);
      // Settles at the timeout, not when the command chooses to exit (it never would). A loose bound for a busy machine.
      expect(Date.now() - started).toBeLessThan(15_000);
      const [child, grandchild] = readFileSync(pids, 'utf8').split(' ').map(Number);
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      const deadline = Date.now() + 10_000;
      while ((alive(child as number) || alive(grandchild as number)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect([alive(child as number), alive(grandchild as number)]).toEqual([false, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('lists known values for leak checks: explicit, config keys, and credential variables only', () => {
    const source = createCredentialSource({
      env: { TOGETHER_API_KEY: 'tk-1234567890', PATH: '/usr/bin:/bin', BOUND: 'bound-1234567' },
      explicit: { deepseek: 'explicit-1234567' },
    });
    expect(
      [
        ...source.knownValues(['TOGETHER_API_KEY'], {
          providers: { x: { api_key: 'inline-1234567', api_key_env: 'BOUND' } },
        }),
      ].sort(),
    ).toEqual(['bound-1234567', 'explicit-1234567', 'inline-1234567', 'tk-1234567890']);
  });
});

describe('values read at request time are known secrets', () => {
  it('lists api_key_command outputs and keyring values once read', async () => {
    /** @see issue 13 item 5 */
    const fromCommand = 'cmd-key-4e8a1c0d-known';
    const fromKeyring = 'keyring-key-9b3f2e7a-known';
    const source = createCredentialSource({ env: {}, keyring: { has: () => true, get: async () => fromKeyring } });
    expect(source.knownValues([])).toEqual([]);
    await source.resolve(
      query({ config: { api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(fromCommand)})`] } }),
    );
    await source.resolve(query());
    expect([...source.knownValues([])].sort()).toEqual([fromCommand, fromKeyring].sort());
  });
});

describe('SecretValue and request headers', () => {
  it('never prints its value', () => {
    const secret = new SecretValue(CANARY);
    expect(String(secret)).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ secret })).toBe('{ secret: [redacted] }');
    expect(`${secret}`).not.toContain(CANARY);
    expect(() => revealSecret({} as SecretValue)).toThrow(TypeError);
  });

  it('puts the key in the one header its endpoint expects', () => {
    const resolved = { status: { source: 'env' as const, envVar: 'X' }, secret: new SecretValue('abc-key') };
    expect(requestCredential(descriptor(), 'chat', resolved)).toEqual({
      header: 'authorization',
      value: 'Bearer abc-key',
    });
    const anthropic = descriptor({
      endpoints: {
        chat: { baseUrl: 'https://a.example.test', protocol: 'anthropic-messages', authScheme: 'x-api-key' },
      },
    });
    expect(requestCredential(anthropic, 'chat', resolved)).toEqual({ header: 'x-api-key', value: 'abc-key' });
    expect(requestCredential(descriptor(), 'chat', undefined)).toBeUndefined();
  });
});

/** The message of the error a promise rejects with, checked for the canary (never in any part of it). */
async function rejection(attempt: Promise<unknown>): Promise<Error & { code?: string }> {
  const error = (await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as Error & { code?: string };
  expect(error, 'the promise should reject').toBeInstanceOf(Error);
  expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(CANARY);
  return error;
}

const commandFailed = (why: string) => ({
  name: 'CredentialError',
  code: 'CREDENTIAL_COMMAND_FAILED',
  message: `api_key_command in [providers.together] ${why}. Run it yourself to check; its output is never shown here.`,
});

/** An `api_key_command` that runs `script` in a fresh Node. */
const nodeCommand = (script: string) => query({ config: { api_key_command: [process.execPath, '-e', script] } });

describe('values the source hands out', () => {
  it('resolves an explicit key and a config api_key to their values', async () => {
    const explicit = await createCredentialSource({ env: {}, explicit: { together: ` ${CANARY} ` } }).resolve(query());
    expect(explicit?.status).toStrictEqual({ source: 'explicit' });
    expect(explicit && revealSecret(explicit.secret)).toBe(CANARY);
    const inline = await createCredentialSource({ env: {} }).resolve(query({ config: { api_key: CANARY } }));
    expect(inline?.status).toStrictEqual({ source: 'config' });
    expect(inline && revealSecret(inline.secret)).toBe(CANARY);
  });

  it('resolves a keyring key; a blank one is no key, and a failing keyring is an error that quotes nothing', async () => {
    const keyring = { has: () => true, get: async () => ` ${CANARY}\n` };
    const read = await createCredentialSource({ env: {}, keyring }).resolve(query());
    expect(read?.status).toStrictEqual({ source: 'keyring' });
    expect(read && revealSecret(read.secret)).toBe(CANARY);
    const blank = { has: () => true, get: async () => '   ' };
    expect(await createCredentialSource({ env: {}, keyring: blank }).resolve(query())).toBeUndefined();
    const broken = {
      has: () => true,
      get: async (): Promise<string> => {
        throw new Error(`keyring backend said: ${CANARY}`);
      },
    };
    const error = await rejection(createCredentialSource({ env: {}, keyring: broken }).resolve(query()));
    expect(error).toMatchObject({
      name: 'CredentialError',
      code: 'CREDENTIAL_KEYRING_FAILED',
      message: 'The keyring could not read the key for together.',
    });
    expect(error.cause).toBeUndefined();
  });

  it('skips a descriptor variable owned by another provider, and reads the next one it owns', async () => {
    /** @see issue 13 item 1 */
    const env = { DEEPSEEK_API_KEY: 'ds-foreign-123456', TOGETHER_API_KEY: CANARY };
    const both = descriptor({
      auth: { scheme: 'bearer', envVars: ['DEEPSEEK_API_KEY', 'TOGETHER_API_KEY'], optional: false },
    });
    const owners = (name: string) =>
      name.startsWith('DEEPSEEK_') ? 'deepseek' : name.startsWith('TOGETHER_') ? 'together' : undefined;
    const asked = { ...query({ descriptor: both }), envVarOwner: owners };
    expect(createCredentialSource({ env }).describe(asked)).toStrictEqual({
      source: 'env',
      envVar: 'TOGETHER_API_KEY',
    });
    const resolved = await createCredentialSource({ env }).resolve(asked);
    expect(resolved && revealSecret(resolved.secret)).toBe(CANARY);
  });
});

describe('api_key_command: what a user sees when it goes wrong', () => {
  it('an empty command, a missing program and an argv Node refuses each say so, without running anything else', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    for (const argv of [[], ['']])
      await expect(source.resolve(query({ config: { api_key_command: argv } }))).rejects.toMatchObject({
        name: 'CredentialError',
        code: 'CREDENTIAL_COMMAND_FAILED',
        message: 'api_key_command in [providers.together] is empty.',
      });
    await expect(
      source.resolve(query({ config: { api_key_command: ['/nonexistent/codewhale-key-helper', CANARY] } })),
    ).rejects.toMatchObject(commandFailed('failed (ENOENT)'));
    // A NUL byte makes spawn itself throw.
    await expect(
      source.resolve(query({ config: { api_key_command: ['key\u0000helper', CANARY] } })),
    ).rejects.toMatchObject(commandFailed('failed (ERR_INVALID_ARG_VALUE)'));
  });

  it('takes only the first line as the key, and refuses a first line with no key', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    // Like `pass show`: the password, then other lines.
    const first = await source.resolve(nodeCommand(`console.log(${JSON.stringify(CANARY)}); console.log('login: me')`));
    expect(first && revealSecret(first.secret)).toBe(CANARY);
    for (const script of ['', `console.log(''); console.log(${JSON.stringify(CANARY)})`]) {
      const error = await rejection(source.resolve(nodeCommand(script)));
      expect(error).toMatchObject({
        code: 'CREDENTIAL_COMMAND_FAILED',
        message: 'api_key_command in [providers.together] printed no key on its first line.',
      });
    }
  });

  it('says which signal killed a command', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    const error = await rejection(
      source.resolve(nodeCommand(`console.log(${JSON.stringify(CANARY)}); process.kill(process.pid, 'SIGTERM')`)),
    );
    expect(error).toMatchObject(commandFailed('was killed (SIGTERM)'));
  });

  it('accepts output of exactly 64 KiB and refuses one byte more', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    const print = (bytes: number) =>
      nodeCommand(`process.stdout.write(${JSON.stringify(`${CANARY}\n`)} + 'x'.repeat(${bytes - CANARY.length - 1}))`);
    const fits = await source.resolve(print(64 * 1024));
    expect(fits && revealSecret(fits.secret)).toBe(CANARY);
    expect(await rejection(source.resolve(print(64 * 1024 + 1)))).toMatchObject(
      commandFailed('printed more than 64 KiB'),
    );
  });

  it('kills a command that prints without end (ignoring SIGTERM) at 64 KiB, long before its timeout', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    const endless = nodeCommand(
      `process.on('SIGTERM', () => {}); const chunk = Buffer.from(${JSON.stringify(`${CANARY}\n`)}.repeat(2048)); for (;;) require('node:fs').writeSync(1, chunk);`,
    );
    expect(await rejection(source.resolve(endless))).toMatchObject(commandFailed('printed more than 64 KiB'));
  }, 120_000);

  it('gives a command end-of-file on stdin, so one that reads it cannot wait for input', async () => {
    const source = createCredentialSource({ env: {}, commandTimeoutMs: 30_000 });
    const reader = nodeCommand(
      `process.stdin.resume(); process.stdin.on('end', () => console.log(${JSON.stringify(CANARY)}));`,
    );
    const resolved = await source.resolve(reader);
    expect(resolved && revealSecret(resolved.secret)).toBe(CANARY);
  }, 60_000);

  it('leaves no timer behind once the command has answered (a host can exit at once)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const resolved = await createCredentialSource({ env: {}, commandTimeoutMs: 30_000 }).resolve(
        nodeCommand(`console.log(${JSON.stringify(CANARY)})`),
      );
      expect(resolved && revealSecret(resolved.secret)).toBe(CANARY);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends SIGTERM first on a timeout, so a command may clean up', async () => {
    if (process.platform === 'win32') return;
    const dir = mkdtempSync(join(tmpdir(), 'cw-command-term-'));
    try {
      const marker = join(dir, 'terminated');
      const script = [
        // Written aside, then renamed: the marker appears whole (the test reads it as soon as it exists).
        `process.on('SIGTERM', () => { const fs = require('node:fs'); fs.writeFileSync(${JSON.stringify(`${marker}.tmp`)}, 'term'); fs.renameSync(${JSON.stringify(`${marker}.tmp`)}, ${JSON.stringify(marker)}); process.exit(0); });`,
        'setInterval(() => {}, 1000);',
      ].join('\n');
      // Long enough for the command to start and install its handler on a loaded 2-core machine.
      const attempt = createCredentialSource({ env: {}, commandTimeoutMs: 6000 }).resolve(nodeCommand(script));
      expect(await rejection(attempt)).toMatchObject(commandFailed('timed out after 6000 ms'));
      const deadline = Date.now() + 10_000;
      while (!existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe('term');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
