import { inspect } from 'node:util';
import { createRegistry, formatRouteExplanation } from '@codewhale/core';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORLD_KEYS, worldConfig, worldEnv, worldPlugins } from './__fixtures__/codewhale-world.js';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
  type RecordedRequest,
} from './__fixtures__/loopback-openai-server.js';
import { prepareRoute } from './prepare-route.js';

let server: LoopbackOpenAIServer;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Prepared in one call.');
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  // Ambient OpenAI settings the client would read on its own: none may reach a route's endpoint.
  vi.stubEnv('OPENAI_API_KEY', 'sk-ambient-openai-key-must-not-leak');
  vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/wrong-base');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function only(requests: readonly RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as RecordedRequest;
}

const messages = [{ role: 'user' as const, content: 'Say hello.' }];

describe('prepareRoute: resolve, explain, bind the key and configure the client in one call', () => {
  it('gives a Together route ready for the openai client: wire id byte-for-byte, key only in its header, reasoning in the body', async () => {
    const route = await prepareRoute({
      plugins: worldPlugins(),
      config: worldConfig(server.origin, server.origin),
      env: worldEnv(),
      route: { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'high' },
    });
    if (!route.ok) throw new Error(route.error.message);
    expect(route.explanation.route).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(route.explanation.auth).toBe('env:CW_TEST_TOGETHER_KEY');
    expect(formatRouteExplanation(route.explanation)).toContain('route         together:deepseek-ai/DeepSeek-V4-Pro');
    expect(route.model).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(route.body).toEqual({ reasoning_effort: 'high' });

    const client = new OpenAI({ ...route.client, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: route.model, messages, ...route.body });
    expect(completion.choices[0]?.message.content).toBe('Prepared in one call.');
    const request = only(server.requests);
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${WORLD_KEYS.together}` });
    expect(request.body).toEqual({ model: 'deepseek-ai/DeepSeek-V4-Pro', messages, reasoning_effort: 'high' });
    // The key travels inside fetch only: the prepared route prints and serialises without it.
    const shown = `${JSON.stringify(route)}\n${inspect(route, { depth: Infinity, showHidden: true })}`;
    expect(shown).not.toContain(WORLD_KEYS.together);
  });

  it('takes a route ref, and defaults to the config when no route is given', async () => {
    const byRef = await prepareRoute({
      plugins: worldPlugins(),
      config: worldConfig(server.origin, server.origin),
      env: worldEnv(),
      route: 'vllm:My-Org/Served_Name',
    });
    expect(byRef.ok && byRef.candidate.toString()).toBe('vllm:My-Org/Served_Name');
    const fromConfig = await prepareRoute({
      plugins: worldPlugins(),
      config: worldConfig(server.origin, server.origin, { provider: 'deepseek' }),
      env: worldEnv(),
    });
    if (!fromConfig.ok) throw new Error(fromConfig.error.message);
    await new OpenAI({ ...fromConfig.client, maxRetries: 0 }).chat.completions.create({
      model: fromConfig.model,
      messages,
    });
    const request = only(server.requests);
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${WORLD_KEYS.deepseek}` });
  });

  it("runs getting-started's snippet: Together's official endpoint with TOGETHER_API_KEY from the environment", async () => {
    vi.stubEnv('TOGETHER_API_KEY', 'tgp-from-the-environment-0c4e');
    const seen: { url: string; authorization: string | null }[] = [];
    // No network: the request is caught before it leaves, and answered here.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({
        url: String(input instanceof Request ? input.url : input),
        authorization: headers.get('authorization'),
      });
      return Response.json({
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'deepseek-ai/DeepSeek-V4-Pro',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
      });
    };
    const registry = createRegistry({ plugins: worldPlugins() });
    const route = await prepareRoute({ registry, route: 'together:deepseek-ai/DeepSeek-V4-Pro', fetch });
    if (!route.ok) throw new Error(route.error.message);
    expect(route.explanation.auth).toBe('env:TOGETHER_API_KEY');
    const client = new OpenAI({ ...route.client, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: route.model, messages, ...route.body });
    expect(completion.choices[0]?.message.content).toBe('Hello.');
    expect(seen).toEqual([
      { url: 'https://api.together.xyz/v1/chat/completions', authorization: 'Bearer tgp-from-the-environment-0c4e' },
    ]);
  });

  it("returns the resolver's error as a value, and refuses protocols the openai client does not speak", async () => {
    const foreign = await prepareRoute({
      plugins: worldPlugins(),
      env: worldEnv(),
      route: 'deepseek:deepseek-ai/DeepSeek-V4-Pro',
    });
    expect(foreign.ok).toBe(false);
    expect(!foreign.ok && foreign.error.kind).toBe('foreign-model');
    const anthropic = await prepareRoute({
      plugins: worldPlugins(),
      config: { providers: { deepseek: { endpoint: 'anthropic' } } },
      env: { DEEPSEEK_API_KEY: WORLD_KEYS.deepseek },
      route: 'deepseek:deepseek-v4-pro',
    });
    expect(!anthropic.ok && anthropic.error.kind).toBe('unsupported-protocol');
    expect(server.requests).toHaveLength(0);
  });

  // @see issue 15 item 5: a host shows "auth: missing" with the route, as explain does, instead of catching a throw.
  it('returns a route without a key as a value, with its explanation and what to set', async () => {
    const route = await prepareRoute({
      registry: createRegistry({ plugins: worldPlugins() }),
      env: {},
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
    });
    expect(route.ok).toBe(false);
    if (route.ok || !('candidate' in route)) throw new Error('expected a route without its key');
    expect(route.error.kind).toBe('credential-missing');
    expect(route.error.message).toMatch(/^together:deepseek-ai\/DeepSeek-V4-Pro: No credential for Together AI/);
    expect(route.error.message).toContain('TOGETHER_API_KEY');
    expect(route.explanation.auth).toBe('missing');
    expect(String(route.candidate)).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(server.requests).toHaveLength(0);
  });
});
