import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { APICallError, type LanguageModelV4 } from '@ai-sdk/provider';
import { createRouteSession, type RouteSessionEvent } from '@codewhale/core';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WORLD_KEYS, worldConfig, worldEnv, worldPlugins } from './__fixtures__/codewhale-world.js';
import {
  credentialHeaders,
  startLoopbackOpenAIServer,
  type LoopbackOpenAIServer,
} from './__fixtures__/loopback-openai-server.js';
import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';
import { createCodewhale } from './create-codewhale.js';
import {
  type CodewhaleSession,
  classifyFailure,
  createFailoverMiddleware,
  type FailoverEvent,
} from './failover-middleware.js';

let primary: LoopbackOpenAIServer;
let fallback: LoopbackOpenAIServer;

beforeAll(async () => {
  primary = await startLoopbackOpenAIServer('From the primary.');
  fallback = await startLoopbackOpenAIServer('From the fallback.');
});
afterAll(async () => {
  await primary.close();
  await fallback.close();
});
beforeEach(() => {
  for (const server of [primary, fallback]) {
    server.requests.length = 0;
    server.failWith = undefined;
  }
});

/** A provider whose DeepSeek route is on `primaryOrigin` and fails over to Together on the fallback server. */
function world(primaryOrigin = primary.origin) {
  const codewhale = createCodewhale({
    plugins: worldPlugins(),
    config: worldConfig(primaryOrigin, fallback.origin),
    env: worldEnv(),
  });
  const session = createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver });
  const failovers: FailoverEvent[] = [];
  const sessionEvents: string[] = [];
  session.subscribe((event: RouteSessionEvent<LanguageModelV4>) =>
    sessionEvents.push(`${event.type} ${event.route?.candidate.toString() ?? 'none'}`),
  );
  const model = wrapLanguageModel({
    model: codewhale('deepseek:deepseek-v4-pro'),
    middleware: createFailoverMiddleware({ session, onFailover: (event) => failovers.push(event) }),
  });
  return { codewhale, session, model, failovers, sessionEvents };
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A loopback origin nothing listens on (a port taken, then released). */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('failover through the route session', () => {
  it('takes the configured fallback when the primary answers 503, explains the switch once, and confirms it on success', async () => {
    const { session, model, failovers, sessionEvents } = world();
    primary.failWith = 503;
    const { text } = await generateText({ model, prompt: 'Hi', maxRetries: 0 });

    expect(text).toBe('From the fallback.');
    expect(primary.requests.map((request) => request.url)).toEqual(['/deepseek/chat/completions']);
    const sent = fallback.requests;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/together/v1/chat/completions');
    expect(sent[0]?.body?.model).toBe('deepseek-ai/DeepSeek-V4-Pro');
    expect(credentialHeaders(sent[0] as never)).toEqual({ authorization: `Bearer ${WORLD_KEYS.together}` });

    expect(failovers).toHaveLength(1);
    const [event] = failovers;
    expect(event).toMatchObject({
      type: 'switch',
      from: 'deepseek:deepseek-v4-pro',
      to: 'together:deepseek-ai/DeepSeek-V4-Pro',
      reason: 'HTTP 503',
      chain: '[providers.deepseek].fallback',
      hop: 0,
      skipped: [],
    });
    expect(event?.message).toBe(
      'deepseek:deepseek-v4-pro failed (HTTP 503, retryable); switched to together:deepseek-ai/DeepSeek-V4-Pro, hop 1 of [providers.deepseek].fallback. It is provisional until it answers.',
    );
    expect(event?.type === 'switch' && event.explanation.route).toBe('together:deepseek-ai/DeepSeek-V4-Pro');

    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(session.current?.provisional).toBe(false);
    expect(sessionEvents).toEqual([
      'switch deepseek:deepseek-v4-pro',
      'switch together:deepseek-ai/DeepSeek-V4-Pro',
      'confirm together:deepseek-ai/DeepSeek-V4-Pro',
    ]);

    // The next call stays on the fallback the session holds.
    primary.failWith = undefined;
    await generateText({ model, prompt: 'Again', maxRetries: 0 });
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(2);
    expect(failovers).toHaveLength(1);
  });

  it('does not fail over on 401 (or 403, 400): the error reaches the caller and the route stays', async () => {
    for (const status of [401, 403, 400]) {
      const { session, model, failovers } = world();
      primary.failWith = status;
      fallback.requests.length = 0;
      const error = await rejection(generateText({ model, prompt: 'Hi', maxRetries: 0 }));
      expect(APICallError.isInstance(error) && error.statusCode).toBe(status);
      expect(fallback.requests).toHaveLength(0);
      expect(failovers).toHaveLength(0);
      expect(session.current?.candidate.toString()).toBe('deepseek:deepseek-v4-pro');
    }
  });

  it('fails over on 429, 500 and a connection error', async () => {
    for (const status of [429, 500]) {
      const { session, model, failovers } = world();
      primary.failWith = status;
      await generateText({ model, prompt: 'Hi', maxRetries: 0 });
      expect(failovers.map((event) => event.reason)).toEqual([`HTTP ${status}`]);
      expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    }
    const { session, model, failovers } = world(await closedOrigin());
    const { text } = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(text).toBe('From the fallback.');
    expect(failovers.map((event) => event.reason)).toEqual(['connection error']);
    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
  });

  it('fails a stream over before its first part, and confirms the fallback when the stream finishes', async () => {
    const { session, model, failovers } = world();
    primary.failWith = 502;
    let text = '';
    for await (const part of streamText({ model, prompt: 'Hi', maxRetries: 0 }).textStream) text += part;
    expect(text).toBe('From the fallback.');
    expect(fallback.requests[0]?.body?.stream).toBe(true);
    expect(failovers).toHaveLength(1);
    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(session.current?.provisional).toBe(false);
  });

  it('rolls a provisional fallback back to the primary when it answers 401', async () => {
    const { session, model, sessionEvents } = world();
    primary.failWith = 503;
    fallback.failWith = 401;
    const error = await rejection(generateText({ model, prompt: 'Hi', maxRetries: 0 }));
    expect(APICallError.isInstance(error) && error.statusCode).toBe(401);
    expect(session.current?.candidate.toString()).toBe('deepseek:deepseek-v4-pro');
    expect(session.current?.provisional).toBe(false);
    expect(sessionEvents.at(-1)).toBe('rollback deepseek:deepseek-v4-pro');
  });

  it('reports an exhausted chain and rethrows the failure when every hop failed in this call', async () => {
    const { session, model, failovers } = world();
    primary.failWith = 503;
    fallback.failWith = 503;
    const error = await rejection(generateText({ model, prompt: 'Hi', maxRetries: 0 }));
    expect(APICallError.isInstance(error) && error.statusCode).toBe(503);
    expect(failovers.map((event) => event.type)).toEqual(['switch', 'exhausted']);
    expect(failovers[1]?.message).toBe(
      'together:deepseek-ai/DeepSeek-V4-Pro failed (HTTP 503); fallback has no route left to try, so together:deepseek-ai/DeepSeek-V4-Pro stays the route.',
    );
    // Together has no chain of its own and the root has none: the session stays on the (still provisional) fallback.
    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(session.current?.provisional).toBe(true);
  });

  it('switches once when concurrent calls fail on the same route, and sends both to the fallback', async () => {
    const { session, model, failovers } = world();
    primary.failWith = 503;
    const texts = await Promise.all(
      [1, 2, 3].map(async () => (await generateText({ model, prompt: 'Hi', maxRetries: 0 })).text),
    );
    expect(texts).toEqual(['From the fallback.', 'From the fallback.', 'From the fallback.']);
    expect(failovers.filter((event) => event.type === 'switch')).toHaveLength(1);
    expect(fallback.requests).toHaveLength(3);
    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(session.current?.provisional).toBe(false);
  });

  it('returns an answer that arrived after the session was closed (the confirmation is dropped, not the answer)', async () => {
    const { codewhale, session } = world();
    const model = wrapLanguageModel({
      model: codewhale('deepseek:deepseek-v4-pro'),
      // The host closes the session while the call runs (here: right after the switch).
      middleware: createFailoverMiddleware({ session, onFailover: () => void session.close() }),
    });
    primary.failWith = 503;
    const { text } = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(text).toBe('From the fallback.');
    // The next call is refused before anything is sent.
    const sent = primary.requests.length + fallback.requests.length;
    const closed = await rejection(generateText({ model, prompt: 'Hi', maxRetries: 0 }));
    expect((closed as { code?: string }).code).toBe('SESSION_CLOSED');
    expect(primary.requests.length + fallback.requests.length).toBe(sent);
  });

  it('reports a hop that does not resolve, and takes the next one', async () => {
    const codewhale = createCodewhale({
      plugins: worldPlugins(),
      config: worldConfig(primary.origin, fallback.origin),
      env: worldEnv(),
    });
    const session = createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver });
    const failovers: FailoverEvent[] = [];
    const model = wrapLanguageModel({
      model: codewhale('deepseek:deepseek-v4-pro'),
      middleware: createFailoverMiddleware({
        session,
        fallback: ['deepseek:', 'vllm:My-Org/Served_Name'],
        onFailover: (event) => failovers.push(event),
      }),
    });
    primary.failWith = 500;
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(fallback.requests.map((request) => request.url)).toEqual(['/v1/chat/completions']);
    const [event] = failovers;
    expect(event?.type === 'switch' && event.hop).toBe(1);
    expect(event?.type === 'switch' && event.chain).toBe('options.fallback');
    expect(event?.skipped.map((hop) => hop.stage)).toEqual(['resolution']);
    expect(event?.message).toContain('(1 earlier hop could not be taken)');
  });

  it('leaves out a hop already tried in this call, and names the hop taken by its place in the chain', async () => {
    const { codewhale, session } = world();
    const failovers: FailoverEvent[] = [];
    const model = wrapLanguageModel({
      model: codewhale('deepseek:deepseek-v4-pro'),
      middleware: createFailoverMiddleware({
        session,
        fallback: ['deepseek:deepseek-v4-pro', 'together:deepseek-ai/DeepSeek-V4-Pro'],
        onFailover: (event) => failovers.push(event),
      }),
    });
    primary.failWith = 503;
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(primary.requests).toHaveLength(1);
    expect(failovers).toMatchObject([{ type: 'switch', hop: 1, skipped: [] }]);
    expect(failovers[0]?.message).toContain('hop 2 of options.fallback');
  });

  it('works as a provider option: createCodewhale({ session }) fails over every model it makes', async () => {
    // The session asks for the resolver at each switch, so it can name the provider made after it.
    const session: CodewhaleSession = createRouteSession({ resolver: () => codewhale.resolver });
    const failovers: FailoverEvent[] = [];
    const codewhale = createCodewhale({
      plugins: worldPlugins(),
      config: worldConfig(primary.origin, fallback.origin),
      env: worldEnv(),
      session,
      onFailover: (event) => failovers.push(event),
    });
    primary.failWith = 503;
    const { text } = await generateText({ model: codewhale('deepseek:deepseek-v4-pro'), prompt: 'Hi', maxRetries: 0 });
    expect(text).toBe('From the fallback.');
    expect(failovers).toHaveLength(1);
    expect(session.current?.candidate.toString()).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
  });

  it("switches the session to a model's own route when it holds another model's route", async () => {
    const { codewhale, session, model } = world();
    await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(session.current?.candidate.toString()).toBe('deepseek:deepseek-v4-pro');
    const local = wrapLanguageModel({
      model: codewhale('vllm:My-Org/Served_Name'),
      middleware: createFailoverMiddleware({ session }),
    });
    await generateText({ model: local, prompt: 'Hi', maxRetries: 0 });
    expect(session.current?.candidate.toString()).toBe('vllm:My-Org/Served_Name');
    expect(fallback.requests.map((request) => request.body?.model)).toEqual(['My-Org/Served_Name']);
  });

  it('refuses to wrap a model createCodewhale did not make', async () => {
    const { codewhale, session } = world();
    const foreign: LanguageModelV4 = { ...codewhale('deepseek:deepseek-v4-pro') };
    const model = wrapLanguageModel({ model: foreign, middleware: createFailoverMiddleware({ session }) });
    const error = await rejection(generateText({ model, prompt: 'Hi', maxRetries: 0 }));
    expect(AdapterError.isInstance(error) && error.code).toBe(ADAPTER_ERROR_CODES.NOT_A_ROUTE_MODEL);
    expect(primary.requests).toHaveLength(0);
  });
});

describe('classifyFailure', () => {
  const http = (statusCode: number) =>
    new APICallError({ message: 'x', url: 'http://127.0.0.1/', requestBodyValues: {}, statusCode });

  it('fails over on 429, 5xx and connection errors only', () => {
    expect(
      [429, 500, 502, 503, 504, 529, 400, 401, 403, 404, 408, 409, 422].map(
        (status) => `${status}:${classifyFailure(http(status)).kind}`,
      ),
    ).toEqual([
      '429:retryable',
      '500:retryable',
      '502:retryable',
      '503:retryable',
      '504:retryable',
      '529:retryable',
      '400:other',
      '401:auth',
      '403:auth',
      '404:other',
      '408:other',
      '409:other',
      '422:other',
    ]);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(
      classifyFailure(
        new APICallError({
          message: 'Cannot connect to API',
          url: 'u',
          requestBodyValues: {},
          cause: refused,
          isRetryable: true,
        }),
      ),
    ).toEqual({ kind: 'retryable', reason: 'connection error' });
    expect(classifyFailure(new TypeError('fetch failed', { cause: refused })).kind).toBe('retryable');
    expect(classifyFailure(new DOMException('aborted', 'AbortError')).kind).toBe('other');
    expect(classifyFailure(new AdapterError(ADAPTER_ERROR_CODES.REDIRECT_REFUSED, 'x')).kind).toBe('other');
  });
});
