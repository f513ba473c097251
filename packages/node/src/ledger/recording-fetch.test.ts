// @see issue 16 item 4: one receipt per request through the real `ai` and `openai` clients, JSON and SSE alike,
// replayed from recorded DeepSeek bodies on a loopback server; bytes unchanged; nothing secret in the ledger.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createRegistry, createRouteResolver, stampCatalog } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialSource } from '../credentials/credential-source.js';
import { AnswerTap } from './answer-tap.js';
import { LedgerError } from './ledger-error.js';
import { flushReceipts } from './pending-receipts.js';
import { openLedger, type Ledger } from './receipt-ledger.js';
import { createRecordingFetch, RECORDED_JSON_MAX_BYTES, type RecordingFetchOptions } from './recording-fetch.js';
import type { RouteReceipt } from './route-receipt.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
/** deepseek_reasoner_nonstream_cachehit.source.txt: prompt 495 = hit 320 + miss 175; completion 144 incl. reasoning 118; total 639. */
const JSON_BODY = fixture('deepseek_reasoner_nonstream_cachehit.json');
/** deepseek_reasoner_stream_include_usage.source.txt: prompt 6 (hit 0, miss 6); completion 212 incl. reasoning 198; total 218. */
const SSE_BODY = fixture('deepseek_reasoner_stream_include_usage.sse');

const KEY = 'sk-CANARY-KEY-5b1f0c';
const PROMPT = 'CANARY-PROMPT-9d3e: what is the weather?';
const ERROR_CANARY = 'CANARY-ERROR-77aa';
/** A Saturday evening in Shanghai: DeepSeek's off-peak (base) rates apply. */
const OFF_PEAK = new Date('2026-12-05T20:00:00.000Z');

/**
 * DeepSeek's catalog meter for deepseek-v4-pro (catalog/offerings/deepseek.json, Sep-2026 pricing page): USD per
 * million tokens, off-peak: cache miss 0.66, cache hit 0.022, output 1.98 (reasoning tokens are output tokens).
 */
const HAND_COST = {
  // (495 - 320) × 0.66 + 320 × 0.022 + 144 × 1.98 = 115.5 + 7.04 + 285.12 = 407.66 per million
  json: 407.66 / 1e6,
  // 6 × 0.66 + 0 × 0.022 + 212 × 1.98 = 3.96 + 419.76 = 423.72 per million
  sse: 423.72 / 1e6,
};

interface Seen {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

let server: Server;
let loopback: string;
const seen: Seen[] = [];
/** What the next chat answer is. */
let answer: (request: Seen, response: ServerResponse) => void;

const replay = (request: Seen, response: ServerResponse): void => {
  const streamed = (JSON.parse(request.body.toString()) as { stream?: boolean }).stream === true;
  if (streamed) {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    // In uneven slices, so SSE events and UTF-8 characters are split across chunks.
    let at = 0;
    const next = (): void => {
      if (at >= SSE_BODY.length) return void response.end();
      const size = 1 + ((at * 7919) % 4093);
      response.write(SSE_BODY.subarray(at, at + size));
      at += size;
      setImmediate(next);
    };
    next();
  } else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON_BODY);
  }
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      seen.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
  answer = replay;
});

const dirs: string[] = [];
function tempLedger(): Ledger {
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-recording-'));
  dirs.push(dir);
  return openLedger({ dir });
}

const registry = createRegistry({ plugins: [deepseekPlugin] });
const stamp = stampCatalog({ plugins: [deepseekPlugin] });
const candidate = (() => {
  const result = createRouteResolver({
    registry,
    credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: KEY } }),
  }).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
  if (!result.ok) throw new Error(result.error.message);
  return result.candidate;
})();

/**
 * The transport under the recording fetch: the request goes to DeepSeek's official origin as far as the client and
 * the receipt know (so the catalog meter applies), and this test transport carries it to the loopback server.
 */
const toLoopback: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  expect(url.origin).toBe('https://api.deepseek.com');
  return fetch(`${loopback}${url.pathname}${url.search}`, init);
};

/**
 * With the global fetch, requests to DeepSeek's origin reach the loopback server through undici's global dispatcher,
 * as a host's proxy agent would carry them (`routed` counts them): the recording must send through it.
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
type DispatcherLike = { dispatch(options: { origin?: unknown }, handler: object): boolean };
const globals = globalThis as unknown as Record<symbol, DispatcherLike>;
let undiciDispatcher: DispatcherLike;
let routed = 0;
beforeAll(() => {
  void globalThis.fetch; // loads undici, which sets its global dispatcher
  undiciDispatcher = globals[GLOBAL_DISPATCHER] as DispatcherLike;
  globals[GLOBAL_DISPATCHER] = {
    dispatch(options, handler) {
      if (String(options.origin) !== 'https://api.deepseek.com') return undiciDispatcher.dispatch(options, handler);
      routed++;
      return undiciDispatcher.dispatch({ ...options, origin: loopback }, handler);
    },
  };
});
afterAll(() => {
  globals[GLOBAL_DISPATCHER] = undiciDispatcher;
});

/**
 * The two ways a recording fetch sends: through a host's own fetch (the answer's body passed through one more stream)
 * and through the global fetch (undici: the answer watched at the dispatcher, the client reading fetch's own body).
 */
const TRANSPORTS = [
  ['a host fetch', { fetch: toLoopback }],
  ['the global fetch', {}],
] as const satisfies readonly (readonly [string, Partial<RecordingFetchOptions>])[];
/** The transport of the tests that run now (set by each `describe.each` over TRANSPORTS). */
let transport: Partial<RecordingFetchOptions> = {};

function recording(ledger: Ledger, options: Partial<RecordingFetchOptions> = {}): typeof fetch {
  return createRecordingFetch({
    candidate,
    ledger,
    ...transport,
    catalog: stamp,
    now: () => OFF_PEAK,
    ...options,
  });
}

/** The tests of a `describe.each` over TRANSPORTS send with `given`. */
function useTransport(given: Partial<RecordingFetchOptions>): void {
  beforeAll(() => {
    transport = given;
  });
}

/** A chat request with a JSON body (the key in its header, as a client sends it) through a recording fetch. */
const post = (recordingFetch: typeof fetch, body: object, init: RequestInit = {}) =>
  recordingFetch('https://api.deepseek.com/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
    ...init,
  });

async function receipts(ledger: Ledger): Promise<RouteReceipt[]> {
  const out: RouteReceipt[] = [];
  const reading = ledger.read();
  for await (const receipt of reading) out.push(receipt);
  expect(reading.skipped).toEqual([]);
  return out;
}

/** The ledger holds exactly one receipt, that of the replayed answer of this kind. */
async function expectOneReplayReceipt(ledger: Ledger, kind: 'json' | 'sse'): Promise<void> {
  const [receipt, ...more] = await receipts(ledger);
  expect(more).toEqual([]);
  expectReplayReceipt(receipt, kind);
}

function expectReplayReceipt(receipt: RouteReceipt | undefined, kind: 'json' | 'sse'): void {
  expect(receipt).toMatchObject({
    v: 1,
    time: OFF_PEAK.toISOString(),
    route: 'deepseek:deepseek-v4-pro',
    provider: 'deepseek',
    endpoint: {
      origin: 'https://api.deepseek.com',
      protocol: 'chat-completions',
      official: true,
      path: '/chat/completions',
    },
    model: { wire: 'deepseek-v4-pro', canonical: 'deepseek-v4-pro', served: 'deepseek-reasoner' },
    credential: 'env:DEEPSEEK_API_KEY',
    stream: kind === 'sse',
    outcome: { kind: 'ok', status: 200 },
    bytes: { received: kind === 'sse' ? SSE_BODY.length : JSON_BODY.length, origin: 'https://api.deepseek.com' },
    catalog: `deepseek@${deepseekPlugin.version}`,
  });
  const sent = seen.at(-1)?.body.length;
  expect(receipt?.bytes.sent).toBe(sent);
  expect(receipt?.usage).toEqual({
    known: true,
    dialect: expect.any(String),
    usage:
      kind === 'json'
        ? { inputTokens: 495, cachedInputTokens: 320, outputTokens: 144, reasoningTokens: 118, totalTokens: 639 }
        : { inputTokens: 6, cachedInputTokens: 0, outputTokens: 212, reasoningTokens: 198, totalTokens: 218 },
  });
  expect(receipt?.cost).toMatchObject({ known: true, currency: 'USD' });
  expect(receipt?.cost.known && receipt.cost.amount).toBeCloseTo(HAND_COST[kind], 12);
  expect(receipt?.cost.known && receipt.cost.timeTier).toBeFalsy();
  expect(receipt?.timing.ttfbMs).toBeGreaterThanOrEqual(0);
  expect(receipt?.timing.totalMs).toBeGreaterThanOrEqual(receipt?.timing.ttfbMs ?? 0);
}

describe.each(TRANSPORTS)(
  'createRecordingFetch with the real AI SDK (@ai-sdk/openai-compatible), over %s',
  (_, given) => {
    useTransport(given);
    const model = (ledger: Ledger) =>
      createOpenAICompatible({
        name: 'deepseek',
        baseURL: candidate.endpoint.baseUrl,
        apiKey: KEY,
        includeUsage: true,
        fetch: recording(ledger),
      }).chatModel(candidate.wireModelId);

    it('generateText (JSON answer): one receipt with the recorded usage and the hand-calculated cost', async () => {
      const ledger = tempLedger();
      const { text, usage } = await generateText({ model: model(ledger), prompt: PROMPT, maxRetries: 0 });
      expect(text).toContain('San Francisco');
      expect(usage.inputTokens).toBe(495);
      await expectOneReplayReceipt(ledger, 'json');
    });

    it('streamText (SSE answer): one receipt when the stream ends, with the usage of its finish chunk', async () => {
      const ledger = tempLedger();
      const result = streamText({ model: model(ledger), prompt: PROMPT, maxRetries: 0 });
      const text = await result.text;
      expect(text.length).toBeGreaterThan(0);
      expect((await result.usage).outputTokens).toBe(212);
      await expectOneReplayReceipt(ledger, 'sse');
    });
  },
);

describe.each(TRANSPORTS)('createRecordingFetch with the real openai client, over %s', (_, given) => {
  useTransport(given);
  const client = (ledger: Ledger) =>
    new OpenAI({ apiKey: KEY, baseURL: candidate.endpoint.baseUrl, fetch: recording(ledger), maxRetries: 0 });

  it('non-stream: one receipt with the recorded usage and the hand-calculated cost', async () => {
    const ledger = tempLedger();
    const completion = await client(ledger).chat.completions.create({
      model: candidate.wireModelId,
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect(completion.usage?.prompt_tokens).toBe(495);
    await expectOneReplayReceipt(ledger, 'json');
  });

  it('stream: one receipt, and the client sees every chunk', async () => {
    const ledger = tempLedger();
    const stream = await client(ledger).chat.completions.create({
      model: candidate.wireModelId,
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let chunks = 0;
    let usage: unknown;
    for await (const chunk of stream) {
      chunks++;
      usage = chunk.usage ?? usage;
    }
    expect(chunks).toBe(
      SSE_BODY.toString()
        .split('\n\n')
        .filter((event) => event.startsWith('data: {')).length,
    );
    expect(usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 212 });
    await expectOneReplayReceipt(ledger, 'sse');
  });
});

describe.each(TRANSPORTS)('createRecordingFetch: what passes and what is kept, over %s', (_, given) => {
  useTransport(given);

  it('passes the answer through byte for byte, chunk by chunk, and only then records it', async () => {
    const ledger = tempLedger();
    // The server holds the rest of the answer until the client has read its first part: a recording fetch that
    // buffered the stream would wait forever (the test's timeout), not time-dependently pass or fail.
    let firstPartRead!: () => void;
    const clientHasFirstPart = new Promise<void>((resolve) => {
      firstPartRead = resolve;
    });
    const half = Math.floor(SSE_BODY.length / 2);
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      response.write(SSE_BODY.subarray(0, half));
      void clientHasFirstPart.then(() => response.end(SSE_BODY.subarray(half)));
    };
    const response = await post(recording(ledger), { model: 'deepseek-v4-pro', stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await receipts(ledger)).toEqual([]);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      firstPartRead();
    }
    expect(Buffer.concat(parts).equals(SSE_BODY)).toBe(true);
    expect(parts.length).toBeGreaterThan(1);
    expect(await receipts(ledger)).toHaveLength(1);
  }, 60_000);

  it('hands the client the end of the answer first; the receipt follows in the next turn, or at once when flushed or read', async () => {
    const ledger = tempLedger();
    const events: string[] = [];
    const watched: Pick<Ledger, 'append'> = {
      append(receipt) {
        events.push('receipt');
        return ledger.append(receipt);
      },
    };
    /** One streamed request read to its end; `afterEnd` runs as soon as the client sees the end. */
    const stream = async (afterEnd: () => void = () => {}): Promise<void> => {
      const response = await post(recording(ledger, { ledger: watched }), { model: 'deepseek-v4-pro', stream: true });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      while (!(await reader.read()).done);
      events.push('end');
      afterEnd();
    };
    await stream();
    expect(events).toEqual(['end']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['end', 'receipt']);
    await stream(() => flushReceipts());
    expect(events).toEqual(['end', 'receipt', 'end', 'receipt']);
    await stream();
    // A read (like summarise, prune and close) writes what is pending first.
    const all = await receipts(ledger);
    expect(all).toHaveLength(3);
    for (const receipt of all) expectReplayReceipt(receipt, 'sse');
  }, 60_000);

  it('summarise and close write pending receipts first, like read', async () => {
    const ledger = tempLedger();
    // Read to the end with a reader: the client sees the end before the turn in which the receipt would be written.
    const request = async (): Promise<void> => {
      const response = await post(recording(ledger), { model: 'deepseek-v4-pro', stream: true });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      while (!(await reader.read()).done);
    };
    await request();
    expect((await ledger.summarise('provider')).total.requests).toBe(1);
    await request();
    ledger.close();
    const lines = readdirSync(ledger.dir)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readFileSync(join(ledger.dir, name), 'utf8').split('\n').filter(Boolean));
    expect(lines).toHaveLength(2);
  }, 60_000);

  it('writes the receipt of an answer that ended when the process exits before the next turn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codewhale-recording-exit-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./__fixtures__/recording-exit.mjs', import.meta.url)), dir],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const written = await receipts(openLedger({ dir }));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      outcome: { kind: 'ok', status: 200 },
      model: { served: 'deepseek-v4-flash' },
      usage: { known: true, usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
    });
  }, 60_000);

  it('records a cancelled stream as aborted, and one whose signal aborts mid-way', async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(SSE_BODY.subarray(0, 2000)); // then never ends
    };
    const cancelled = await post(recording(ledger), { stream: true });
    const reader = (cancelled.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    const controller = new AbortController();
    const aborted = await post(recording(ledger), { stream: true }, { signal: controller.signal });
    const second = (aborted.body as ReadableStream<Uint8Array>).getReader();
    await second.read();
    controller.abort();
    await expect(second.read()).rejects.toThrow();
    const [first, other] = await receipts(ledger);
    for (const receipt of [first, other]) {
      expect(receipt?.outcome).toEqual({ kind: 'aborted' });
      expect(receipt?.stream).toBe(true);
      expect(receipt?.usage).toMatchObject({ known: false, reason: expect.stringMatching(/ended early/) });
      expect(receipt?.cost).toMatchObject({ known: false });
      expect(receipt?.bytes.received).toBeGreaterThan(0);
    }
  });

  it('records an HTTP error without reading its body, and a network error with its code (then throws it)', async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `${ERROR_CANARY} bad key ${KEY}` }, model: ERROR_CANARY }));
    };
    const failed = await post(recording(ledger), { messages: [{ role: 'user', content: PROMPT }] });
    expect(await failed.text()).toContain(ERROR_CANARY); // the client still gets the error body
    // A port nobody listens on: bound, then closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createRecordingFetch({
      candidate,
      ledger,
      fetch: (_input, init) => fetch(`http://127.0.0.1:${port}/chat/completions`, init),
    });
    await expect(post(refused, {})).rejects.toThrow();
    const all = await receipts(ledger);
    const http = all.find((receipt) => receipt.outcome.kind === 'http-error');
    const network = all.find((receipt) => receipt.outcome.kind === 'network-error');
    expect(all).toHaveLength(2);
    expect(http).toMatchObject({
      outcome: { kind: 'http-error', status: 401 },
      usage: { known: false, reason: 'the request failed (HTTP 401)' },
      cost: { known: false },
      model: { wire: 'deepseek-v4-pro' },
    });
    expect(http?.model.served).toBeUndefined();
    expect(network).toMatchObject({ outcome: { kind: 'network-error', code: 'ECONNREFUSED' }, bytes: { received: 0 } });
    // Which catalog priced the route: the candidate's provider plugin and its version.
    expect(network?.catalog).toMatch(/^deepseek@\d+\.\d+\.\d+/);
  });

  it('never lets the prompt, the key or an error body into a ledger file', async () => {
    const ledger = tempLedger();
    const recordingFetch = recording(ledger, { hashRequestBody: true, tags: () => ({ session: 's-1', turn: '3' }) });
    await (await post(recordingFetch, { messages: [{ role: 'user', content: PROMPT }] })).json();
    await (await post(recordingFetch, { stream: true, messages: [{ role: 'user', content: PROMPT }] })).text();
    answer = (_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: ERROR_CANARY, model: ERROR_CANARY }));
    };
    await (await post(recordingFetch, { messages: [{ role: 'user', content: PROMPT }] })).text();
    const all = await receipts(ledger);
    expect(all).toHaveLength(3);
    for (const [index, receipt] of all.entries()) {
      expect(receipt.tags).toEqual({ session: 's-1', turn: '3' });
      expect(receipt.requestSha256).toBe(
        createHash('sha256')
          .update(seen[index]?.body ?? '')
          .digest('hex'),
      );
    }
    const files = readdirSync(ledger.dir).map((name) => readFileSync(join(ledger.dir, name), 'utf8'));
    expect(files.join('')).not.toMatch(/CANARY/);
    expect(files.join('')).not.toContain(KEY);
    expect(seen.every((request) => request.body.toString().includes('CANARY-PROMPT'))).toBe(true);
  });

  it('refuses another origin before sending anything, and a credential that is not a source class', async () => {
    const ledger = tempLedger();
    const error = await post(recording(ledger), {}).then(
      async (response) => void (await response.arrayBuffer()),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeUndefined();
    seen.length = 0;
    // Look-alikes of the route's origin too: a longer host, user info, another port or scheme, a URL object.
    for (const target of [
      'https://evil.example/chat/completions',
      'https://api.deepseek.com.evil.example/chat/completions',
      'https://api.deepseek.com@evil.example/chat/completions',
      'https://api.deepseek.com:8443/chat/completions',
      'http://api.deepseek.com/chat/completions',
      new URL('https://evil.example/chat/completions'),
    ]) {
      const elsewhere = await recording(ledger)(target, { method: 'POST', body: PROMPT }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(LedgerError.isInstance(elsewhere) && elsewhere.code).toBe('LEDGER_FOREIGN_ORIGIN');
      expect(String(elsewhere)).not.toContain('CANARY');
    }
    expect(seen).toEqual([]);
    expect(await receipts(ledger)).toHaveLength(1);
    expect(() => recording(ledger, { credential: KEY })).toThrowError(/source class/);
    expect(() => recording(ledger, { credential: `Bearer ${KEY}` })).toThrowError(/never a credential value/);
    expect(() => recording(ledger, { tags: { 'bad tag': 'x' } })).toThrowError(/tag name/);
  });

  it('does not follow a redirect: the 3xx is the answer and its receipt', async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      response.writeHead(307, { location: 'https://evil.example/chat/completions' });
      response.end();
    };
    const response = await post(recording(ledger), { messages: [] });
    expect(response.status).toBe(307);
    await response.arrayBuffer();
    expect(seen).toHaveLength(1);
    expect((await receipts(ledger))[0]?.outcome).toEqual({ kind: 'http-error', status: 307 });
  });

  it('reads a body given as a Request, a stream or a form, and sends exactly those bytes', async () => {
    const ledger = tempLedger();
    const recordingFetch = recording(ledger, { hashRequestBody: true });
    const body = JSON.stringify({ model: 'deepseek-v4-pro' });
    await (
      await recordingFetch(
        new Request('https://api.deepseek.com/chat/completions', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
      )
    ).arrayBuffer();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.from(body.slice(0, 5)));
        controller.enqueue(Buffer.from(body.slice(5)));
        controller.close();
      },
    });
    await (
      await recordingFetch('https://api.deepseek.com/chat/completions', {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit)
    ).arrayBuffer();
    const all = await receipts(ledger);
    expect(seen.map((request) => request.body.toString())).toEqual([body, body]);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    for (const receipt of all) {
      expect(receipt.bytes.sent).toBe(Buffer.byteLength(body));
      expect(receipt.requestSha256).toBe(createHash('sha256').update(body).digest('hex'));
    }
  });

  it(`passes a JSON answer over ${RECORDED_JSON_MAX_BYTES} bytes through whole, its usage unknown`, async () => {
    const ledger = tempLedger();
    const big = Buffer.from(
      JSON.stringify({ model: 'x', pad: 'y'.repeat(RECORDED_JSON_MAX_BYTES), usage: { prompt_tokens: 1 } }),
    );
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(big);
    };
    const received = Buffer.from(await (await post(recording(ledger), {})).arrayBuffer());
    expect(received.equals(big)).toBe(true);
    const [receipt] = await receipts(ledger);
    expect(receipt?.usage).toEqual({ known: false, reason: expect.stringMatching(/larger than/) });
    expect(receipt?.cost).toMatchObject({ known: false });
    expect(receipt?.bytes.received).toBe(big.length);
  });
});

describe('createRecordingFetch over the global fetch: the answer watched where undici gets it', () => {
  useTransport({});

  it("hands the client fetch's own answer, sent through the global dispatcher; an answer that arrived whole has its receipt unread", {
    timeout: 30_000,
  }, async () => {
    const ledger = tempLedger();
    const before = routed;
    const response = await post(recording(ledger), { model: 'deepseek-v4-pro' });
    expect(routed).toBe(before + 1);
    // The answer comes whole (one small JSON body) though the client has not read a byte of it yet: a recording that
    // had to see the client's reads could not know that. Waits for the receipt (a busy machine may take a while).
    let written: RouteReceipt[] = [];
    for (let tries = 0; tries < 400 && written.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      written = await receipts(ledger);
    }
    expectReplayReceipt(written[0], 'json');
    expect(Buffer.from(await response.arrayBuffer()).equals(JSON_BODY)).toBe(true);
    expect(await receipts(ledger)).toHaveLength(1);
  });

  it("sends through the request's own dispatcher when it has one", async () => {
    const ledger = tempLedger();
    let through = 0;
    const own = {
      dispatch(options: { origin?: unknown }, handler: object) {
        through++;
        return (globals[GLOBAL_DISPATCHER] as DispatcherLike).dispatch(options, handler);
      },
    };
    const response = await post(recording(ledger), { model: 'deepseek-v4-pro', stream: true }, {
      dispatcher: own,
    } as RequestInit);
    expect(Buffer.from(await response.arrayBuffer()).equals(SSE_BODY)).toBe(true);
    expect(through).toBe(1);
    expectReplayReceipt((await receipts(ledger))[0], 'sse');
  });

  it('reads a compressed answer as the client does (decoded), through one more stream', async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      response.end(gzipSync(SSE_BODY));
    };
    const response = await post(recording(ledger), { stream: true });
    expect(Buffer.from(await response.arrayBuffer()).equals(SSE_BODY)).toBe(true);
    const [receipt] = await receipts(ledger);
    expect(receipt?.usage).toMatchObject({ known: true, usage: { outputTokens: 212 } });
    expect(receipt?.bytes.received).toBe(SSE_BODY.length);
  });

  it("reads the answer's content type from its header lines in any case, and `content-encoding: identity` as none", async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'Text/Event-Stream; charset=UTF-8', 'Content-Encoding': 'Identity' });
      response.end(SSE_BODY);
    };
    const response = await post(recording(ledger), { stream: true });
    // Fetch's own answer (a wrapped one carries its own `url`): the tap saw it.
    expect(Object.hasOwn(response, 'url')).toBe(false);
    expect(Buffer.from(await response.arrayBuffer()).equals(SSE_BODY)).toBe(true);
    expectReplayReceipt((await receipts(ledger))[0], 'sse');
  });

  it('dates a receipt by the system clock when its request started, not when its answer ended', async () => {
    const ledger = tempLedger();
    answer = (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON_BODY);
      }, 400);
    };
    const before = Date.now();
    const response = await createRecordingFetch({ candidate, ledger, catalog: stamp })(
      'https://api.deepseek.com/chat/completions',
      { method: 'POST', body: '{}' },
    );
    await response.arrayBuffer();
    const after = Date.now();
    const time = Date.parse((await receipts(ledger))[0]?.time ?? '');
    expect(after - before).toBeGreaterThanOrEqual(400);
    // The monotonic and the system clock may differ by a few ms.
    expect(time).toBeGreaterThanOrEqual(before - 50);
    expect(time).toBeLessThan(before + 300);
  });

  it('writes each receipt in the async context of its own request, over a kept-alive connection', async () => {
    const turn = new AsyncLocalStorage<string>();
    const stores: (string | undefined)[] = [];
    const recordingFetch = recording(tempLedger(), {
      ledger: {
        append(receipt) {
          stores.push(turn.getStore());
          return receipt;
        },
      },
    });
    // The connection is opened in the first turn's context; its answers arrive in that context's callbacks.
    for (const name of ['turn-1', 'turn-2', 'turn-3'])
      await turn.run(name, async () => {
        await (await post(recordingFetch, { stream: true })).text();
        await new Promise((resolve) => setImmediate(resolve));
      });
    expect(stores).toEqual(['turn-1', 'turn-2', 'turn-3']);
  });

  it('records a network error through the dispatcher with its code', async () => {
    const ledger = tempLedger();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = {
      dispatch: (options: { origin?: unknown }, handler: object) =>
        undiciDispatcher.dispatch({ ...options, origin: `http://127.0.0.1:${port}` }, handler),
    };
    await expect(post(recording(ledger), {}, { dispatcher: nowhere } as unknown as RequestInit)).rejects.toThrow();
    expect((await receipts(ledger))[0]?.outcome).toEqual({ kind: 'network-error', code: 'ECONNREFUSED' });
  });
});

describe('AnswerTap', () => {
  /** A dispatcher that records what reaches it, and a handler of undici's first API. */
  const setup = () => {
    const reached: object[] = [];
    const inner = {
      dispatch(_options: object, handler: object) {
        reached.push(handler);
        return true;
      },
    };
    const errors: unknown[] = [];
    const handler = { onData: () => true, onError: (error: unknown) => errors.push(error) };
    return { tap: AnswerTap.open('https://api.deepseek.com', inner), reached, errors, handler };
  };
  const answer = new Response('{}', { status: 200 });

  it("refuses to send anywhere but the route's origin", () => {
    const { tap, reached, errors, handler } = setup();
    expect(tap?.dispatch({ origin: 'https://evil.example' }, handler)).toBe(false);
    expect(reached).toEqual([]);
    expect(LedgerError.isInstance(errors[0]) && errors[0].code).toBe('LEDGER_FOREIGN_ORIGIN');
  });

  it("steps aside (the recording wraps the body) on a second dispatch or a handler of undici's newer API", () => {
    const twice = setup();
    twice.tap?.dispatch({ origin: 'https://api.deepseek.com' }, twice.handler);
    (twice.reached[0] as { onHeaders(status: number): boolean }).onHeaders(200);
    expect(twice.tap?.sees(answer.status)).toBe(true);
    twice.tap?.dispatch({ origin: 'https://api.deepseek.com' }, twice.handler);
    expect(twice.reached[1]).toBe(twice.handler); // passed on untouched
    expect(twice.tap?.sees(answer.status)).toBe(false);
    const newer = setup();
    const handler = { onRequestStart() {}, onResponseData() {}, onData: () => true };
    newer.tap?.dispatch({ origin: 'https://api.deepseek.com' }, handler);
    expect(newer.reached[0]).toBe(handler);
    expect(newer.tap?.sees(answer.status)).toBe(false);
  });

  it('is there only over a dispatcher', () => {
    expect(AnswerTap.open('https://api.deepseek.com', { not: 'a dispatcher' })).toBeUndefined();
  });
});
