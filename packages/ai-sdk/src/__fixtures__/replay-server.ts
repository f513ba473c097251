// A loopback server that speaks one wire protocol by replaying recorded bodies: POST <...><path> answers with the
// recorded JSON body, or with the recorded SSE body when the request asks to stream. Every request is recorded as
// received. It can also answer with an error that echoes the key (as some providers do) or redirect.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest } from './loopback-openai-server.js';

/** What the server answers with. */
export interface ReplayBodies {
  /** The path suffix requests of this protocol end in: `/chat/completions`, `/responses`, `/v1/messages`. */
  readonly path: string;
  /** The recorded non-streamed body (sent as is). */
  readonly json: string;
  /** The recorded SSE body (sent as is) for requests with `"stream": true`. */
  readonly sse: string;
}

/** A running replay server. */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Answer every request with this status and an error body instead (e.g. 401). */
  failWith: number | undefined;
  /** With `failWith`: quote the credential the request carried in the error message. */
  echoKey: boolean;
  /** Redirect a request instead of answering it: a status and the `Location` to send, or `undefined` to answer. */
  redirect: ((url: string) => { readonly status: number; readonly location: string } | undefined) | undefined;
  close(): Promise<void>;
}

/** A file beside this one, as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Start a replay server on 127.0.0.1 with an ephemeral port. */
export async function startReplayServer(bodies: ReplayBodies): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const state: Pick<ReplayServer, 'failWith' | 'echoKey' | 'redirect'> = {
    failWith: undefined,
    echoKey: false,
    redirect: undefined,
  };
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
        const sent = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
        const message = state.echoKey
          ? `Incorrect API key provided: ${sent}. You can find your API key at https://example.test/keys.`
          : 'Incorrect API key provided.';
        response.writeHead(state.failWith, { 'content-type': 'application/json' });
        // Both envelopes at once: OpenAI's `error.message` and Anthropic's `type: "error"` with `error.type`.
        response.end(
          JSON.stringify({
            type: 'error',
            error: { message, type: 'authentication_error', code: 'invalid_api_key', param: state.echoKey ? { received: sent } : null },
          }),
        );
        return;
      }
      if (request.method !== 'POST' || !request.url?.endsWith(bodies.path) || !body) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no route for ${request.method} ${request.url}` } }));
        return;
      }
      if (body.stream === true) {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        response.end(bodies.sse);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(bodies.json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    get echoKey() {
      return state.echoKey;
    },
    set echoKey(value) {
      state.echoKey = value;
    },
    get redirect() {
      return state.redirect;
    },
    set redirect(value) {
      state.redirect = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * An Anthropic Messages stream built from a recorded non-streamed body, with the documented event names
 * (https://docs.anthropic.com/en/api/messages-streaming): message_start, content_block_start, content_block_delta
 * (text_delta), content_block_stop, message_delta (stop_reason and output usage), message_stop. No recorded Anthropic
 * stream exists in the shared fixtures, so the events are made here from the recorded message, split into pieces.
 */
export function anthropicStreamFrom(recordedJson: string, pieces = 4): string {
  const message = JSON.parse(recordedJson) as {
    id: string;
    model: string;
    role: string;
    content: { type: string; text: string }[];
    stop_reason: string;
    stop_sequence: string | null;
    usage: Record<string, unknown> & { output_tokens: number };
  };
  const text = message.content.map((block) => block.text).join('');
  const size = Math.ceil(text.length / pieces);
  const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const { output_tokens: outputTokens, ...inputUsage } = message.usage;
  const events = [
    event('message_start', {
      type: 'message_start',
      message: {
        id: message.id,
        type: 'message',
        role: message.role,
        content: [],
        model: message.model,
        stop_reason: null,
        stop_sequence: null,
        usage: { ...inputUsage, output_tokens: 1 },
      },
    }),
    event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    event('ping', { type: 'ping' }),
  ];
  for (let index = 0; index < text.length; index += size)
    events.push(
      event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: text.slice(index, index + size) },
      }),
    );
  events.push(
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
      usage: { output_tokens: outputTokens },
    }),
    event('message_stop', { type: 'message_stop' }),
  );
  return events.join('');
}

/** The three protocols' replay bodies, from the recordings beside this file. */
export const REPLAY = {
  'chat-completions': {
    path: '/chat/completions',
    json: fixture('deepseek_v4flash_chat_toolcall_cachemiss.json'),
    sse: fixture('deepseek_reasoner_stream_include_usage.sse'),
  },
  responses: {
    path: '/responses',
    json: fixture('deepseek_v4flash_responses_api_nonstream.json'),
    sse: fixture('deepseek_v4flash_responses_api_stream.sse'),
  },
  'anthropic-messages': {
    path: '/v1/messages',
    json: fixture('anthropic_messages_sonnet45_cache_first.json'),
    sse: anthropicStreamFrom(fixture('anthropic_messages_sonnet45_cache_first.json')),
  },
} as const satisfies Record<string, ReplayBodies>;
