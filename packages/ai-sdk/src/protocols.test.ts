// @see issue 15 item 1: createLanguageModel speaks the protocol of the route's endpoint. One loopback server per
// protocol replays recorded bodies (src/__fixtures__/*.source.txt say where each comes from) to the real `ai` client.
import { generateText, jsonSchema, Output, streamText, tool } from 'ai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdapterProtocol } from './chat-route.js';
import { credentialHeaders, type RecordedRequest } from './__fixtures__/loopback-openai-server.js';
import { KEYS, loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { fixture, REPLAY, startReplayServer, type ReplayServer } from './__fixtures__/replay-server.js';
import { createLanguageModel } from './create-language-model.js';

const servers = {} as Record<AdapterProtocol, ReplayServer>;

beforeAll(async () => {
  for (const protocol of ['chat-completions', 'responses', 'anthropic-messages'] as const)
    servers[protocol] = await startReplayServer(REPLAY[protocol]);
});
afterAll(async () => {
  for (const server of Object.values(servers)) await server.close();
});
beforeEach(() => {
  for (const server of Object.values(servers)) server.requests.length = 0;
  // Ambient settings @ai-sdk/openai and @ai-sdk/anthropic would read on their own: none may reach a route's endpoint.
  vi.stubEnv('OPENAI_API_KEY', 'sk-ambient-openai-key-must-not-leak');
  vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/wrong-base');
  vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-ambient-key-must-not-leak');
  vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9/wrong-base');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A wire id a strict official API would refuse: a custom endpoint gets it byte-for-byte. */
const WIRE_ID = 'My-Org/DeepSeek_V4-Pro:exact';
const ANTHROPIC_TEXT = (
  JSON.parse(fixture('anthropic_messages_sonnet45_cache_first.json')) as { content: { text: string }[] }
).content[0]?.text;

/** How each protocol's route is configured, and what must reach its server. */
const CASES = {
  'chat-completions': {
    table: (origin: string) => ({ base_url: `${origin}/deepseek`, api_key_env: 'CW_TEST_DEEPSEEK_KEY' }),
    path: '/deepseek/chat/completions',
    provider: 'deepseek.chat',
    credential: { authorization: `Bearer ${KEYS.deepseek}` },
    fixedHeaders: {},
    reasoning: { thinking: { type: 'enabled' }, reasoning_effort: 'max' },
    generated: 'Let me get your name and roll the die!',
    streamed: 'Hello there! 😊 How can I help you today?',
  },
  responses: {
    table: (origin: string) => ({ base_url: origin, endpoint: 'responses', api_key_env: 'CW_TEST_DEEPSEEK_KEY' }),
    path: '/responses',
    provider: 'deepseek.responses',
    credential: { authorization: `Bearer ${KEYS.deepseek}` },
    fixedHeaders: {},
    reasoning: { reasoning: { effort: 'max' } },
    generated: 'The capital of France is Paris.',
    streamed: 'The capital of France is Paris.',
  },
  'anthropic-messages': {
    table: (origin: string) => ({
      base_url: `${origin}/anthropic`,
      endpoint: 'anthropic',
      api_key_env: 'CW_TEST_DEEPSEEK_KEY',
    }),
    path: '/anthropic/v1/messages',
    provider: 'deepseek.messages',
    credential: { 'x-api-key': KEYS.deepseek },
    fixedHeaders: { 'anthropic-version': '2023-06-01' },
    reasoning: { thinking: { type: 'enabled' }, output_config: { effort: 'max' } },
    generated: ANTHROPIC_TEXT,
    streamed: ANTHROPIC_TEXT,
  },
} as const;

const PROTOCOLS = Object.keys(CASES) as AdapterProtocol[];

/** The route of `protocol` at its replay server, resolved through the real DeepSeek plugin, and its bound key. */
async function routeFor(protocol: AdapterProtocol, request: { reasoning?: 'max' | 'off' } = { reasoning: 'max' }) {
  const server = servers[protocol];
  const routes = loopbackRoutes(server.origin, { providers: { deepseek: CASES[protocol].table(server.origin) } });
  const candidate = routes.resolve({ provider: 'deepseek', model: WIRE_ID, ...request });
  expect(candidate.endpoint.protocol).toBe(protocol);
  const credential = await routes.bind(candidate);
  return { candidate, model: createLanguageModel(candidate, credential ? { credential } : {}), server };
}

function only(requests: readonly RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as RecordedRequest;
}

/** What every request of a route must carry: its path, wire id, one key header, fixed headers, reasoning. */
function expectRouteRequest(protocol: AdapterProtocol, request: RecordedRequest): void {
  const expected = CASES[protocol];
  expect(request.method).toBe('POST');
  expect(request.url).toBe(expected.path);
  expect(request.body?.model).toBe(WIRE_ID);
  expect(credentialHeaders(request)).toEqual(expected.credential);
  expect(JSON.stringify(request.headers)).not.toMatch(/codewhale-unused-placeholder|must-not-leak/);
  for (const [name, value] of Object.entries(expected.fixedHeaders)) expect(request.headers[name]).toBe(value);
  expect(request.body).toMatchObject(expected.reasoning);
}

describe.each(PROTOCOLS)('a %s route through the real AI SDK', (protocol) => {
  it('generateText: the recorded answer, from a request with the path, wire id, one key header and reasoning', async () => {
    const { model, server } = await routeFor(protocol);
    expect(model.provider).toBe(CASES[protocol].provider);
    expect(model.modelId).toBe(WIRE_ID);
    const result = await generateText({
      model,
      prompt: 'What is the capital of France?',
      maxRetries: 0,
      tools: {
        get_player_name: tool({
          description: 'The player name',
          inputSchema: jsonSchema({ type: 'object', properties: {} }),
        }),
        roll_dice: tool({ description: 'Roll a die', inputSchema: jsonSchema({ type: 'object', properties: {} }) }),
      },
    });
    expect(result.text).toBe(CASES[protocol].generated);
    const request = only(server.requests);
    expectRouteRequest(protocol, request);
    expect(request.body).not.toHaveProperty('stream', true);
    // Tools carry over, in the protocol's own form.
    const names = ((request.body?.tools ?? []) as Record<string, unknown>[]).map(
      (entry) => (entry.function as { name?: string } | undefined)?.name ?? entry.name,
    );
    expect(names).toEqual(['get_player_name', 'roll_dice']);
    if (protocol === 'chat-completions')
      expect(result.toolCalls.map((call) => call.toolName)).toEqual(['get_player_name', 'roll_dice']);
    // (DeepSeek returns its reasoning as `reasoning_text` content, which @ai-sdk/openai 4 does not read: only the answer.)
    if (protocol === 'responses') expect(result.usage).toMatchObject({ inputTokens: 90, outputTokens: 15 });
  });

  it('streamText: the recorded stream, from a streamed request with the same route facts', async () => {
    const { model, server } = await routeFor(protocol);
    const result = streamText({ model, prompt: 'Hello', maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(CASES[protocol].streamed);
    expect(await result.finishReason).toBe('stop');
    const request = only(server.requests);
    expectRouteRequest(protocol, request);
    expect(request.body).toMatchObject({ stream: true });
  });

  it('structured output carries over (a JSON schema request reaches the server in the protocol form)', async () => {
    const { model, server } = await routeFor(protocol, {});
    // The replayed answer is prose, so parsing it as the object fails: what matters here is the request.
    await generateText({
      model,
      prompt: 'Weather?',
      maxRetries: 0,
      output: Output.object({
        schema: jsonSchema<{ city: string }>({
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        }),
      }),
    }).catch(() => undefined);
    const request = only(server.requests);
    expect(request.body?.model).toBe(WIRE_ID);
    const asked = JSON.stringify(
      protocol === 'chat-completions'
        ? request.body?.response_format
        : protocol === 'responses'
          ? request.body?.text
          : (request.body?.output_format ?? request.body?.output_config ?? request.body?.tools),
    );
    expect(asked).toContain('json');
    // No reasoning level asked: nothing of it in the body.
    expect(request.body).not.toHaveProperty('reasoning_effort');
    expect(request.body).not.toHaveProperty('thinking');
  });
});

describe('choosing the protocol', () => {
  it("takes DeepSeek's responses endpoint when the resolver's protocols ask for it, with no endpoint in the config", async () => {
    const server = servers.responses;
    const routes = loopbackRoutes(server.origin, {
      providers: { deepseek: { base_url: server.origin, api_key_env: 'CW_TEST_DEEPSEEK_KEY' } },
      protocols: ['responses'],
    });
    const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'off' });
    expect(candidate.endpoint).toMatchObject({ key: 'responses', protocol: 'responses' });
    const model = createLanguageModel(candidate, { credential: await routes.bind(candidate) });
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    const request = only(server.requests);
    expect(request.url).toBe('/responses');
    expect(request.body).toMatchObject({ model: 'deepseek-v4-pro', reasoning: { effort: 'none' } });
    expect(request.body).not.toHaveProperty('thinking');
  });

  it('keeps deepseek-v4-pro on chat-completions by default', async () => {
    const server = servers['chat-completions'];
    const routes = loopbackRoutes(server.origin);
    const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    expect(candidate.endpoint.protocol).toBe('chat-completions');
    const model = createLanguageModel(candidate, { credential: await routes.bind(candidate) });
    expect(model.provider).toBe('deepseek.chat');
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(only(server.requests).url).toBe('/deepseek/chat/completions');
  });
});
