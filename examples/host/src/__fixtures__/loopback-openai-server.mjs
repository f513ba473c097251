// A loopback OpenAI-compatible server for the host test: POST <base>/chat/completions answers with a JSON completion,
// or SSE `data:` chunks ending in `[DONE]` when the body asks to stream; anything under /unauthorized/ gets a 401, and
// anything under /echo-key/ a 401 that quotes the key it received (as some providers do).
// Every request is recorded as received.
import { createServer } from 'node:http';

/** Start on 127.0.0.1 with an ephemeral port; `reply` is what the assistant says. */
export async function startLoopbackOpenAIServer(reply) {
  const requests = [];
  const server = createServer((request, response) => {
    const parts = [];
    request.on('data', (part) => parts.push(part));
    request.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        body = undefined;
      }
      requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (request.url.startsWith('/echo-key/')) {
        const sent = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `Incorrect API key provided: ${sent}.`, code: 'invalid_api_key' } }));
        return;
      }
      if (request.url.startsWith('/unauthorized/')) {
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } }));
        return;
      }
      if (request.method !== 'POST' || !request.url.endsWith('/chat/completions') || !body) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const base = { id: 'chatcmpl-host-1', created: 1_763_700_000, model: body.model };
      if (body.stream === true) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const words = reply.split(/(?<= )/);
        words.forEach((content, index) => {
          const delta = index === 0 ? { role: 'assistant', content } : { content };
          response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
        });
        response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        response.end('data: [DONE]\n\n');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
