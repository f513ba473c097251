import { createRegistry, createRouteResolver, type ReadyRouteCandidate, type UserConfig } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { togetherPlugin } from '@codewhale/provider-together';
import { describe, expect, it } from 'vitest';
import { createCredentialSource } from './credential-source.js';
import { routeCredential } from './route-credential.js';

const registry = createRegistry({ plugins: [togetherPlugin, deepseekPlugin] });

function candidateFor(
  request: Parameters<ReturnType<typeof createRouteResolver>['resolve']>[0],
  env: Record<string, string>,
  config: UserConfig = {},
) {
  const credentials = createCredentialSource({ env });
  const result = createRouteResolver({ registry, config, credentials }).resolve(request);
  if (!result.ok) throw new Error(result.error.message);
  return { candidate: result.candidate, credentials };
}

describe('routeCredential', () => {
  it("gives the header bound to the candidate's endpoint", async () => {
    const { candidate, credentials } = candidateFor({ provider: 'together' }, { TOGETHER_API_KEY: 'tk-route-123' });
    expect(await routeCredential(candidate, { registry, credentials })).toEqual({
      header: 'authorization',
      value: 'Bearer tk-route-123',
    });
  });

  it("uses the endpoint's scheme (x-api-key on DeepSeek's Anthropic endpoint)", async () => {
    const config: UserConfig = { providers: { deepseek: { endpoint: 'anthropic' } } };
    const { candidate, credentials } = candidateFor(
      { provider: 'deepseek' },
      { DEEPSEEK_API_KEY: 'ds-route-123' },
      config,
    );
    expect(await routeCredential(candidate, { registry, config, credentials })).toEqual({
      header: 'x-api-key',
      value: 'ds-route-123',
    });
  });

  it('sends nothing to a custom base URL for an ambient key, and refuses when the source changed', async () => {
    const config: UserConfig = { providers: { together: { base_url: 'https://proxy.example.test/v1' } } };
    const { candidate } = candidateFor({ provider: 'together' }, { TOGETHER_API_KEY: 'tk-route-123' }, config);
    expect(candidate.auth.source).toBe('missing');
    expect(
      await routeCredential(candidate, {
        registry,
        config,
        credentials: createCredentialSource({ env: { TOGETHER_API_KEY: 'tk-route-123' } }),
      }),
    ).toBeUndefined();
    const { candidate: official } = candidateFor({ provider: 'together' }, { TOGETHER_API_KEY: 'tk-route-123' });
    await expect(
      routeCredential(official, { registry, credentials: createCredentialSource({ env: {} }) }),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_CHANGED' });
  });
});

describe('routeCredential refuses what it cannot vouch for', () => {
  it('refuses a candidate the resolver did not make, and one of a provider missing from the registry', async () => {
    const { candidate, credentials } = candidateFor({ provider: 'together' }, { TOGETHER_API_KEY: 'tk-route-123' });
    // A copy pointed elsewhere is not a resolved route: no key is attached to it.
    const forged = {
      ...candidate,
      endpoint: { ...candidate.endpoint, baseUrl: 'https://attacker.example/v1' },
    } as unknown as ReadyRouteCandidate;
    await expect(routeCredential(forged, { registry, credentials })).rejects.toThrowError(
      new TypeError('routeCredential needs a ReadyRouteCandidate made by the resolver.'),
    );
    await expect(
      routeCredential(candidate, { registry: createRegistry({ plugins: [deepseekPlugin] }), credentials }),
    ).rejects.toThrowError(new TypeError('Provider "together" is not in this registry.'));
  });

  it("sends no key when a table's api_key_env names another provider's variable, even with a source built without the registry", async () => {
    /** @see issue 13 item 1 */
    const env = { DEEPSEEK_API_KEY: 'ds-foreign-123' };
    const config: UserConfig = { providers: { together: { api_key_env: 'DEEPSEEK_API_KEY' } } };
    const { candidate } = candidateFor({ provider: 'together' }, env, config);
    expect(candidate.auth.source).toBe('missing');
    // The registry answers who owns DEEPSEEK_API_KEY: DeepSeek's key never goes to Together.
    await expect(
      routeCredential(candidate, { registry, config, credentials: createCredentialSource({ env }) }),
    ).resolves.toBeUndefined();
  });

  it('sends nothing for a table with auth_mode = "none" (a route that needs no key)', async () => {
    const env = { TOGETHER_API_KEY: 'tk-route-123' };
    const config: UserConfig = { providers: { together: { auth_mode: 'none' } } };
    const { candidate, credentials } = candidateFor({ provider: 'together' }, env, config);
    expect(candidate.auth.source).toBe('not-required');
    await expect(routeCredential(candidate, { registry, config, credentials })).resolves.toBeUndefined();
  });

  it('refuses when the source changed but no variable is involved (a config key removed since), never quoting the key', async () => {
    const config: UserConfig = { providers: { together: { api_key: 'tk-config-canary-9d1e' } } };
    const { candidate, credentials } = candidateFor({ provider: 'together' }, {}, config);
    expect(candidate.auth).toMatchObject({ source: 'config' });
    const error = await routeCredential(candidate, { registry, config: {}, credentials }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      name: 'CredentialError',
      code: 'CREDENTIAL_CHANGED',
      message:
        'The credential for Together AI changed since the route was resolved (config then, missing now). Resolve the route again.',
    });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('tk-config-canary-9d1e');
  });

  it('refuses when the key now comes from another variable, instead of sending that one', async () => {
    const env = { MY_TOGETHER_KEY: 'tk-mine-123456', TOGETHER_API_KEY: 'tk-ambient-123456' };
    const config: UserConfig = { providers: { together: { api_key_env: 'MY_TOGETHER_KEY' } } };
    const { candidate, credentials } = candidateFor({ provider: 'together' }, env, config);
    expect(candidate.auth).toMatchObject({ source: 'env', envVar: 'MY_TOGETHER_KEY' });
    await expect(routeCredential(candidate, { registry, config, credentials })).resolves.toEqual({
      header: 'authorization',
      value: 'Bearer tk-mine-123456',
    });
    // The table no longer names MY_TOGETHER_KEY: the source is still "env", but not the variable the route was resolved with.
    await expect(routeCredential(candidate, { registry, config: {}, credentials })).rejects.toMatchObject({
      code: 'CREDENTIAL_CHANGED',
      message:
        'The credential for Together AI changed since the route was resolved (env then, env now). Resolve the route again.',
    });
  });
});
