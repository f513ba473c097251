// @ts-check
// What the receipts stream benches share: the loopback answer server, the DeepSeek route the recording fetch records,
// the request, and one streamed request read to its end as a client reads it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, createRouteResolver, stampCatalog } from '@codewhale/core';
import { createCredentialSource, createRecordingFetch, openLedger } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { do_not_optimize } from 'mitata';
import { createSseServer, SSE_BODY } from './sse-answer.mjs';

/**
 * Start the server of the 1 MiB answer: in its own process (`child`, as a provider or a local runtime is), or in this
 * one (`in-process`). Requests to DeepSeek's official origin (so the catalog meter applies) then reach it through
 * undici's global dispatcher, as a host's proxy agent would carry them: the same for every fetch compared.
 * @param {'child' | 'in-process'} where
 * @returns {Promise<{ stop: () => void }>}
 */
export async function serveAnswer(where) {
  let loopback;
  /** @type {() => void} */
  let stop;
  if (where === 'child') {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./sse-answer.mjs', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const line = await new Promise((resolve) => child.stdout.once('data', (data) => resolve(String(data))));
    loopback = `http://127.0.0.1:${JSON.parse(line).port}`;
    stop = () => child.stdin.end();
  } else {
    const server = createSseServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = server.address();
    loopback = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    stop = () => server.close();
  }
  const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
  if (typeof fetch !== 'function' || !globalThis[GLOBAL_DISPATCHER])
    throw new Error("undici's global dispatcher is missing");
  const agent = globalThis[GLOBAL_DISPATCHER];
  globalThis[GLOBAL_DISPATCHER] = {
    dispatch: (options, handler) =>
      agent.dispatch(
        options.origin === 'https://api.deepseek.com' ? { ...options, origin: loopback } : options,
        handler,
      ),
  };
  return { stop };
}

/** A ledger in a new temporary directory, and recording fetches for DeepSeek's `deepseek-v4-pro` route into it. */
export function recordingSetup() {
  const registry = createRegistry({ plugins: [deepseekPlugin] });
  const result = createRouteResolver({
    registry,
    credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'sk-bench' } }),
  }).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
  if (!result.ok) throw new Error(result.error.message);
  const dir = mkdtempSync(join(tmpdir(), 'codewhale-bench-receipts-'));
  const ledger = openLedger({ dir: join(dir, 'stream') });
  const catalog = stampCatalog({ plugins: [deepseekPlugin] });
  /** @param {{ fetch?: typeof fetch }} [more] more options (a host's own `fetch`) */
  const recordingFetch = (more = {}) => createRecordingFetch({ candidate: result.candidate, ledger, catalog, ...more });
  return { dir, ledger, recordingFetch };
}

/**
 * A dispatcher for one request that only forwards undici's calls to fetch's handler, over the global dispatcher: the
 * floor of any recording that watches the answer where undici gets it (as the recording fetch's tap does).
 */
class ForwardingDispatcher {
  /** @param {{ dispatch(options: object, handler: object): boolean }} inner */
  constructor(inner) {
    this.inner = inner;
    /** @type {any} */
    this.handler = undefined;
  }
  /** @param {object} options @param {object} handler */
  dispatch(options, handler) {
    this.handler = handler;
    return this.inner.dispatch(options, this);
  }
  /** @param {unknown} abort @param {unknown} context */
  onConnect(abort, context) {
    this.handler.onConnect?.(abort, context);
  }
  onResponseStarted() {
    this.handler.onResponseStarted?.();
  }
  /** @param {number} status @param {unknown} raw @param {unknown} resume @param {string} [text] */
  onHeaders(status, raw, resume, text) {
    return this.handler.onHeaders(status, raw, resume, text);
  }
  /** @param {Uint8Array} chunk */
  onData(chunk) {
    return this.handler.onData(chunk);
  }
  /** @param {unknown} trailers */
  onComplete(trailers) {
    this.handler.onComplete(trailers);
  }
  /** @param {unknown} error */
  onError(error) {
    this.handler.onError(error);
  }
  /** @param {unknown} chunk */
  onBodySent(chunk) {
    this.handler.onBodySent?.(chunk);
  }
  onRequestSent() {
    this.handler.onRequestSent?.();
  }
}

/**
 * Plain fetch through a {@link ForwardingDispatcher}, without following redirects, as the recording fetch sends.
 * @param {string} url @param {RequestInit} requestInit
 */
export const forwardingFetch = (url, requestInit) =>
  fetch(
    url,
    /** @type {RequestInit} */ ({
      ...requestInit,
      redirect: 'manual',
      dispatcher: new ForwardingDispatcher(globalThis[Symbol.for('undici.globalDispatcher.1')]),
    }),
  );

const init = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"model":"deepseek-v4-pro","stream":true}',
};

/**
 * One request whose answer is read to the end as a client does (chunk by chunk, decoding the text); its time in ms.
 * @param {typeof fetch} fetchFunction
 */
export async function streamAnswer(fetchFunction) {
  const started = performance.now();
  const response = await fetchFunction('https://api.deepseek.com/chat/completions', init);
  if (!response.body) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    do_not_optimize(decoder.decode(value, { stream: true }));
  }
  if (bytes !== SSE_BODY.length) throw new Error(`read ${bytes} bytes, expected ${SSE_BODY.length}`);
  return performance.now() - started;
}
