import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
  type RecordedRequest,
} from './__fixtures__/loopback-openai-server.js';
import { KEYS, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { REPLAY, startReplayServer } from './__fixtures__/replay-server.js';
import { reasoningBody } from './reasoning-body.js';
import { toOpenAIClientOptions } from './to-openai-client-options.js';

let server: LoopbackOpenAIServer;
let routes: ReturnType<typeof loopbackRoutes>;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Hello from the loopback route.');
  routes = loopbackRoutes(server.origin);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  // Ambient OpenAI settings the client would read on its own: none of them may reach a route's endpoint.
  vi.stubEnv('OPENAI_API_KEY', 'sk-ambient-openai-key-must-not-leak');
  vi.stubEnv('OPENAI_ORG_ID', 'org-ambient-must-not-leak');
  vi.stubEnv('OPENAI_PROJECT_ID', 'proj-ambient-must-not-leak');
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

describe('toOpenAIClientOptions with the real openai client', () => {
  it('sends a Together route to its base URL with the wire id byte-for-byte, the bearer key only, and reasoning in the body', async () => {
    const candidate = routes.resolve({
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-V4-Pro:novita',
      reasoning: 'low',
    });
    const client = new OpenAI({
      ...toOpenAIClientOptions(candidate, { credential: await routes.bind(candidate) }),
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: candidate.wireModelId,
      messages,
      ...reasoningBody(candidate),
    });

    expect(completion.choices[0]?.message.content).toBe('Hello from the loopback route.');
    const request = only(server.requests);
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.together}` });
    expect(request.body).toEqual({ model: 'deepseek-ai/DeepSeek-V4-Pro:novita', messages, reasoning_effort: 'low' });
  });

  it("sends DeepSeek's thinking parameters and puts the key nowhere but its header", async () => {
    const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'off' });
    const client = new OpenAI({
      ...toOpenAIClientOptions(candidate, { credential: await routes.bind(candidate) }),
      maxRetries: 0,
    });
    await client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) });

    const request = only(server.requests);
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.deepseek}` });
    expect(request.body).toEqual({ model: 'deepseek-v4-pro', messages, thinking: { type: 'disabled' } });
  });

  it('puts an x-api-key credential in x-api-key only (the placeholder apiKey is never sent) with the fixed headers', async () => {
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'Acme/Router-Large_v2', reasoning: 'high' });
    const client = new OpenAI({
      ...toOpenAIClientOptions(candidate, { credential: await routes.bind(candidate) }),
      maxRetries: 0,
    });
    await client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) });

    const request = only(server.requests);
    expect(request.url).toBe('/gateway/v2/chat/completions');
    expect(credentialHeaders(request)).toEqual({ 'x-api-key': KEYS.gateway });
    expect(request.headers['acme-version']).toBe('2026-11-01');
    expect(request.headers['x-acme-tenant']).toBe('route-tests');
    expect(request.body).toEqual({ model: 'Acme/Router-Large_v2', messages, reasoning: { effort: 'high' } });
  });

  it('sends no credential header at all to a route that takes none', async () => {
    const candidate = routes.resolve({ provider: 'vllm' });
    const client = new OpenAI({ ...toOpenAIClientOptions(candidate), maxRetries: 0 });
    await client.chat.completions.create({ model: candidate.wireModelId, messages });

    const request = only(server.requests);
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body?.model).toBe('My-Org/Served_Name');
    expect(credentialHeaders(request)).toEqual({});
  });

  it('round-trips a streamed reply (SSE chunks ending in [DONE])', async () => {
    const candidate = routes.resolve({
      provider: 'vllm',
      model: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      reasoning: 'medium',
    });
    const client = new OpenAI({ ...toOpenAIClientOptions(candidate), maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: candidate.wireModelId,
      messages,
      stream: true,
      ...reasoningBody(candidate),
    });
    const parts: string[] = [];
    for await (const chunk of stream) parts.push(chunk.choices[0]?.delta.content ?? '');

    expect(parts.filter(Boolean).length).toBeGreaterThan(1);
    expect(parts.join('')).toBe('Hello from the loopback route.');
    const request = only(server.requests);
    expect(request.body).toMatchObject({
      model: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      stream: true,
      ...candidate.reasoning.params,
    });
  });

  it('gives plain options: base URL, a placeholder key, Authorization removed, no OPENAI_* values', () => {
    const candidate = routes.resolve({ provider: 'acme-gateway', model: 'm' });
    const { fetch, ...rest } = toOpenAIClientOptions(candidate, {
      credential: { header: 'x-api-key', value: KEYS.gateway },
    });
    expect(typeof fetch).toBe('function');
    expect(rest).toEqual({
      baseURL: `${server.origin}/gateway/v2`,
      apiKey: 'codewhale-unused-placeholder',
      defaultHeaders: { Authorization: null, 'acme-version': '2026-11-01', 'x-acme-tenant': 'route-tests' },
      organization: null,
      project: null,
      webhookSecret: null,
    });
  });

  it("adds the credential on top of the host's own fetch", async () => {
    const candidate = routes.resolve({ provider: 'together', model: 'Org/Model' });
    const seen: string[] = [];
    const hostFetch: typeof globalThis.fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? 'none');
      return globalThis.fetch(input, init);
    };
    const client = new OpenAI({
      ...toOpenAIClientOptions(candidate, { credential: await routes.bind(candidate), fetch: hostFetch }),
      maxRetries: 0,
    });
    await client.chat.completions.create({ model: candidate.wireModelId, messages });
    expect(seen).toEqual([`Bearer ${KEYS.together}`]);
    expect(credentialHeaders(only(server.requests))).toEqual({ authorization: `Bearer ${KEYS.together}` });
  });
});

// @see issue 15 item 1: the openai client speaks both OpenAI formats, so a responses route is taken too.
describe('toOpenAIClientOptions and a responses route (client.responses)', () => {
  it("sends DeepSeek's Responses endpoint the wire id, the bearer key only and reasoning.effort; reads the recorded answer", async () => {
    const replay = await startReplayServer(REPLAY.responses);
    try {
      const responsesRoutes = loopbackRoutes(replay.origin, {
        providers: {
          deepseek: { base_url: replay.origin, endpoint: 'responses', api_key_env: 'CW_TEST_DEEPSEEK_KEY' },
        },
      });
      const candidate = responsesRoutes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'max' });
      expect(candidate.endpoint.protocol).toBe('responses');
      const client = new OpenAI({
        ...toOpenAIClientOptions(candidate, { credential: await responsesRoutes.bind(candidate) }),
        maxRetries: 0,
      });
      const response = await client.responses.create({
        model: candidate.wireModelId,
        input: 'What is the capital of France?',
        ...reasoningBody(candidate),
      });
      expect(response.output_text).toBe('The capital of France is Paris.');
      const request = only(replay.requests);
      expect(request.url).toBe('/responses');
      expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${KEYS.deepseek}` });
      expect(JSON.stringify(request.headers)).not.toContain('codewhale-unused-placeholder');
      expect(request.body).toEqual({
        model: 'deepseek-v4-pro',
        input: 'What is the capital of France?',
        reasoning: { effort: 'max' },
      });
    } finally {
      await replay.close();
    }
  });
});
