// Child process for the recording fetch's exit test: one request through the built package to a loopback server, its
// answer read to the end, then `process.exit(0)` at once, before the turn of the event loop that writes its receipt.
// Usage: node recording-exit.mjs <ledgerDir>
import { createServer } from 'node:http';
import { createRegistry, createRouteResolver } from '@codewhale/core';
import { createCredentialSource, createRecordingFetch, openLedger } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';

const [dir] = process.argv.slice(2);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ model: 'deepseek-v4-flash', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }),
    );
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const loopback = `http://127.0.0.1:${server.address().port}`;
const result = createRouteResolver({
  registry: createRegistry({ plugins: [deepseekPlugin] }),
  credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'sk-exit-test' } }),
}).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
if (!result.ok) throw new Error(result.error.message);
const recordingFetch = createRecordingFetch({
  candidate: result.candidate,
  ledger: openLedger({ dir }),
  fetch: (input, init) => fetch(`${loopback}${new URL(String(input)).pathname}`, init),
});
const response = await recordingFetch('https://api.deepseek.com/chat/completions', { method: 'POST', body: '{}' });
await response.text();
process.exit(0);
