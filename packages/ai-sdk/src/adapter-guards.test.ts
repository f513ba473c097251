import { CodewhaleError, type ReadyRouteCandidate } from '@codewhale/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackOpenAIServer, type LoopbackOpenAIServer } from './__fixtures__/loopback-openai-server.js';
import { createLegacyCompletionsPlugin, KEYS, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';
import type { RouteCredential } from './chat-route.js';
import { createLanguageModel } from './create-language-model.js';
import { reasoningBody } from './reasoning-body.js';
import { toOpenAIClientOptions } from './to-openai-client-options.js';

let server: LoopbackOpenAIServer;
let routes: ReturnType<typeof loopbackRoutes>;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer();
  routes = loopbackRoutes(server.origin);
});
afterAll(() => server.close());

/** Every adapter entry point, called the same way. */
const adapters = {
  createLanguageModel: (candidate: unknown, credential?: RouteCredential) =>
    createLanguageModel(candidate as ReadyRouteCandidate, credential ? { credential } : {}),
  toOpenAIClientOptions: (candidate: unknown, credential?: RouteCredential) =>
    toOpenAIClientOptions(candidate as ReadyRouteCandidate, credential ? { credential } : {}),
};

function caught(run: () => unknown): AdapterError {
  try {
    run();
  } catch (error) {
    expect(AdapterError.isInstance(error)).toBe(true);
    expect(CodewhaleError.isInstance(error)).toBe(true);
    return error as AdapterError;
  }
  throw new Error('expected an AdapterError');
}

describe('what the adapters refuse', () => {
  it.each(
    Object.entries({
      ...adapters,
      reasoningBody: (candidate: unknown) => reasoningBody(candidate as ReadyRouteCandidate),
    }),
  )('%s refuses anything that is not a resolver-made candidate', (name, adapter) => {
    const candidate = routes.resolve({ provider: 'vllm' });
    for (const lookAlike of [
      JSON.parse(JSON.stringify(candidate)),
      { ...candidate },
      candidate.toJSON(),
      null,
      'vllm:My-Org/Served_Name',
      undefined,
    ]) {
      const error = caught(() => adapter(lookAlike));
      expect(error.code).toBe(ADAPTER_ERROR_CODES.NOT_A_CANDIDATE);
      expect(error.message).toContain(`${name} takes a ReadyRouteCandidate`);
    }
  });

  // @see issue 15 item 1: createLanguageModel and reasoningBody speak chat-completions, responses and
  // anthropic-messages; toOpenAIClientOptions (the openai client) chat-completions and responses.
  it.each([
    [
      'createLanguageModel',
      'chat-completions, responses and anthropic-messages',
      "'chat-completions', 'responses', 'anthropic-messages'",
    ],
    [
      'reasoningBody',
      'chat-completions, responses and anthropic-messages',
      "'chat-completions', 'responses', 'anthropic-messages'",
    ],
    ['toOpenAIClientOptions', 'chat-completions and responses', "'chat-completions', 'responses'"],
  ] as const)('%s refuses a completions endpoint, naming the protocols it speaks', (name, spoken, listed) => {
    const legacy = loopbackRoutes(server.origin, {
      env: { ACME_LEGACY_KEY: 'legacy-loopback-key-1' },
      plugins: [createLegacyCompletionsPlugin(`${server.origin}/legacy/v1`)],
    });
    const candidate = legacy.resolve({ provider: 'acme-legacy', model: 'text-davinci-legacy' });
    expect(candidate.endpoint.protocol).toBe('completions');
    const adapter = { ...adapters, reasoningBody: (value: unknown) => reasoningBody(value as ReadyRouteCandidate) }[
      name
    ];
    const before = server.requests.length;
    const error = caught(() => adapter(candidate, { header: 'authorization', value: 'Bearer legacy-loopback-key-1' }));
    expect(error.code).toBe(ADAPTER_ERROR_CODES.UNSUPPORTED_PROTOCOL);
    expect(error.protocol).toBe('completions');
    expect(error.route).toBe('acme-legacy:text-davinci-legacy');
    expect(error.message).toBe(
      `acme-legacy:text-davinci-legacy speaks completions at ${server.origin}/legacy/v1, but ${name} speaks ${spoken} only. Resolve with createRouteResolver({ ..., protocols: [${listed}] }): the resolver then takes a provider endpoint that speaks one of them, or fails at resolution.`,
    );
    expect(server.requests.length).toBe(before);
  });

  it("toOpenAIClientOptions refuses DeepSeek's anthropic-messages endpoint; the other two take it", async () => {
    const anthropic = loopbackRoutes(server.origin, {
      env: { DEEPSEEK_API_KEY: KEYS.deepseek },
      providers: { deepseek: { endpoint: 'anthropic', reasoning: 'high' } },
    });
    const candidate = anthropic.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    expect(candidate.endpoint.protocol).toBe('anthropic-messages');
    const credential = await anthropic.bind(candidate);
    expect(credential?.header).toBe('x-api-key');
    const error = caught(() => adapters.toOpenAIClientOptions(candidate, credential));
    expect(error).toMatchObject({ code: ADAPTER_ERROR_CODES.UNSUPPORTED_PROTOCOL, protocol: 'anthropic-messages' });
    expect(adapters.createLanguageModel(candidate, credential).provider).toBe('deepseek.messages');
    expect(reasoningBody(candidate)).toEqual({ thinking: { type: 'enabled' }, output_config: { effort: 'high' } });
  });

  it.each(Object.entries(adapters))('%s needs the credential of a route that uses a key', (_name, adapter) => {
    const candidate = routes.resolve({ provider: 'together', model: 'Org/Model' });
    expect(candidate.auth).toEqual({ source: 'env', envVar: 'CW_TEST_TOGETHER_KEY' });
    const error = caught(() => adapter(candidate));
    expect(error.code).toBe(ADAPTER_ERROR_CODES.CREDENTIAL_MISSING);
    expect(error.message).toContain(
      'uses a key (auth: env:CW_TEST_TOGETHER_KEY), but options.credential was not passed',
    );
  });

  it.each(Object.entries(adapters))(
    '%s refuses a route whose key the resolver did not find (auth: missing)',
    (_name, adapter) => {
      const keyless = loopbackRoutes(server.origin, { env: {} });
      const candidate = keyless.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
      expect(candidate.auth.source).toBe('missing');
      for (const credential of [undefined, { header: 'authorization', value: 'Bearer from-elsewhere-123' }]) {
        const error = caught(() => adapter(candidate, credential));
        expect(error.code).toBe(ADAPTER_ERROR_CODES.CREDENTIAL_MISSING);
        expect(error.message).toContain('the resolver found no key for DeepSeek');
      }
    },
  );

  it.each(Object.entries(adapters))('%s refuses a credential for a route that takes none', (_name, adapter) => {
    const candidate = routes.resolve({ provider: 'vllm' });
    expect(candidate.auth.source).toBe('not-required');
    const error = caught(() => adapter(candidate, { header: 'authorization', value: 'Bearer stray-key-123' }));
    expect(error.code).toBe(ADAPTER_ERROR_CODES.CREDENTIAL_NOT_EXPECTED);
  });

  it.each(Object.entries(adapters))('%s refuses a credential that cannot be one header', (_name, adapter) => {
    const candidate = routes.resolve({ provider: 'together', model: 'Org/Model' });
    const bad = [
      { header: 'authorization', value: '' },
      { header: 'authorization', value: '   ' },
      { header: 'authorization', value: 'Bearer abc\r\nx-injected: 1' },
      { header: 'bad header', value: 'Bearer abc' },
      { header: 'x-custom-token', value: 'abc' },
      { header: '', value: 'Bearer abc' },
      { value: 'Bearer abc' },
      'Bearer abc',
    ];
    for (const credential of bad) {
      const error = caught(() => adapter(candidate, credential as RouteCredential));
      expect(error.code).toBe(ADAPTER_ERROR_CODES.INVALID_CREDENTIAL);
    }
  });

  it('keeps the codes stable', () => {
    expect(ADAPTER_ERROR_CODES).toMatchInlineSnapshot(`
      {
        "CREDENTIAL_MISSING": "ADAPTER_CREDENTIAL_MISSING",
        "CREDENTIAL_NOT_EXPECTED": "ADAPTER_CREDENTIAL_NOT_EXPECTED",
        "INVALID_CREDENTIAL": "ADAPTER_INVALID_CREDENTIAL",
        "NOT_A_CANDIDATE": "ADAPTER_NOT_A_CANDIDATE",
        "NOT_A_ROUTE_MODEL": "ADAPTER_NOT_A_ROUTE_MODEL",
        "NO_SUCH_ROUTE": "ADAPTER_NO_SUCH_ROUTE",
        "PROTOCOL_PACKAGE_MISSING": "ADAPTER_PROTOCOL_PACKAGE_MISSING",
        "REDIRECT_REFUSED": "ADAPTER_REDIRECT_REFUSED",
        "UNSUPPORTED_PROTOCOL": "ADAPTER_UNSUPPORTED_PROTOCOL",
      }
    `);
  });

  it('returns a fresh, mutable copy of the reasoning parameters', () => {
    const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'high' });
    const body = reasoningBody(candidate);
    expect(body).toEqual({ thinking: { type: 'enabled' }, reasoning_effort: 'high' });
    (body.thinking as { type: string }).type = 'changed';
    expect(candidate.reasoning.params).toEqual({ thinking: { type: 'enabled' }, reasoning_effort: 'high' });
    expect(reasoningBody(routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' }))).toEqual({});
  });
});
