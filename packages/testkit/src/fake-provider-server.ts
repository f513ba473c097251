import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A recorded answer the fake provider replays: a status with a JSON or text body, optionally late. */
export interface FakeProviderAnswer {
  readonly status: number;
  /** JSON body (sent with `content-type: application/json`). */
  readonly json?: unknown;
  /** Raw body text (wins over `json`). */
  readonly text?: string;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (to exercise client timeouts). */
  readonly delayMs?: number;
}

/** One request the fake provider received. */
export interface FakeProviderRequest {
  readonly method: string;
  /** Path with its query string, exactly as sent (e.g. `/v1/models`). */
  readonly path: string;
  /** Request headers, lower-case names (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body as text (empty for GET). */
  readonly body: string;
}

/** Options of {@link startFakeProvider}. */
export interface FakeProviderOptions {
  /**
   * Answers by `METHOD /path` (e.g. `GET /v1/models`); the path is matched with its query first, then without.
   * A function gets the request and returns the answer. Unrouted requests get 404 `{ error: { message: 'Not Found' } }`.
   */
  readonly routes: Readonly<
    Record<string, FakeProviderAnswer | ((request: FakeProviderRequest) => FakeProviderAnswer)>
  >;
}

/** A running fake provider on a loopback port. */
export interface FakeProvider {
  /** Origin of the server, e.g. `http://127.0.0.1:41234` (append the API's base path, e.g. `/v1`). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly FakeProviderRequest[];
  /** Stop the server: pending delayed answers are dropped and open connections closed. */
  close(): Promise<void>;
}

function headerRecord(message: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

/**
 * Start a loopback HTTP server (127.0.0.1, a free port) that replays recorded provider answers and records every
 * request, so discovery and health can be tested for real through plugin-kit's `createHttpClient` and
 * `createLiveContext`. Never contacts anything else.
 * @example
 * const server = await startFakeProvider({ routes: { 'GET /v1/models': { status: 200, json: recordedBody } } });
 * const context = createLiveContext({ client: createHttpClient(), providerId: 'acme', baseUrl: `${server.url}/v1` });
 * await server.close();
 */
export async function startFakeProvider(options: FakeProviderOptions): Promise<FakeProvider> {
  const requests: FakeProviderRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const answerFor = (request: FakeProviderRequest): FakeProviderAnswer => {
    const pathname = request.path.split('?', 1)[0] ?? request.path;
    for (const key of [`${request.method} ${request.path}`, `${request.method} ${pathname}`]) {
      if (!Object.hasOwn(options.routes, key)) continue;
      const route = options.routes[key];
      if (route !== undefined) return typeof route === 'function' ? route(request) : route;
    }
    return { status: 404, json: { error: { message: 'Not Found' } } };
  };

  const send = (response: ServerResponse, method: string, answer: FakeProviderAnswer): void => {
    const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
    const type =
      answer.text === undefined && answer.json !== undefined
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'text/plain; charset=utf-8' };
    response.writeHead(answer.status, {
      ...type,
      'content-length': String(Buffer.byteLength(text)),
      ...answer.headers,
    });
    response.end(method === 'HEAD' ? undefined : text);
  };

  const server = createServer((message, response) => {
    void readBody(message).then(
      (body) => {
        const request: FakeProviderRequest = {
          method: message.method ?? 'GET',
          path: message.url ?? '/',
          headers: headerRecord(message),
          body,
        };
        requests.push(request);
        let answer: FakeProviderAnswer;
        try {
          answer = answerFor(request);
        } catch (error) {
          answer = {
            status: 500,
            json: {
              error: {
                message: `fake provider route failed: ${error instanceof Error ? error.message : String(error)}`,
              },
            },
          };
        }
        if (!answer.delayMs) {
          send(response, request.method, answer);
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) send(response, request.method, answer);
        }, answer.delayMs);
        timers.add(timer);
      },
      () => response.destroy(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
