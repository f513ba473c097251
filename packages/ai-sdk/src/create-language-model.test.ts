import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
  type RecordedRequest,
} from './__fixtures__/loopback-openai-server.js';
import { KEYS, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { createLanguageModel } from './create-language-model.js';

let server: LoopbackOpenAIServer;
let routes: ReturnType<typeof loopbackRoutes>;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Hello from the loopback route.');
  routes = loopbackRoutes(server.origin);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function only(requests: readonly RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as RecordedRequest;
}

describe('createLanguageModel with the real AI SDK (generateText)', () => {
  it('sends a Together route to its base URL, with the wire id byte-for-byte, the bound bearer key only, and reasoning', async () => {
    const candidate = routes.resolve({
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-V4-Pro:novita',
      reasoning: 'medium',
    });
    const model = createLanguageModel(candidate, { credential: await routes.bind(candidate) });
    const { text } = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });

    expect(text).toBe('Hello from the loopback route.');
    const request = only(server.requests);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(request.body?.model).toBe('deepseek-ai/DeepSeek-V4-Pro:novita');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.together}` });
    expect(request.body).toMatchInlineSnapshot(`
      {
        "messages": [
          {
            "content": "Say hello.",
            "role": "user",
          },
        ],
        "model": "deepseek-ai/DeepSeek-V4-Pro:novita",
        "reasoning_effort": "medium",
      }
    `);
  });

  it("sends DeepSeek's thinking and reasoning_effort to a custom base URL without /v1", async () => {
    const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'max' });
    expect(candidate.reasoning.params).toEqual({ thinking: { type: 'enabled' }, reasoning_effort: 'max' });
    const model = createLanguageModel(candidate, { credential: await routes.bind(candidate) });
    await generateText({ model, prompt: 'Think.', maxRetries: 0 });

    const request = only(server.requests);
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.deepseek}` });
    expect(request.body).toMatchObject({
      model: 'deepseek-v4-pro',
      thinking: { type: 'enabled' },
      reasoning_effort: 'max',
    });
  });

  it("sends a vLLM served name with case and a slash, no credential at all when none is bound, and the dialect's kwargs", async () => {
    const candidate = routes.resolve({ provider: 'vllm', reasoning: 'high' });
    expect(candidate.auth.source).toBe('not-required');
    const model = createLanguageModel(candidate);
    expect(model.modelId).toBe('My-Org/Served_Name');
    expect(model.provider).toBe('vllm.chat');
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });

    const request = only(server.requests);
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body?.model).toBe('My-Org/Served_Name');
    expect(credentialHeaders(request)).toEqual({});
    expect(request.body?.chat_template_kwargs).toEqual({ thinking: true, reasoning_effort: 'high' });
  });

  it("merges the route's object parameters one level deep into what the caller set through providerOptions", async () => {
    const candidate = routes.resolve({ provider: 'vllm', reasoning: 'off' });
    const model = createLanguageModel(candidate);
    await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { vllm: { chat_template_kwargs: { custom_flag: 'kept' }, top_k: 20 } },
    });

    const request = only(server.requests);
    expect(request.body?.chat_template_kwargs).toEqual({ custom_flag: 'kept', thinking: false });
    expect(request.body?.top_k).toBe(20);
  });

  it("puts an x-api-key credential in x-api-key only, next to the endpoint's fixed headers", async () => {
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'Acme/Router-Large_v2', reasoning: 'low' });
    const credential = await routes.bind(candidate);
    expect(credential).toEqual({ header: 'x-api-key', value: KEYS.gateway });
    await generateText({ model: createLanguageModel(candidate, { credential }), prompt: 'Hi', maxRetries: 0 });

    const request = only(server.requests);
    expect(request.url).toBe('/gateway/v2/chat/completions');
    expect(request.body?.model).toBe('Acme/Router-Large_v2');
    expect(credentialHeaders(request)).toEqual({ 'x-api-key': KEYS.gateway });
    expect(request.headers['acme-version']).toBe('2026-11-01');
    expect(request.headers['x-acme-tenant']).toBe('route-tests');
    expect(request.body?.reasoning).toEqual({ effort: 'low' });
  });

  it('sends nothing from the provider default when no reasoning level applies', async () => {
    const candidate = routes.resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro:novita' });
    expect(candidate.reasoning.applied).toBe('provider-default');
    await generateText({
      model: createLanguageModel(candidate, { credential: await routes.bind(candidate) }),
      prompt: 'Hi',
      maxRetries: 0,
    });
    expect(Object.keys(only(server.requests).body ?? {}).sort()).toEqual(['messages', 'model']);
  });
});

describe('createLanguageModel with the real AI SDK (streamText)', () => {
  it("round-trips an SSE reply ending in [DONE], with the route's id, key and reasoning on the streamed request", async () => {
    server.reply = 'Streaming through the route works.';
    try {
      const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'high' });
      const model = createLanguageModel(candidate, { credential: await routes.bind(candidate), includeUsage: true });
      const result = streamText({ model, prompt: 'Stream please.', maxRetries: 0 });
      const parts: string[] = [];
      for await (const part of result.textStream) parts.push(part);

      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe('Streaming through the route works.');
      expect((await result.usage).outputTokens).toBe(9);
      expect(await result.finishReason).toBe('stop');
      const request = only(server.requests);
      expect(request.url).toBe('/deepseek/chat/completions');
      expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.deepseek}` });
      expect(request.body).toMatchObject({
        model: 'deepseek-v4-pro',
        stream: true,
        stream_options: { include_usage: true },
        thinking: { type: 'enabled' },
        reasoning_effort: 'high',
      });
    } finally {
      server.reply = 'Hello from the loopback route.';
    }
  });

  it('streams a vLLM served name byte-for-byte', async () => {
    const candidate = routes.resolve({ provider: 'vllm' });
    const result = streamText({ model: createLanguageModel(candidate), prompt: 'Hi', maxRetries: 0 });
    expect(await result.text).toBe('Hello from the loopback route.');
    const request = only(server.requests);
    expect(request.body).toMatchObject({ model: 'My-Org/Served_Name', stream: true });
    expect(request.body).not.toHaveProperty('stream_options');
  });
});
