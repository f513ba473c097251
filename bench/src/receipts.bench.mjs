// @ts-check
// Route receipts (issue 16): the recording fetch (over the global fetch, and over a host's own) against plain fetch
// streaming a 1 MiB SSE answer from loopback (target: at most 3 % slower), appending a receipt (target: at most 50 µs
// amortised), and summarising 100,000 receipts (target: at most 1 s).
// Run: `node --expose-gc src/receipts.bench.mjs` (after building core and node).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, createRouteResolver, stampCatalog } from '@codewhale/core';
import { createCredentialSource, createRecordingFetch, flushReceipts, openLedger } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { bench, do_not_optimize, run } from 'mitata';

const ROUNDS = 240;
const MIB = 1024 * 1024;
const SUMMARY_RECEIPTS = 100_000;

// A 1 MiB DeepSeek-style stream: the recorded events (a real DeepSeek answer), their content chunks repeated until
// the body reaches 1 MiB, then the recorded finish chunk with usage and `[DONE]`.
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
const SSE_BODY = Buffer.from(text + finish);

const server = createServer((_request, response) => {
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
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const loopback = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const registry = createRegistry({ plugins: [deepseekPlugin] });
const result = createRouteResolver({
  registry,
  credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'sk-bench' } }),
}).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
if (!result.ok) throw new Error(result.error.message);
const candidate = result.candidate;
const dir = mkdtempSync(join(tmpdir(), 'codewhale-bench-receipts-'));
const ledger = openLedger({ dir: join(dir, 'stream') });

// Requests to DeepSeek's official origin (so the catalog meter applies) reach the loopback server through undici's
// global dispatcher, as a host's proxy agent would carry them: the same for every variant.
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
if (typeof fetch !== 'function' || !globalThis[GLOBAL_DISPATCHER])
  throw new Error("undici's global dispatcher is missing");
const agent = globalThis[GLOBAL_DISPATCHER];
globalThis[GLOBAL_DISPATCHER] = {
  dispatch: (options, handler) =>
    agent.dispatch(options.origin === 'https://api.deepseek.com' ? { ...options, origin: loopback } : options, handler),
};
/** Plain fetch. */
const plain = (url, init) => fetch(url, init);
/** The recording fetch over the global fetch: it watches the answer through a dispatcher (the default). */
const recording = createRecordingFetch({ candidate, ledger, catalog: stampCatalog({ plugins: [deepseekPlugin] }) });
/** The recording fetch over a host's own fetch: it passes the answer's body through one more stream. */
const recordingHostFetch = createRecordingFetch({
  candidate,
  ledger,
  fetch: plain,
  catalog: stampCatalog({ plugins: [deepseekPlugin] }),
});
/**
 * The floor of wrapping the body: the answer passed through one more web stream, as the recording fetch does over a
 * host's own fetch, and nothing else (no counting, keeping or receipt).
 */
const passThrough = async (url, requestInit) => {
  const response = await plain(url, requestInit);
  const source = response.body.getReader();
  const forwarded = new ReadableStream(
    {
      async pull(controller) {
        const chunk = await source.read();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Response(forwarded, { status: response.status, headers: response.headers });
};
const init = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"model":"deepseek-v4-pro","stream":true}',
};

/** One request whose answer is read to the end as a client does (chunk by chunk, decoding the text). */
async function stream(fetchFunction) {
  const started = performance.now();
  const response = await fetchFunction('https://api.deepseek.com/chat/completions', init);
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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/**
 * The receipt of a recorded request is written in the turn of the event loop after the answer's end: write it now,
 * before the next request, so its work is timed here and never inside another variant's request.
 */
function writeReceipt() {
  const started = performance.now();
  flushReceipts();
  return performance.now() - started;
}
/**
 * The variants, timed in turns. `plain again` is plain fetch once more: how far two runs of the very same code differ
 * in this run (the noise floor of every ratio below). A recording's receipt is written right after its request and
 * timed apart (`receiptTimes`).
 */
const variants = [
  { name: 'plain', fetch: plain },
  { name: 'plain again', fetch: plain },
  { name: 'pass-through', fetch: passThrough },
  { name: 'recording', fetch: recording, receiptTimes: [] },
  { name: 'recording, host fetch', fetch: recordingHostFetch, receiptTimes: [] },
].map((variant) => ({ ...variant, times: [] }));
for (let round = 0; round < 5; round++)
  for (const variant of variants) {
    await stream(variant.fetch);
    writeReceipt();
  }
// Interleaved, so all see the same load, and each round in the next of the 120 orders of the five, so each runs as
// often in each place, and as often right after each other (a recording's receipt included).
const orders = (items) =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, at) =>
        orders([...items.slice(0, at), ...items.slice(at + 1)]).map((rest) => [item, ...rest]),
      );
const ORDERS = orders(variants.map((_, index) => index));
for (let round = 0; round < ROUNDS; round++)
  for (const index of ORDERS[round % ORDERS.length]) {
    const variant = variants[index];
    variant.times.push(await stream(variant.fetch));
    const receiptMs = writeReceipt();
    variant.receiptTimes?.push(receiptMs);
  }
const [plainVariant, plainAgain, passThroughVariant, recordingVariant, hostFetchVariant] = variants;
const plainTimes = plainVariant.times;
const recordingTimes = recordingVariant.times;
/** A recorded request's stream time plus the time to write its receipt: all the recording costs. */
const recordedTimes = recordingTimes.map((ms, round) => ms + recordingVariant.receiptTimes[round]);
server.close();
let receipts = 0;
let usageKnown = 0;
for await (const receipt of ledger.read()) {
  receipts++;
  if (receipt.usage.known && receipt.usage.usage.outputTokens === 212) usageKnown++;
}
if (receipts !== 2 * (ROUNDS + 5) || usageKnown !== receipts)
  throw new Error(`expected ${2 * (ROUNDS + 5)} receipts with usage, got ${usageKnown} of ${receipts}`);

// Appending: one receipt as the recording fetch writes it.
const [sample] = await (async () => {
  const out = [];
  for await (const receipt of ledger.read()) out.push(receipt);
  return out;
})();
const appendLedger = openLedger({ dir: join(dir, 'append') });
const APPENDS = 20_000;
for (let index = 0; index < 1000; index++) appendLedger.append(sample); // warm-up
const appendStarted = performance.now();
for (let index = 0; index < APPENDS; index++) appendLedger.append(sample);
const appendUs = ((performance.now() - appendStarted) * 1000) / APPENDS;
bench('ledger.append(receipt)', () => do_not_optimize(appendLedger.append(sample)));

// Summarising 100,000 receipts spread over 30 days, 4 providers, some costs unknown.
const summaryDir = join(dir, 'summary');
const summaryLedger = openLedger({ dir: summaryDir });
summaryLedger.append(sample); // creates the directory
const providers = ['deepseek', 'together', 'nvidia-nim', 'ollama'];
const days = new Map();
for (let index = 0; index < SUMMARY_RECEIPTS; index++) {
  const day = `2026-11-${String(1 + (index % 30)).padStart(2, '0')}`;
  const receipt = {
    ...sample,
    id: `bench-${String(index).padStart(8, '0')}`,
    time: `${day}T12:00:00.000Z`,
    provider: providers[index % providers.length],
    ...(index % 7 === 0 ? { cost: { known: false, reason: 'local runtime' } } : {}),
  };
  const lines = days.get(day) ?? [];
  lines.push(JSON.stringify(receipt));
  days.set(day, lines);
}
rmSync(join(summaryDir, `receipts-${sample.time.slice(0, 10)}.jsonl`));
let summaryBytes = 0;
for (const [day, lines] of days) {
  const body = `${lines.join('\n')}\n`;
  summaryBytes += Buffer.byteLength(body);
  writeFileSync(join(summaryDir, `receipts-${day}.jsonl`), body);
}
/** Times of `summarise('provider')` on a ledger, checking each summary's count. */
async function summariseTimes(ledger, rounds) {
  const times = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const summary = await ledger.summarise('provider');
    times.push(performance.now() - started);
    if (summary.total.requests !== SUMMARY_RECEIPTS || summary.skipped.length > 0)
      throw new Error('summary miscounted');
  }
  return times;
}
// Without the summary index: every receipt parsed and checked, every time.
const unindexedTimes = await summariseTimes(openLedger({ dir: summaryDir, summaryIndex: false }), 3);
// With it (the default): the first summary builds the index, the next ones read it.
const [buildMs, ...summaryTimes] = await summariseTimes(summaryLedger, 6);

const { benchmarks } = await run();
const appendP50Us = benchmarks[0].runs[0].stats.p50 / 1e3;
rmSync(dir, { recursive: true, force: true });

const plainMs = median(plainTimes);
const recordingMs = median(recordingTimes);
const ratio = recordingMs / plainMs;
const summaryMs = median(summaryTimes);
/**
 * Two ratios against plain fetch: of the medians, and the median of each round's ratio (the variants of a round run
 * within a few ms of each other, so load that drifts over the run cancels out of it).
 */
const against = (times) =>
  `${(median(times) / plainMs).toFixed(3)}, per round ${median(times.map((ms, round) => ms / plainTimes[round])).toFixed(3)}`;
console.log('');
console.log(`Summary (Node ${process.version})`);
console.log(
  `  stream ${(SSE_BODY.length / MIB).toFixed(2)} MiB SSE from loopback, median of ${ROUNDS}: plain fetch ${plainMs.toFixed(2)} ms, recording fetch ${recordingMs.toFixed(2)} ms`,
);
console.log(
  `  ratio recording / plain: ${ratio.toFixed(3)}  (target <= 1.03: ${ratio <= 1.03 ? 'MET' : 'NOT MET'}); per round ${median(recordingTimes.map((ms, round) => ms / plainTimes[round])).toFixed(3)}`,
);
console.log(`    plain again / plain (the same code twice: this run's noise): ${against(plainAgain.times)}`);
console.log(
  `    with the receipt read, priced and written after the end (all the recording costs) / plain: ${against(recordedTimes)} (${median(recordedTimes).toFixed(2)} ms)`,
);
console.log(
  `    recording over a host's own fetch (the body passed through one more stream) / plain: ${against(hostFetchVariant.times)} (${median(hostFetchVariant.times).toFixed(2)} ms)`,
);
console.log(
  `    that stream alone, no recording (the floor of wrapping the body) / plain: ${against(passThroughVariant.times)} (${median(passThroughVariant.times).toFixed(2)} ms)`,
);
console.log(
  `  append a receipt: ${appendUs.toFixed(1)} µs amortised over ${APPENDS} appends; mitata p50 ${appendP50Us.toFixed(1)} µs  (target <= 50 µs: ${appendUs <= 50 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `  summarise ${SUMMARY_RECEIPTS} receipts (${(summaryBytes / MIB).toFixed(1)} MiB, 30 files) by provider, median of 5: ${summaryMs.toFixed(0)} ms  (target <= 1000 ms: ${summaryMs <= 1000 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `    the first summary, which builds the summary index: ${buildMs.toFixed(0)} ms; without the index (median of 3): ${median(unindexedTimes).toFixed(0)} ms`,
);
