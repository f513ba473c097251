import { inspect } from 'node:util';
import type { CredentialQuery, ProviderConfig, ProviderDescriptor } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
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

const query = (overrides: { official?: boolean; config?: ProviderConfig; descriptor?: ProviderDescriptor; providerId?: string } = {}): CredentialQuery => ({
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
    expect(createCredentialSource({ env, explicit: { together: 'explicit-key-1' } }).describe(query({ config: { api_key: 'config-key-1' } }))).toEqual({ source: 'explicit' });
    expect(createCredentialSource({ env }).describe(query({ config: { api_key: 'config-key-1' } }))).toEqual({ source: 'config' });
    expect(createCredentialSource({ env }).describe(query({ config: { api_key_command: ['pass', 'together'] } }))).toEqual({ source: 'command' });
    expect(createCredentialSource({ env: { ...env, MY_KEY: 'bound-key-123' } }).describe(query({ config: { api_key_env: 'MY_KEY' } }))).toEqual({ source: 'env', envVar: 'MY_KEY' });
    expect(createCredentialSource({ env }).describe(query())).toEqual({ source: 'env', envVar: 'TOGETHER_API_KEY' });
  });

  it('binds ambient keys to the official endpoint only; a custom base URL gets only its table\'s key', () => {
    const env = { TOGETHER_API_KEY: CANARY, PROXY_KEY: 'proxy-key-123' };
    const keyring = { has: () => true, get: async () => 'keyring-key-1' };
    expect(createCredentialSource({ env, keyring }).describe(query({ official: false }))).toEqual({ source: 'missing' });
    expect(createCredentialSource({ env, keyring }).describe(query({ official: false, config: { api_key_env: 'PROXY_KEY' } }))).toEqual({ source: 'env', envVar: 'PROXY_KEY' });
    expect(createCredentialSource({ keyring }).describe(query())).toEqual({ source: 'keyring' });
    // A table that names an unset variable does not fall back to ambient keys.
    expect(createCredentialSource({ env }).describe(query({ config: { api_key_env: 'UNSET_KEY' } }))).toEqual({ source: 'missing' });
  });

  it('never reads another provider\'s names, and auth_mode = "none" sends nothing', async () => {
    const env = { TOGETHER_API_KEY: CANARY };
    const other = descriptor({ id: 'together-proxy', auth: { scheme: 'bearer', envVars: ['PROXY_API_KEY'], optional: false } });
    expect(createCredentialSource({ env }).describe(query({ providerId: 'together-proxy', descriptor: other }))).toEqual({ source: 'missing' });
    const none = createCredentialSource({ env });
    expect(none.describe(query({ config: { auth_mode: 'none' } }))).toEqual({ source: 'not-required' });
    expect(await none.resolve(query({ config: { auth_mode: 'none' } }))).toBeUndefined();
  });

  it('runs api_key_command without a shell, with a timeout, never echoing its output', async () => {
    const source = createCredentialSource({ commandTimeoutMs: 1000 });
    const ok = await source.resolve(query({ config: { api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(CANARY)})`] } }));
    expect(ok && revealSecret(ok.secret)).toBe(CANARY);
    // Shell syntax is not interpreted: the argv runs as given.
    const shellish = source.resolve(query({ config: { api_key_command: ['echo $HOME; echo', CANARY] } }));
    await expect(shellish).rejects.toMatchObject({ code: 'CREDENTIAL_COMMAND_FAILED' });
    const slow = source.resolve(query({ config: { api_key_command: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'] } }));
    await expect(slow).rejects.toThrowError(/timed out after 1000 ms/);
    const failing = source.resolve(query({ config: { api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(CANARY)}); process.exit(3)`] } }));
    const error = (await failing.then(() => undefined, (caught: unknown) => caught)) as Error;
    expect(error.message).toBe('api_key_command in [providers.together] exited with code 3. Run it yourself to check; its output is never shown here.');
    expect(JSON.stringify(error) + String(error)).not.toContain(CANARY);
  });

  it('lists known values for leak checks: explicit, config keys, and credential variables only', () => {
    const source = createCredentialSource({ env: { TOGETHER_API_KEY: 'tk-1234567890', PATH: '/usr/bin:/bin', BOUND: 'bound-1234567' }, explicit: { deepseek: 'explicit-1234567' } });
    expect([...source.knownValues(['TOGETHER_API_KEY'], { providers: { x: { api_key: 'inline-1234567', api_key_env: 'BOUND' } } })].sort()).toEqual(['bound-1234567', 'explicit-1234567', 'inline-1234567', 'tk-1234567890']);
  });
});

describe('SecretValue and request headers', () => {
  it('never prints its value', () => {
    const secret = new SecretValue(CANARY);
    expect(String(secret)).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ secret })).toBe("{ secret: [redacted] }");
    expect(`${secret}`).not.toContain(CANARY);
    expect(() => revealSecret({} as SecretValue)).toThrow(TypeError);
  });

  it('puts the key in the one header its endpoint expects', () => {
    const resolved = { status: { source: 'env' as const, envVar: 'X' }, secret: new SecretValue('abc-key') };
    expect(requestCredential(descriptor(), 'chat', resolved)).toEqual({ header: 'authorization', value: 'Bearer abc-key' });
    const anthropic = descriptor({ endpoints: { chat: { baseUrl: 'https://a.example.test', protocol: 'anthropic-messages', authScheme: 'x-api-key' } } });
    expect(requestCredential(anthropic, 'chat', resolved)).toEqual({ header: 'x-api-key', value: 'abc-key' });
    expect(requestCredential(descriptor(), 'chat', undefined)).toBeUndefined();
  });
});
