// A recording loopback server for the recipe tests. It answers POST <path> with a recorded body from this folder (the
// JSON one, or the SSE one when the request body has `"stream": true`) and records every request as received (method,
// URL, headers, raw body). It is also the child's HTTP(S) proxy: a request for any other host arrives here as a
// `CONNECT host:443` or an absolute-form `GET http://host/...`, is recorded in `proxied` and refused, so a test can
// prove that nothing left the machine but the requests to the route.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** A recorded body beside this file, as text. */
export function fixture(name) {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/**
 * Start on 127.0.0.1 with an ephemeral port. `routes` maps a request path (e.g. `/together/v1/chat/completions`) to
 * the fixture files it answers with: `{ json, sse }` (file names; either may be missing), or to `{ echoKey: status }`:
 * an error answer with that status whose message quotes the key the request carried, as some providers do.
 */
export async function startRecordingServer(routes) {
  const requests = [];
  const proxied = [];
  const server = createServer((request, response) => {
    const parts = [];
    request.on('data', (part) => parts.push(part));
    request.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      if (!request.url.startsWith('/')) {
        // Absolute-form request target: someone used this server as an HTTP proxy for another host.
        proxied.push({ method: request.method, target: request.url });
        response.writeHead(403, { 'content-type': 'text/plain' }).end('not leaving the machine');
        return;
      }
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      requests.push({ method: request.method, url: request.url, headers: request.headers, raw, body });
      const route = routes[request.url];
      if (route?.echoKey) {
        const sent = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
        response.writeHead(route.echoKey, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${sent}.`, code: 'invalid_api_key' } }));
        return;
      }
      const file = body?.stream === true ? route?.sse : route?.json;
      if (request.method !== 'POST' || !file) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no recorded answer for ${request.method} ${request.url}` } }));
        return;
      }
      const sse = file.endsWith('.sse');
      response.writeHead(200, {
        'content-type': sse ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8',
      });
      response.end(fixture(file));
    });
  });
  // HTTPS through a proxy starts with CONNECT: record the target and refuse the tunnel.
  server.on('connect', (request, socket) => {
    proxied.push({ method: 'CONNECT', target: request.url });
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    proxied,
    reset() {
      requests.length = 0;
      proxied.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
