// @see issue 15 item 1: same-origin redirects only, the key in its one header and redacted from error bodies, and a
// clear error for a missing protocol package, for every protocol createLanguageModel speaks (issue 13 items 4 and 6
// proved them for chat-completions).
import { inspect } from 'node:util';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from './adapter-error.js';
import type { AdapterProtocol } from './chat-route.js';
import { credentialHeaders } from './__fixtures__/loopback-openai-server.js';
import { loopbackRoutes } from './__fixtures__/loopback-routes.js';
import { REPLAY, startReplayServer, type ReplayServer } from './__fixtures__/replay-server.js';
import { createLanguageModel, createRouteLanguageModel } from './create-language-model.js';
import type { ProtocolLoader } from './protocol-models.js';

const PROTOCOLS = ['chat-completions', 'responses', 'anthropic-messages'] as const;
const PROMPT = 'the-secret-prompt-text-41aa';
// No key shape (no sk-…): only the exact value can be redacted. The quote and backslash test JSON-escaped forms.
const PLAIN = 'plain-canary-Wd72q-no-key-shape';
const KEY = `${PLAIN}"\\quoted`;

/** The configured endpoint of each protocol (it may redirect), and another origin that must never hear from it. */
const endpoints = {} as Record<AdapterProtocol, ReplayServer>;
const elsewhere = {} as Record<AdapterProtocol, ReplayServer>;

beforeAll(async () => {
  for (const protocol of PROTOCOLS) {
    endpoints[protocol] = await startReplayServer(REPLAY[protocol]);
    elsewhere[protocol] = await startReplayServer(REPLAY[protocol]);
  }
});
afterAll(async () => {
  for (const protocol of PROTOCOLS) {
    await endpoints[protocol].close();
    await elsewhere[protocol].close();
  }
});
beforeEach(() => {
  for (const protocol of PROTOCOLS) {
    for (const server of [endpoints[protocol], elsewhere[protocol]]) {
      server.requests.length = 0;
      server.redirect = undefined;
      server.failWith = undefined;
      server.echoKey = false;
    }
  }
});

const TABLES = {
  'chat-completions': (origin: string) => ({ base_url: `${origin}/deepseek` }),
  responses: (origin: string) => ({ base_url: origin, endpoint: 'responses' }),
  'anthropic-messages': (origin: string) => ({ base_url: `${origin}/anthropic`, endpoint: 'anthropic' }),
} as const;
const HEADER = { 'chat-completions': 'authorization', responses: 'authorization', 'anthropic-messages': 'x-api-key' };
/** The one credential header each protocol's route sends (bearer for DeepSeek's OpenAI formats, x-api-key for /anthropic). */
const sent = (protocol: AdapterProtocol) => ({
  [HEADER[protocol]]: HEADER[protocol] === 'x-api-key' ? KEY : `Bearer ${KEY}`,
});

async function route(protocol: AdapterProtocol) {
  const server = endpoints[protocol];
  const routes = loopbackRoutes(server.origin, {
    env: { CW_TEST_DEEPSEEK_KEY: KEY },
    providers: { deepseek: { ...TABLES[protocol](server.origin), api_key_env: 'CW_TEST_DEEPSEEK_KEY' } },
  });
  const candidate = routes.resolve({ provider: 'deepseek', model: 'deepseek-v4-pro', reasoning: 'high' });
  expect(candidate.endpoint.protocol).toBe(protocol);
  const credential = await routes.bind(candidate);
  if (!credential) throw new Error('expected a credential');
  return { candidate, credential, server };
}

/** Every way a value can be shown: String, JSON, util.inspect with hidden and deep properties, and an error's stack. */
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

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function streamError(model: Parameters<typeof streamText>[0]['model']): Promise<unknown> {
  let caught: unknown;
  await streamText({
    model,
    prompt: PROMPT,
    maxRetries: 0,
    onError: ({ error }) => void (caught ??= error),
  }).consumeStream();
  return caught;
}

describe.each(PROTOCOLS)('%s: redirects', (protocol) => {
  it('refuses one to another origin, generating and streaming: nothing reaches it', async () => {
    const { candidate, credential, server } = await route(protocol);
    const other = elsewhere[protocol];
    for (const status of [307, 308, 302]) {
      server.redirect = (url) => ({ status, location: `${other.origin}${url}?token=abc` });
      const model = createLanguageModel(candidate, { credential });
      for (const error of [
        await rejection(generateText({ model, prompt: PROMPT, maxRetries: 0 })),
        await streamError(model),
      ]) {
        expect(AdapterError.isInstance(error), String(error)).toBe(true);
        expect(error).toMatchObject({ code: 'ADAPTER_REDIRECT_REFUSED', route: String(candidate) });
        expect((error as Error).message).toContain(`to another origin (${other.origin}/`);
        expect((error as Error).message).not.toContain('token=abc');
      }
      expect(other.requests).toEqual([]);
      expect(server.requests).toHaveLength(2);
      server.requests.length = 0;
    }
  });

  it('follows one within the origin, with the key in its one header and the body resent', async () => {
    const { candidate, credential, server } = await route(protocol);
    server.redirect = (url) => (url.startsWith('/moved/') ? undefined : { status: 307, location: `/moved${url}` });
    await generateText({ model: createLanguageModel(candidate, { credential }), prompt: PROMPT, maxRetries: 0 });
    expect(server.requests).toHaveLength(2);
    const [first, moved] = server.requests;
    expect(moved?.url).toBe(`/moved${first?.url}`);
    expect(credentialHeaders(moved as never)).toEqual(sent(protocol));
    expect(JSON.stringify(moved?.body)).toContain(PROMPT);
    expect(moved?.body).toMatchObject({ model: 'deepseek-v4-pro' });
  });
});

describe.each(PROTOCOLS)('%s: the key', (protocol) => {
  it('is sent in its one header only, and absent from the model and the results', async () => {
    const { candidate, credential, server } = await route(protocol);
    const model = createLanguageModel(candidate, { credential });
    expect(shown(model)).not.toContain(PLAIN);
    const generated = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    const streamed = streamText({ model, prompt: PROMPT, maxRetries: 0 });
    await streamed.consumeStream();
    for (const value of [model, generated, await streamed.response, await streamed.request])
      expect(shown(value)).not.toContain(PLAIN);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(credentialHeaders(request)).toEqual(sent(protocol));
      const { [HEADER[protocol]]: _sent, ...rest } = request.headers;
      expect(JSON.stringify(rest) + JSON.stringify(request.body) + request.url).not.toContain(PLAIN);
    }
  });

  it("is the only credential header: a keyless route sends none (not even a client package's placeholder), a keyed one exactly its own", async () => {
    const server = endpoints[protocol];
    const keyless = loopbackRoutes(server.origin, {
      providers: { deepseek: { ...TABLES[protocol](server.origin), auth_mode: 'none' } },
    }).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    expect(keyless.auth.source).toBe('not-required');
    const { candidate } = await route(protocol);
    // Whichever of the two headers the credential names (an endpoint may take either), only that one goes out.
    for (const [model, expected] of [
      [createLanguageModel(keyless), {}],
      [
        createLanguageModel(candidate, { credential: { header: 'authorization', value: `Bearer ${KEY}` } }),
        { authorization: `Bearer ${KEY}` },
      ],
      [createLanguageModel(candidate, { credential: { header: 'x-api-key', value: KEY } }), { 'x-api-key': KEY }],
    ] as const) {
      await generateText({ model, prompt: PROMPT, maxRetries: 0 });
      await streamText({ model, prompt: PROMPT, maxRetries: 0 }).consumeStream();
      expect(server.requests.map((request) => credentialHeaders(request))).toEqual([expected, expected]);
      expect(JSON.stringify(server.requests.map((request) => request.headers))).not.toContain('codewhale-unused');
      server.requests.length = 0;
    }
  });

  it('is redacted from a 401 body that echoes it, generating and streaming', async () => {
    const { candidate, credential, server } = await route(protocol);
    server.failWith = 401;
    server.echoKey = true;
    const model = createLanguageModel(candidate, { credential });
    const errors = [await rejection(generateText({ model, prompt: PROMPT, maxRetries: 0 })), await streamError(model)];
    for (const error of errors) {
      expect(shown(error)).toContain('Incorrect API key provided: [redacted].');
      expect(shown(error)).not.toContain(PLAIN);
    }
    expect(server.requests).toHaveLength(2);
  });
});

describe('a protocol package that cannot be loaded', () => {
  const missing =
    (seen: AdapterProtocol[]): ProtocolLoader =>
    (protocol) => {
      seen.push(protocol);
      const error = new Error(`Cannot find package '${protocol}' imported from /app/node_modules/@codewhale/ai-sdk`);
      return Promise.reject(Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' }));
    };

  it.each([
    ['chat-completions', '@ai-sdk/openai-compatible@^3.0.92'],
    ['responses', '@ai-sdk/openai@^4.0.118'],
    ['anthropic-messages', '@ai-sdk/anthropic@^4.0.105'],
  ] as const)(
    '%s: fails the call with ADAPTER_PROTOCOL_PACKAGE_MISSING naming %s; nothing is sent',
    async (protocol, install) => {
      const { candidate, credential, server } = await route(protocol);
      const seen: AdapterProtocol[] = [];
      const model = createRouteLanguageModel(candidate, { credential }, missing(seen));
      // Making the model loads nothing: the package is imported on the first call only.
      expect(seen).toEqual([]);
      for (const error of [
        await rejection(generateText({ model, prompt: PROMPT, maxRetries: 0 })),
        await streamError(model),
      ]) {
        expect(AdapterError.isInstance(error), String(error)).toBe(true);
        expect(error).toMatchObject({ code: 'ADAPTER_PROTOCOL_PACKAGE_MISSING', protocol, route: String(candidate) });
        expect((error as Error).message).toContain(`npm install ${install}`);
        expect((error as Error).cause).toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
        expect(shown(error)).not.toContain(PLAIN);
      }
      // Only the route's own protocol was asked for, once per call (a failed import is not remembered).
      expect(new Set(seen)).toEqual(new Set([protocol]));
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(server.requests).toEqual([]);
    },
  );

  it('loads the package once and reuses the model for later calls', async () => {
    const { candidate, credential, server } = await route('responses');
    const seen: AdapterProtocol[] = [];
    const model = createRouteLanguageModel(candidate, { credential }, (protocol) => {
      seen.push(protocol);
      return import('@ai-sdk/openai');
    });
    await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    expect(seen).toEqual(['responses']);
    expect(server.requests).toHaveLength(2);
  });
});
