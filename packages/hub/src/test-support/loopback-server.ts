import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a loopback server saw. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A recording HTTP server on 127.0.0.1 (tests only). */
export interface LoopbackServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Start a recording server on 127.0.0.1 with a handler; every request is recorded before the handler runs. */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, response: ServerResponse, origin: string) => void,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      authorization: request.headers.authorization,
    });
    handler(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fixture file's text (`src/__fixtures__/<name>`). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** A fixture file parsed as JSON. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** Send a JSON (or raw text) body. */
export function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}
