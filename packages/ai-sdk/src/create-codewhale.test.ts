import { inspect } from 'node:util';
import { NoSuchModelError } from '@ai-sdk/provider';
import { createRegistry } from '@codewhale/core';
import { CredentialError, createCredentialSource } from '@codewhale/node';
import { createProviderRegistry, customProvider, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WORLD_KEYS, worldConfig, worldEnv, worldPlugins } from './__fixtures__/codewhale-world.js';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
  type RecordedRequest,
} from './__fixtures__/loopback-openai-server.js';
import { REPLAY, startReplayServer } from './__fixtures__/replay-server.js';
import { ADAPTER_ERROR_CODES } from './adapter-error.js';
import { createCodewhale } from './create-codewhale.js';
import { NoSuchRouteError } from './no-such-route-error.js';

let server: LoopbackOpenAIServer;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Hello from the provider.');
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.failWith = undefined;
});

function only(requests: readonly RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as RecordedRequest;
}

/** A provider over the world, all servers at the one loopback server; `env` is the map keys are read from. */
function world(env = worldEnv()) {
  const codewhale = createCodewhale({
    plugins: worldPlugins(),
    config: worldConfig(server.origin, server.origin),
    env,
  });
  return { codewhale, env };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createCodewhale: an AI SDK provider over routes', () => {
  it('is a v4 provider whose model sends a Together route byte-for-byte, with the key in its header only', async () => {
    const { codewhale } = world();
    expect(codewhale.specificationVersion).toBe('v4');
    const model = codewhale.route('together:deepseek-ai/DeepSeek-V4-Pro', { reasoning: 'low' });
    expect(model.specificationVersion).toBe('v4');
    expect(model.modelId).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(model.provider).toBe('together.chat');
    expect(model.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');

    const { text } = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
    expect(text).toBe('Hello from the provider.');
    const request = only(server.requests);
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(request.body?.model).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(request.body?.reasoning_effort).toBe('low');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${WORLD_KEYS.together}` });
  });

  it("works inside the AI SDK's createProviderRegistry (codewhale:together:…), generate and stream", async () => {
    const { codewhale } = world();
    const registry = createProviderRegistry({ codewhale });
    const model = registry.languageModel('codewhale:together:deepseek-ai/DeepSeek-V4-Pro');
    const { text } = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(text).toBe('Hello from the provider.');
    expect(only(server.requests).body?.model).toBe('deepseek-ai/DeepSeek-V4-Pro');

    server.requests.length = 0;
    const stream = streamText({
      model: registry.languageModel('codewhale:deepseek:deepseek-v4-pro'),
      prompt: 'Hi',
      maxRetries: 0,
    });
    let streamed = '';
    for await (const part of stream.textStream) streamed += part;
    expect(streamed).toBe('Hello from the provider.');
    const request = only(server.requests);
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(request.body).toMatchObject({ model: 'deepseek-v4-pro', stream: true });
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${WORLD_KEYS.deepseek}` });
  });

  it("works inside the AI SDK's customProvider, by alias and through the fallback provider", async () => {
    const { codewhale } = world();
    const custom = customProvider({
      languageModels: { coder: codewhale('vllm:My-Org/Served_Name') },
      fallbackProvider: codewhale,
    });
    await generateText({ model: custom.languageModel('coder'), prompt: 'Hi', maxRetries: 0 });
    const local = only(server.requests);
    expect(local.url).toBe('/v1/chat/completions');
    expect(local.body?.model).toBe('My-Org/Served_Name');
    expect(credentialHeaders(local)).toEqual({});

    server.requests.length = 0;
    await generateText({ model: custom.languageModel('deepseek:deepseek-v4-pro'), prompt: 'Hi', maxRetries: 0 });
    expect(only(server.requests).url).toBe('/deepseek/chat/completions');
  });

  it('resolves auto with a purpose through route(), and provider:auto through languageModel()', () => {
    // auto picks from catalog facts, so from official endpoints (nothing is sent here).
    const codewhale = createCodewhale({ plugins: worldPlugins(), env: worldEnv() });
    const summary = codewhale.route('deepseek:auto', { purpose: 'summary' });
    expect(summary.candidate.fromAuto).toBe(true);
    expect(summary.candidate.provider.id).toBe('deepseek');
    expect(codewhale.languageModel('deepseek:auto').candidate.fromAuto).toBe(true);
  });

  it('throws NoSuchModelError (a NoSuchRouteError) carrying the resolver explanation when a ref does not resolve, and sends nothing', () => {
    // DeepSeek's official endpoint: its policy knows a namespaced id is foreign there.
    const codewhale = createCodewhale({ plugins: worldPlugins(), env: worldEnv() });
    const error = caught(() => codewhale.languageModel('deepseek:deepseek-ai/DeepSeek-V4-Pro'));
    expect(NoSuchModelError.isInstance(error)).toBe(true);
    expect(NoSuchRouteError.isInstance(error)).toBe(true);
    const refused = error as NoSuchRouteError;
    expect(refused.modelType).toBe('languageModel');
    expect(refused.modelId).toBe('deepseek:deepseek-ai/DeepSeek-V4-Pro');
    expect(refused.code).toBe(ADAPTER_ERROR_CODES.NO_SUCH_ROUTE);
    expect(refused.routeError.kind).toBe('foreign-model');
    expect(refused.message).toContain(refused.routeError.message);
    expect(refused.message).toMatch(
      /^codewhale: route "deepseek:deepseek-ai\/DeepSeek-V4-Pro" did not resolve \(foreign-model\): /,
    );

    // The same error through the AI SDK's registry (it passes the provider's error on).
    const registry = createProviderRegistry({ codewhale });
    const viaRegistry = caught(() => registry.languageModel('codewhale:deepseek:'));
    expect(NoSuchRouteError.isInstance(viaRegistry)).toBe(true);
    expect((viaRegistry as NoSuchRouteError).routeError.kind).toBe('empty-model');
    // A misspelt provider prefix is not split off: the whole string is a model id, which no provider offers here.
    const misspelt = caught(() => codewhale.languageModel('togther:deepseek-ai/DeepSeek-V4-Pro' as string));
    expect(NoSuchRouteError.isInstance(misspelt)).toBe(true);
    expect((misspelt as NoSuchRouteError).routeError.details.unknownProvider).toBe('togther');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses embedding and image models with NoSuchModelError', () => {
    const { codewhale } = world();
    for (const run of [() => codewhale.embeddingModel('x'), () => codewhale.imageModel('x')]) {
      const error = caught(run);
      expect(NoSuchModelError.isInstance(error)).toBe(true);
    }
  });

  it('takes a registry, a parsed config and a credential source instead of plugins and env', async () => {
    const registry = createRegistry({ plugins: worldPlugins() });
    const codewhale = createCodewhale({
      registry,
      config: worldConfig(server.origin, server.origin),
      credentials: createCredentialSource({ registry, env: worldEnv() }),
    });
    await generateText({ model: codewhale('deepseek:deepseek-v4-pro'), prompt: 'Hi', maxRetries: 0 });
    expect(credentialHeaders(only(server.requests))).toEqual({ authorization: `Bearer ${WORLD_KEYS.deepseek}` });
    expect(() => createCodewhale({ config: {} } as never)).toThrow(/needs either plugins or a registry/);
  });
});

describe.each([
  {
    protocol: 'responses',
    table: (origin: string) => ({ base_url: origin, endpoint: 'responses', api_key_env: 'CW_TEST_DEEPSEEK_KEY' }),
    path: '/responses',
    credential: { authorization: `Bearer ${WORLD_KEYS.deepseek}` },
  },
  {
    protocol: 'anthropic-messages',
    table: (origin: string) => ({
      base_url: `${origin}/anthropic`,
      endpoint: 'anthropic',
      api_key_env: 'CW_TEST_DEEPSEEK_KEY',
    }),
    path: '/anthropic/v1/messages',
    credential: { 'x-api-key': WORLD_KEYS.deepseek },
  },
] as const)('createCodewhale on a $protocol route', ({ protocol, table, path, credential }) => {
  it('generates and streams the recorded answers, with the key read per request in its one header', async () => {
    const replay = await startReplayServer(REPLAY[protocol]);
    try {
      const codewhale = createCodewhale({
        plugins: worldPlugins(),
        config: { providers: { deepseek: table(replay.origin) } },
        env: worldEnv(),
      });
      const model = codewhale.route('deepseek:deepseek-v4-pro', { reasoning: 'high' });
      expect(model.candidate.endpoint.protocol).toBe(protocol);
      const { text } = await generateText({ model, prompt: 'What is the capital of France?', maxRetries: 0 });
      let streamed = '';
      for await (const part of streamText({ model, prompt: 'Again', maxRetries: 0 }).textStream) streamed += part;
      expect(text.length).toBeGreaterThan(0);
      expect(streamed).toBe(text);
      expect(
        replay.requests.map((request) => [request.url, request.body?.model, request.body?.stream ?? false]),
      ).toEqual([
        [path, 'deepseek-v4-pro', false],
        [path, 'deepseek-v4-pro', true],
      ]);
      for (const request of replay.requests) expect(credentialHeaders(request)).toEqual(credential);
    } finally {
      await replay.close();
    }
  });
});

describe('createCodewhale reads keys per request and keeps none', () => {
  const ROTATED = 'sk-deepseek-rotated-5f0d3c9a-never-kept';

  /** Every way a value can be shown: String, JSON, util.inspect with hidden and deep properties. */
  function shown(value: unknown): string {
    let json = '';
    try {
      json = JSON.stringify(value) ?? '';
    } catch (error) {
      json = String(error);
    }
    return `${String(value)}\n${json}\n${inspect(value, { depth: Infinity, showHidden: true })}`;
  }

  it('uses a rotated key on the next request, without a new model', async () => {
    const { codewhale, env } = world();
    const model = codewhale('deepseek:deepseek-v4-pro');
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    env.CW_TEST_DEEPSEEK_KEY = ROTATED;
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${WORLD_KEYS.deepseek}`,
      `Bearer ${ROTATED}`,
    ]);
  });

  it('never shows a planted key in the provider or its models, before or after a call', async () => {
    const env = { ...worldEnv(), CW_TEST_DEEPSEEK_KEY: ROTATED };
    const { codewhale } = world(env);
    const model = codewhale('deepseek:deepseek-v4-pro');
    const registry = createProviderRegistry({ codewhale });
    for (const value of [codewhale, model, registry, model.candidate]) expect(shown(value)).not.toContain(ROTATED);
    const result = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(only(server.requests).headers.authorization).toBe(`Bearer ${ROTATED}`);
    for (const value of [codewhale, model, registry, result.request, result.response])
      expect(shown(value)).not.toContain(ROTATED);
  });

  it('reads the key once per request, not again for what the model supports', async () => {
    let reads = 0;
    const env = new Proxy(worldEnv(), {
      get(target, name, receiver) {
        if (name === 'CW_TEST_DEEPSEEK_KEY') reads++;
        return Reflect.get(target, name, receiver);
      },
    });
    const { codewhale } = world(env);
    const model = codewhale('deepseek:deepseek-v4-pro');
    reads = 0;
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(reads).toBe(1);
    // What the protocol package's own model says (chat-completions: no URL is passed through), read without the key.
    const direct = (await import('@ai-sdk/openai-compatible'))
      .createOpenAICompatible({ name: 'x', baseURL: server.origin })
      .chatModel('m');
    expect(await model.supportedUrls).toStrictEqual(await direct.supportedUrls);
    expect(reads).toBe(1);
    const stream = streamText({ model, prompt: 'Hi', maxRetries: 0 });
    await stream.text;
    expect(reads).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('fails with CREDENTIAL_CHANGED, sending nothing, when the key was unset after the route was resolved', async () => {
    const { codewhale, env } = world();
    const model = codewhale('deepseek:deepseek-v4-pro');
    env.CW_TEST_DEEPSEEK_KEY = undefined;
    const error = await generateText({ model, prompt: 'Hi', maxRetries: 0 }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).code).toBe('CREDENTIAL_CHANGED');
    expect(server.requests).toHaveLength(0);
  });
});
