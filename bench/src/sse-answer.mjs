// @ts-check
// The answer of the receipts stream bench: a 1 MiB DeepSeek-style SSE body, and a loopback server that sends it to every
// request in 16 KiB writes. Imported, it serves in the bench's own process; run as a script
// (`node src/sse-answer.mjs`), it serves in its own (as a provider or a local runtime does), prints
// `{"port":…,"bytes":…}` and ends when its standard input does.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const MIB = 1024 * 1024;

/**
 * The recorded events of a real DeepSeek answer, their content chunks repeated until the body reaches 1 MiB, then the
 * recorded finish chunk with usage and `[DONE]`.
 */
export const SSE_BODY = (() => {
  const recorded = readFileSync(
    new URL('../../packages/node/src/ledger/__fixtures__/deepseek_reasoner_stream_include_usage.sse', import.meta.url),
    'utf8',
  );
  const events = recorded.split('\n\n').filter(Boolean);
  const finish = events
    .slice(-2)
    .map((event) => `${event}\n\n`)
    .join('');
  const middle = events.slice(1, -2).map((event) => `${event}\n\n`);
  let text = `${events[0]}\n\n`;
  for (let index = 0; text.length + finish.length < MIB; index++) text += middle[index % middle.length];
  return Buffer.from(text + finish);
})();

/** An HTTP server (not yet listening) that answers every request with {@link SSE_BODY}. */
export function createSseServer() {
  return createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    // In 16 KiB writes, as a server flushing events as they come would.
    let at = 0;
    const next = () => {
      while (at < SSE_BODY.length) {
        const ok = response.write(SSE_BODY.subarray(at, at + 16 * 1024));
        at += 16 * 1024;
        if (!ok) return void response.once('drain', next);
      }
      response.end();
    };
    next();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = createSseServer();
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ port, bytes: SSE_BODY.length })}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
