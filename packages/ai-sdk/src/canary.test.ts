import { inspect } from 'node:util';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
} from './__fixtures__/loopback-openai-server.js';
import { createLegacyCompletionsPlugin, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import type { RouteCredential } from './chat-route.js';
import { createLanguageModel } from './create-language-model.js';
import { reasoningBody } from './reasoning-body.js';
import { toOpenAIClientOptions } from './to-openai-client-options.js';

const CANARY = 'sk-cw-canary-9f1d7e3b5a2c-never-leaks';

let server: LoopbackOpenAIServer;
let routes: ReturnType<typeof loopbackRoutes>;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Canary reply.');
  routes = loopbackRoutes(server.origin, { env: { CW_TEST_TOGETHER_KEY: CANARY, ACME_GATEWAY_KEY: CANARY } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.failWith = undefined;
  server.echoKey = false;
});

/** Every way a value can be shown: String, JSON, util.inspect with hidden and deep properties, and an error's stack. */
// (Not `getters: true`: calling every getter corrupts the AI SDK's lazily built zod schemas.)
function shown(value: unknown): string {
  let json = '';
  try {
    json = JSON.stringify(value) ?? '';
  } catch (error) {
    json = String(error);
  }
  const stack = value instanceof Error ? `${value.stack ?? ''}${String(value.cause ?? '')}` : '';
  return `${String(value)}\n${json}\n${inspect(value, { depth: Infinity, showHidden: true })}\n${stack}`;
}

async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('a planted key never leaks from the adapters', () => {
  it('is absent from what createLanguageModel, toOpenAIClientOptions, reasoningBody and the clients hold', async () => {
    for (const request of [
      { provider: 'together', model: 'Org/Model', reasoning: 'high' as const },
      { provider: 'acme-gateway', model: 'Org/Model' },
    ]) {
      const candidate = routes.resolve(request);
      const credential = await routes.bind(candidate);
      expect(credential?.value).toContain(CANARY);
      const model = createLanguageModel(candidate, { credential });
      const options = toOpenAIClientOptions(candidate, { credential });
      const client = new OpenAI({ ...options, maxRetries: 0 });
      for (const value of [model, options, client, reasoningBody(candidate), candidate])
        expect(shown(value)).not.toContain(CANARY);
    }
  });

  it('is sent in its one header only, and absent from generateText and streamText results', async () => {
    const candidate = routes.resolve({ provider: 'together', model: 'Org/Model', reasoning: 'high' });
    const model = createLanguageModel(candidate, { credential: await routes.bind(candidate) });
    const generated = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    const streamed = streamText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(await streamed.text).toBe('Canary reply.');
    expect(shown(generated)).not.toContain(CANARY);
    expect(shown(await streamed.response)).not.toContain(CANARY);
    expect(shown(await streamed.request)).not.toContain(CANARY);
    for (const request of server.requests) {
      expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${CANARY}` });
      const { authorization: _sent, ...rest } = request.headers;
      expect(JSON.stringify(rest) + JSON.stringify(request.body) + request.url).not.toContain(CANARY);
    }
  });

  it('is absent from the errors of a refused key (401) in both clients', async () => {
    server.failWith = 401;
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'Org/Model' });
    const credential = await routes.bind(candidate);
    const aiError = await thrown(() =>
      generateText({ model: createLanguageModel(candidate, { credential }), prompt: 'Hi', maxRetries: 0 }),
    );
    const client = new OpenAI({ ...toOpenAIClientOptions(candidate, { credential }), maxRetries: 0 });
    const openaiError = await thrown(() =>
      client.chat.completions.create({ model: candidate.wireModelId, messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(shown(aiError)).toContain('Incorrect API key provided');
    expect(shown(openaiError)).toContain('Incorrect API key provided');
    expect(shown(aiError)).not.toContain(CANARY);
    expect(shown(openaiError)).not.toContain(CANARY);
    expect(server.requests.map((request) => credentialHeaders(request))).toEqual([
      { 'x-api-key': CANARY },
      { 'x-api-key': CANARY },
    ]);
  });

  // @see issue 13 item 6: a provider that echoes the key in its error body must not make the AI SDK's or the openai
  // client's error (message, responseBody, data) print it. The plain canary has no key shape: exact values are redacted.
  it('is redacted from a 401 body that echoes it, in both clients, for both credential headers', async () => {
    const PLAIN = 'plain-canary-Zq81w-no-key-shape';
    const plain = loopbackRoutes(server.origin, {
      env: { CW_TEST_TOGETHER_KEY: PLAIN, ACME_GATEWAY_KEY: `${PLAIN}"\\quoted` },
    });
    server.failWith = 401;
    server.echoKey = true;
    for (const request of [
      { provider: 'together', model: 'Org/Model' },
      { provider: 'acme-gateway', model: 'Org/Model' },
    ]) {
      const candidate = plain.resolve(request);
      const credential = await plain.bind(candidate);
      const aiError = await thrown(() =>
        generateText({ model: createLanguageModel(candidate, { credential }), prompt: 'Hi', maxRetries: 0 }),
      );
      let streamError: unknown;
      await streamText({
        model: createLanguageModel(candidate, { credential }),
        prompt: 'Hi',
        maxRetries: 0,
        onError: ({ error }) => void (streamError ??= error),
      }).consumeStream();
      const client = new OpenAI({ ...toOpenAIClientOptions(candidate, { credential }), maxRetries: 0 });
      const openaiError = await thrown(() =>
        client.chat.completions.create({ model: candidate.wireModelId, messages: [{ role: 'user', content: 'Hi' }] }),
      );
      for (const error of [aiError, streamError, openaiError]) {
        expect(shown(error)).toContain('Incorrect API key provided: [redacted].');
        expect(shown(error)).not.toContain(PLAIN);
      }
    }
    expect(server.requests).toHaveLength(6);
  });

  it('is absent from every adapter error, even when it is in the wrong place', () => {
    const keyed = routes.resolve({ provider: 'together', model: 'Org/Model' });
    const keyless = routes.resolve({ provider: 'vllm' });
    const legacy = loopbackRoutes(server.origin, {
      env: { ACME_LEGACY_KEY: CANARY },
      plugins: [createLegacyCompletionsPlugin(`${server.origin}/legacy/v1`)],
    }).resolve({ provider: 'acme-legacy', model: 'text-legacy' });
    const cases: [unknown, RouteCredential][] = [
      [keyless, { header: 'authorization', value: `Bearer ${CANARY}` }],
      [keyed, { header: CANARY, value: 'swapped' }],
      [keyed, { header: `x-api-key ${CANARY}`, value: CANARY }],
      [keyed, { header: 'authorization', value: `Bearer ${CANARY}\r\n` }],
      [legacy, { header: 'authorization', value: `Bearer ${CANARY}` }],
      [
        { wireModelId: CANARY, endpoint: { baseUrl: CANARY } },
        { header: 'authorization', value: CANARY },
      ],
    ];
    for (const [candidate, credential] of cases) {
      for (const run of [
        () => createLanguageModel(candidate as never, { credential }),
        () => toOpenAIClientOptions(candidate as never, { credential }),
      ]) {
        const error = (() => {
          try {
            run();
          } catch (caught) {
            return caught;
          }
          throw new Error('expected a throw');
        })();
        expect(shown(error)).not.toContain(CANARY);
      }
    }
  });
});
