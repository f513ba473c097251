import { createRegistry, createRouteResolver, type UserConfig } from '@codewhale/core';
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
