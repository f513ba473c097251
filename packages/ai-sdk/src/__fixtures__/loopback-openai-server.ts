// A loopback OpenAI-compatible server for the host tests: POST <base>/chat/completions answers with a JSON completion,
// or with SSE `data:` chunks ending in `[DONE]` when the body asks to stream. Every request is recorded as received.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body (`undefined` when the body was not JSON). */
  readonly body: Record<string, unknown> | undefined;
}

/** A running server: its origin, what it received, and how to answer. */
export interface LoopbackOpenAIServer {
  /** `http://127.0.0.1:<port>` (append a base path such as `/v1`). */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** The text the assistant answers with (split into several stream chunks). */
  reply: string;
  /** Answer every request with this status and an OpenAI-style error body instead (e.g. 401). */
  failWith: number | undefined;
  /** With `failWith`: quote the credential header the request carried in the error message, as some providers do. */
  echoKey: boolean;
  /** Redirect a request instead of answering it: a status and the `Location` to send, or `undefined` to answer. */
  redirect: ((url: string) => { readonly status: number; readonly location: string } | undefined) | undefined;
  close(): Promise<void>;
}

const CHUNK_SIZE = 4;

function completion(model: unknown, reply: string) {
  return {
    id: 'chatcmpl-loopback-1',
    object: 'chat.completion',
    created: 1_763_700_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
  };
}

function streamChunks(model: unknown, reply: string, includeUsage: boolean): string[] {
  const base = { id: 'chatcmpl-loopback-2', object: 'chat.completion.chunk', created: 1_763_700_000, model };
  const pieces: string[] = [];
  for (let index = 0; index < reply.length; index += CHUNK_SIZE) pieces.push(reply.slice(index, index + CHUNK_SIZE));
  const chunks: Record<string, unknown>[] = pieces.map((content, index) => ({ ...base, choices: [{ index: 0, delta: index === 0 ? { role: 'assistant', content } : { content }, finish_reason: null }] }));
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  const lines = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  if (includeUsage) lines.push(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 7, completion_tokens: pieces.length, total_tokens: 7 + pieces.length } })}\n\n`);
  lines.push('data: [DONE]\n\n');
  return lines;
}

/** Start the server on 127.0.0.1 with an ephemeral port. */
export async function startLoopbackOpenAIServer(reply = 'Hello from loopback.'): Promise<LoopbackOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const state = { reply, failWith: undefined as number | undefined, redirect: undefined as LoopbackOpenAIServer['redirect'], echoKey: false };
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const redirect = state.redirect?.(request.url ?? '');
      if (redirect) {
        response.writeHead(redirect.status, { location: redirect.location, 'content-type': 'text/plain' });
        response.end('moved');
        return;
      }
      if (state.failWith !== undefined) {
        response.writeHead(state.failWith, { 'content-type': 'application/json' });
        const sent = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
        const message = state.echoKey ? `Incorrect API key provided: ${sent}. You can find your API key at https://example.test/keys.` : 'Incorrect API key provided.';
        response.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_api_key', param: state.echoKey ? { received: sent } : null } }));
        return;
      }
      if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions') || !body) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no route for ${request.method} ${request.url}` } }));
        return;
      }
      if (body.stream === true) {
        const options = body.stream_options as { include_usage?: boolean } | undefined;
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const line of streamChunks(body.model, state.reply, options?.include_usage === true)) response.write(line);
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion(body.model, state.reply)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get reply() {
      return state.reply;
    },
    set reply(value: string) {
      state.reply = value;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(value: number | undefined) {
      state.failWith = value;
    },
    get echoKey() {
      return state.echoKey;
    },
    set echoKey(value: boolean) {
      state.echoKey = value;
    },
    get redirect() {
      return state.redirect;
    },
    set redirect(value: LoopbackOpenAIServer['redirect']) {
      state.redirect = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Header names that carry credentials or account identity; a request must carry exactly the bound one. */
export const CREDENTIAL_LIKE_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|cookie|openai-organization|openai-project)$|key|token|secret|auth/i;

/** The credential-like headers of a recorded request, by name. */
export function credentialHeaders(request: RecordedRequest): Record<string, string | string[] | undefined> {
  return Object.fromEntries(Object.entries(request.headers).filter(([name]) => CREDENTIAL_LIKE_HEADER.test(name)));
}
