import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { createRegistry } from '../registry/create-registry.js';
import type { UserConfig } from '../schema/user-config.js';
import { credentialBinding } from './credential-binding.js';
import type { CredentialQuery, CredentialSource } from './credential-source.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';

const registry = createRegistry({ plugins: providerLikePlugins });

function resolveOk(request: RouteRequest, config: UserConfig, credentials: CredentialSource): ReadyRouteCandidate {
  const result = createRouteResolver({ registry, config, credentials }).resolve(request);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

const warnings = (candidate: ReadyRouteCandidate) =>
  candidate.validation.messages.filter((message) => message.level === 'warning');

/** A careless credential source: reports the table's api_key_env (or a keyring) for any endpoint, like a buggy host might. */
function careless(
  present: readonly string[],
  keyring = false,
): CredentialSource & { readonly queries: CredentialQuery[] } {
  const queries: CredentialQuery[] = [];
  const set = new Set(present);
  return {
    queries,
    describe(query) {
      queries.push(query);
      const variable = query.config?.api_key_env;
      if (variable !== undefined && set.has(variable)) return { source: 'env', envVar: variable };
      const ambient = query.descriptor.auth.envVars.find((name) => set.has(name));
      if (ambient) return { source: 'env', envVar: ambient };
      return keyring ? { source: 'keyring' } : { source: 'missing' };
    },
  };
}

describe('credentialBinding (the binding rule, stated once)', () => {
  const provider = registry.provider('deepseek');
  const query = (overrides: Partial<CredentialQuery>): CredentialQuery => ({
    providerId: 'deepseek',
    descriptor: provider.descriptor,
    baseUrl: 'https://api.deepseek.com',
    official: true,
    config: undefined,
    ...overrides,
  });

  it('binds a table key to its own base_url (compared normalised), or to the official endpoint when it has none', () => {
    const table = { base_url: 'HTTPS://Corp-Proxy.example/v1/', api_key_env: 'CORP_PROXY_KEY' };
    expect(
      credentialBinding(query({ baseUrl: 'https://corp-proxy.example/v1', official: false, config: table })),
    ).toMatchObject({ table: true, tableEnv: true, ambient: false, keyRequired: true, refusals: [] });
    const elsewhere = credentialBinding(query({ baseUrl: 'http://127.0.0.1:9/x', official: false, config: table }));
    expect(elsewhere).toMatchObject({ table: false, ambient: false, keyRequired: false });
    expect(elsewhere.refusals).toEqual([
      'The key in [providers.deepseek] belongs to its base_url https://corp-proxy.example/v1, so it is not sent to http://127.0.0.1:9/x. To use it here, set [providers.deepseek] base_url to this URL.',
    ]);
    // At the official endpoint the table's key does not apply (it belongs to the proxy); DeepSeek's own variable may.
    expect(credentialBinding(query({ config: table }))).toMatchObject({ table: false, ambient: true });
    expect(credentialBinding(query({ config: { api_key_env: 'MY_DEEPSEEK_KEY' } }))).toMatchObject({
      table: true,
      tableEnv: true,
      ambient: false,
      keyRequired: true,
    });
    expect(
      credentialBinding(
        query({ baseUrl: 'https://proxy.example/v1', official: false, config: { api_key_env: 'MY_DEEPSEEK_KEY' } }),
      ),
    ).toMatchObject({ table: false, ambient: false });
  });

  /** @see issue 13 item 1 */
  it("refuses an api_key_env naming another provider's variable, whoever built the config", () => {
    const binding = credentialBinding(
      query({ config: { api_key_env: 'TOGETHER_API_KEY' }, envVarOwner: (name) => registry.envVarOwner(name) }),
    );
    expect(binding).toMatchObject({ table: true, tableEnv: false, ambient: false, keyRequired: true });
    expect(binding.refusals).toEqual([
      '[providers.deepseek] api_key_env names TOGETHER_API_KEY, which belongs to provider "together": a provider never reads another provider\'s key. Put this key in a variable of its own and name that in api_key_env.',
    ]);
    expect(
      credentialBinding(
        query({ config: { api_key_env: 'DEEPSEEK_API_KEY' }, envVarOwner: (name) => registry.envVarOwner(name) }),
      ).tableEnv,
    ).toBe(true);
  });

  /** @see issue 12 item 3 */
  it('a local runtime takes no ambient key unless its table asks, and a remote host is never its official endpoint', () => {
    const vllm = registry.provider('vllm').descriptor;
    const local = (overrides: Partial<CredentialQuery>): CredentialQuery => ({
      providerId: 'vllm',
      descriptor: vllm,
      baseUrl: 'http://127.0.0.1:8000/v1',
      official: true,
      config: undefined,
      ...overrides,
    });
    expect(credentialBinding(local({}))).toMatchObject({ ambient: false, keyRequired: false });
    expect(credentialBinding(local({ config: { auth_mode: 'bearer' } }))).toMatchObject({
      ambient: true,
      keyRequired: true,
    });
    // Even if a caller calls a remote host official, it is not: no ambient key goes there.
    expect(
      credentialBinding(local({ baseUrl: 'http://gpu-box.example/v1', config: { auth_mode: 'bearer' } })),
    ).toMatchObject({ ambient: false, keyRequired: true });
    expect(credentialBinding(local({ config: { auth_mode: 'none', api_key_env: 'X_KEY' } }))).toEqual({
      none: true,
      table: false,
      tableEnv: false,
      ambient: false,
      keyRequired: false,
      refusals: [],
    });
  });
});

describe('the resolver enforces the binding rule whatever the credential source says', () => {
  /** @see issue 13 item 1 */
  it('[providers.together] api_key_env = "DEEPSEEK_API_KEY" (a config built without parseConfig) routes with auth missing and says why', () => {
    const config: UserConfig = {
      providers: { together: { base_url: 'http://127.0.0.1:43123/v1', api_key_env: 'DEEPSEEK_API_KEY' } },
    };
    const source = careless(['DEEPSEEK_API_KEY']);
    const candidate = resolveOk({ provider: 'together', model: 'openai/gpt-oss-120b' }, config, source);
    expect(candidate.auth).toEqual({ source: 'missing' });
    expect(warnings(candidate).map((message) => message.code)).toEqual(
      expect.arrayContaining(['credential-refused', 'credential-missing']),
    );
    expect(warnings(candidate).find((message) => message.code === 'credential-refused')?.message).toContain(
      'DEEPSEEK_API_KEY, which belongs to provider "deepseek"',
    );
    // The resolver tells the credential source who owns each variable.
    expect(source.queries.at(-1)?.envVarOwner?.('DEEPSEEK_API_KEY')).toBe('deepseek');
    // A source that offers DeepSeek's variable as Together's ambient key is refused too.
    expect(
      resolveOk({ provider: 'together' }, {}, { describe: () => ({ source: 'env', envVar: 'DEEPSEEK_API_KEY' }) }).auth,
    ).toEqual({ source: 'missing' });
    // The same at Together's official endpoint: never DeepSeek's key.
    expect(
      resolveOk(
        { provider: 'together' },
        { providers: { together: { api_key_env: 'DEEPSEEK_API_KEY' } } },
        careless(['DEEPSEEK_API_KEY', 'TOGETHER_API_KEY']),
      ).auth,
    ).toEqual({ source: 'missing' });
  });

  /** @see issue 13 item 3 */
  it("a table's key stays with its base_url when a request moves the route elsewhere", () => {
    const config: UserConfig = {
      providers: { deepseek: { base_url: 'https://corp-proxy.example/v1', api_key_env: 'CORP_PROXY_KEY' } },
    };
    const moved = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl: 'http://127.0.0.1:9/x' },
      config,
      careless(['CORP_PROXY_KEY']),
    );
    expect(moved.endpoint.baseUrl).toBe('http://127.0.0.1:9/x');
    expect(moved.auth).toEqual({ source: 'missing' });
    expect(warnings(moved).find((message) => message.code === 'credential-refused')?.message).toContain(
      'belongs to its base_url https://corp-proxy.example/v1',
    );
    const home = resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro' }, config, careless(['CORP_PROXY_KEY']));
    expect(home.endpoint.baseUrl).toBe('https://corp-proxy.example/v1');
    expect(home.auth).toEqual({ source: 'env', envVar: 'CORP_PROXY_KEY' });
  });

  /** @see issue 13 item 3 (found by the integration oracle: the provider's own variable named in a table bound elsewhere) */
  it("the provider's own variable stays ambient at its official endpoint when the table naming it is bound to another base_url", () => {
    const config: UserConfig = {
      providers: { deepseek: { base_url: 'https://corp-proxy.example/v1', api_key_env: 'DEEPSEEK_API_KEY' } },
    };
    const official = resolveOk(
      { provider: 'deepseek', model: 'deepseek-v4-pro', baseUrl: 'https://api.deepseek.com' },
      config,
      careless(['DEEPSEEK_API_KEY']),
    );
    expect(official.endpoint).toMatchObject({ baseUrl: 'https://api.deepseek.com', official: true });
    expect(official.auth).toEqual({ source: 'env', envVar: 'DEEPSEEK_API_KEY' });
    // A variable that is neither the table's (bound here) nor one the descriptor declares is never ambient.
    const stray: CredentialSource = { describe: () => ({ source: 'env', envVar: 'SOME_OTHER_KEY' }) };
    expect(resolveOk({ provider: 'deepseek', model: 'deepseek-v4-pro' }, {}, stray).auth).toEqual({
      source: 'missing',
    });
  });

  /** @see issue 12 item 3 */
  it('a local runtime is keyless unless its table asks: a keyring never applies, and auth_mode = "bearer" without a key is missing', () => {
    const keyring = careless([], true);
    const resolver = createRouteResolver({ registry, credentials: keyring });
    expect(resolver.endpoint({ provider: 'vllm' })).toMatchObject({ ok: true, auth: { source: 'not-required' } });
    expect(
      createRouteResolver({ registry, credentials: careless(['VLLM_API_KEY']) }).endpoint({ provider: 'vllm' }),
    ).toMatchObject({ ok: true, auth: { source: 'not-required' } });
    const bearer: UserConfig = { providers: { vllm: { auth_mode: 'bearer' } } };
    const missing = resolveOk({ provider: 'vllm', model: 'm' }, bearer, careless([]));
    expect(missing.auth).toEqual({ source: 'missing' });
    expect(warnings(missing).find((message) => message.code === 'credential-missing')?.message).toBe(
      'No credential for vLLM: [providers.vllm] auth_mode = "bearer" asks for a key: set VLLM_API_KEY, or api_key_env in [providers.vllm].',
    );
    expect(resolveOk({ provider: 'vllm', model: 'm' }, bearer, envCredentials(['VLLM_API_KEY'])).auth).toEqual({
      source: 'env',
      envVar: 'VLLM_API_KEY',
    });
  });

  /** @see issue 12 item 3 */
  it('[providers.ollama] base_url on a remote host is not official, so OLLAMA_API_KEY is not bound to it', () => {
    const config: UserConfig = { providers: { ollama: { base_url: 'http://ollama.example/v1' } } };
    const resolver = createRouteResolver({ registry, config, credentials: careless(['OLLAMA_API_KEY']) });
    const endpoint = resolver.endpoint({ provider: 'ollama' });
    expect(endpoint).toMatchObject({
      ok: true,
      endpoint: { baseUrl: 'http://ollama.example/v1', official: false },
      auth: { source: 'not-required' },
    });
    const route = resolveOk({ provider: 'ollama', model: 'llama3.2' }, config, careless(['OLLAMA_API_KEY']));
    expect(route.endpoint.official).toBe(false);
    expect(route.auth).toEqual({ source: 'not-required' });
    expect(route.meter).toEqual({ kind: 'local' });
    // A loopback URL configured for it is still its own endpoint.
    expect(
      createRouteResolver({
        registry,
        config: { providers: { ollama: { base_url: 'http://127.0.0.1:21434/v1' } } },
      }).endpoint({ provider: 'ollama' }),
    ).toMatchObject({ endpoint: { official: true } });
  });

  /** @see issue 12 item 11 */
  it('a table that names a key source needs that key: unset is missing, with the variable to set', () => {
    const config: UserConfig = {
      providers: { vllm: { base_url: 'http://127.0.0.1:28000/v1', api_key_env: 'LMSTUDIO_KEY' } },
    };
    const candidate = resolveOk({ provider: 'vllm', model: 'm' }, config, envCredentials([]));
    expect(candidate.auth).toEqual({ source: 'missing' });
    expect(warnings(candidate).find((message) => message.code === 'credential-missing')?.message).toBe(
      'No credential for vLLM: set LMSTUDIO_KEY (named by api_key_env in [providers.vllm]).',
    );
    const resolver = createRouteResolver({ registry, config, credentials: envCredentials([]) });
    expect(resolver.endpoint({ provider: 'vllm' })).toMatchObject({ ok: true, auth: { source: 'missing' } });
    expect(resolveOk({ provider: 'vllm', model: 'm' }, config, envCredentials(['LMSTUDIO_KEY'])).auth).toEqual({
      source: 'env',
      envVar: 'LMSTUDIO_KEY',
    });
  });
});
