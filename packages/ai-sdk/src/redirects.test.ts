// @see issue 13 item 4: requests built from a candidate never follow a redirect to another origin (the prompt and an
// x-api-key key would go with it; fetch strips only Authorization). Same-origin redirects keep working.
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
} from './__fixtures__/loopback-openai-server.js';
import { KEYS, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { AdapterError } from './adapter-error.js';
import { createLanguageModel } from './create-language-model.js';
import { reasoningBody } from './reasoning-body.js';
import { toOpenAIClientOptions } from './to-openai-client-options.js';

/** The configured endpoint: it redirects. */
let endpoint: LoopbackOpenAIServer;
/** Another origin (another port): it must never hear from a route of `endpoint`. */
let elsewhere: LoopbackOpenAIServer;
let routes: ReturnType<typeof loopbackRoutes>;

const PROMPT = 'the-secret-prompt-text-7f2e';
const messages = [{ role: 'user' as const, content: PROMPT }];

beforeAll(async () => {
  endpoint = await startLoopbackOpenAIServer('Answered after a same-origin redirect.');
  elsewhere = await startLoopbackOpenAIServer('Answered by another origin.');
  routes = loopbackRoutes(endpoint.origin);
});
afterAll(async () => {
  await endpoint.close();
  await elsewhere.close();
});
beforeEach(() => {
  endpoint.requests.length = 0;
  elsewhere.requests.length = 0;
  endpoint.redirect = undefined;
});

/** Every chat request to `endpoint` is redirected to the same path at the other origin. */
function redirectAway(status: number): void {
  endpoint.redirect = (url) => ({ status, location: `${elsewhere.origin}${url}?token=abc` });
}

/** Every chat request outside /moved/ is redirected to /moved/<same path> on the same origin. */
function redirectHere(status: number): void {
  endpoint.redirect = (url) => (url.startsWith('/moved/') ? undefined : { status, location: `/moved${url}` });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const ROUTES = [
  { name: 'a bearer key (together)', request: { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' } },
  { name: 'an x-api-key key (gateway)', request: { provider: 'acme-gateway', model: 'Acme/Router-Large_v2' } },
  { name: 'no key (vllm)', request: { provider: 'vllm' } },
] as const;

describe('createLanguageModel (the real AI SDK) and a redirect to another origin', () => {
  it.each(ROUTES)('refuses it with $name: nothing reaches the other origin (generateText)', async ({ request }) => {
    for (const status of [307, 308, 302, 301, 303]) {
      redirectAway(status);
      const candidate = routes.resolve(request);
      const credential = await routes.bind(candidate);
      const error = await rejection(
        generateText({
          model: createLanguageModel(candidate, credential ? { credential } : {}),
          prompt: PROMPT,
          maxRetries: 0,
        }),
      );
      expect(AdapterError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ code: 'ADAPTER_REDIRECT_REFUSED', route: String(candidate) });
      expect((error as Error).message).toContain(`to another origin (${elsewhere.origin}/`);
      expect((error as Error).message).not.toContain('token=abc');
      expect(elsewhere.requests).toEqual([]);
      expect(endpoint.requests).toHaveLength(1);
      endpoint.requests.length = 0;
    }
  });

  it("refuses it when streaming too, and with the host's own fetch", async () => {
    redirectAway(307);
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'Acme/Router-Large_v2' });
    const seen: string[] = [];
    const hostFetch: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    let streamError: unknown;
    const result = streamText({
      model: createLanguageModel(candidate, {
        credential: { header: 'x-api-key', value: KEYS.gateway },
        fetch: hostFetch,
      }),
      prompt: PROMPT,
      maxRetries: 0,
      onError: ({ error }) => void (streamError ??= error),
    });
    await result.consumeStream();
    expect(streamError).toMatchObject({ code: 'ADAPTER_REDIRECT_REFUSED' });
    expect(seen).toEqual([`${endpoint.origin}/gateway/v2/chat/completions`]);
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows a same-origin redirect with the key and the body (307 resends the POST)', async () => {
    redirectHere(307);
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'Acme/Router-Large_v2' });
    const { text } = await generateText({
      model: createLanguageModel(candidate, { credential: await routes.bind(candidate) }),
      prompt: PROMPT,
      maxRetries: 0,
    });
    expect(text).toBe('Answered after a same-origin redirect.');
    expect(endpoint.requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/gateway/v2/chat/completions'],
      ['POST', '/moved/gateway/v2/chat/completions'],
    ]);
    const moved = endpoint.requests[1];
    expect(credentialHeaders(moved as never)).toEqual({ 'x-api-key': KEYS.gateway });
    expect(moved?.body).toMatchObject({ model: 'Acme/Router-Large_v2', messages: [{ role: 'user', content: PROMPT }] });
  });

  it('stops after a few same-origin redirects', async () => {
    endpoint.redirect = (url) => ({ status: 307, location: `${url}/again` });
    const candidate = routes.resolve({ provider: 'vllm' });
    const error = await rejection(
      generateText({ model: createLanguageModel(candidate), prompt: PROMPT, maxRetries: 0 }),
    );
    expect(error).toMatchObject({
      code: 'ADAPTER_REDIRECT_REFUSED',
      message: expect.stringContaining('more than 3 times') as unknown,
    });
    expect(endpoint.requests).toHaveLength(4);
  });
});

describe('toOpenAIClientOptions (the real openai client) and a redirect to another origin', () => {
  it.each(ROUTES)('refuses it with $name: nothing reaches the other origin', async ({ request }) => {
    for (const status of [307, 308]) {
      redirectAway(status);
      const candidate = routes.resolve(request);
      const credential = await routes.bind(candidate);
      const client = new OpenAI({
        ...toOpenAIClientOptions(candidate, credential ? { credential } : {}),
        maxRetries: 0,
      });
      const error = await rejection(
        client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) }),
      );
      // The openai client wraps what its fetch throws as a connection error; the cause says why.
      expect((error as Error).cause ?? error).toMatchObject({
        code: 'ADAPTER_REDIRECT_REFUSED',
        route: String(candidate),
      });
      expect(elsewhere.requests).toEqual([]);
      endpoint.requests.length = 0;
    }
  });

  it('follows a same-origin redirect with the key in its one header', async () => {
    redirectHere(308);
    const candidate = routes.resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });
    const client = new OpenAI({
      ...toOpenAIClientOptions(candidate, { credential: await routes.bind(candidate) }),
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({ model: candidate.wireModelId, messages });
    expect(completion.choices[0]?.message.content).toBe('Answered after a same-origin redirect.');
    expect(endpoint.requests.map((request) => request.url)).toEqual([
      '/together/v1/chat/completions',
      '/moved/together/v1/chat/completions',
    ]);
    expect(credentialHeaders(endpoint.requests[1] as never)).toEqual({ authorization: `Bearer ${KEYS.together}` });
    expect(endpoint.requests[1]?.body).toMatchObject({ messages });
  });
});
