// @ts-check
// Route receipts (issue 16), one run of the stream comparison: the recording fetch (over the global fetch, and over a
// host's own) against plain fetch, streaming a 1 MiB SSE answer from loopback. `receipts.bench.mjs` runs this file in
// several processes, one after the other, and prints each run and the median of them.
// Run alone: `node --expose-gc src/receipts-stream.mjs` (after building core and node); it prints one JSON line.
import { rmSync } from 'node:fs';
import { flushReceipts } from '@codewhale/node';
import { forwardingFetch, recordingSetup, serveAnswer, streamAnswer } from './receipts-setup.mjs';
import { SSE_BODY } from './sse-answer.mjs';
import { median } from './stats.mjs';

/** Rounds of this run: one pass over the 720 orders of the six variants. */
const ROUNDS = Number(process.env.RECEIPTS_STREAM_ROUNDS ?? 720);

/**
 * Where the answer is served from: its own process (the default), as a provider or a local runtime is, or this one
 * (`RECEIPTS_STREAM_SERVER=in-process`, as the bench did until 2026-12-03). In this process the server's writes share
 * the client's thread: every request takes longer (the same recording is a smaller share of it), and how the two
 * interleave settles differently in each process, so one run's ratios can be 10 % off the next one's.
 */
const SERVER = process.env.RECEIPTS_STREAM_SERVER === 'in-process' ? 'in-process' : 'child';
const { stop: stopServer } = await serveAnswer(SERVER);
const { dir, ledger, recordingFetch } = recordingSetup();
/** Plain fetch. */
const plain = (url, init) => fetch(url, init);
/** The recording fetch over the global fetch: it watches the answer through a dispatcher (the default). */
const recording = recordingFetch();
/** The recording fetch over a host's own fetch: it passes the answer's body through one more stream. */
const recordingHostFetch = recordingFetch({ fetch: plain });
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
  { name: 'forwarding dispatcher', fetch: forwardingFetch },
].map((variant) => ({ ...variant, times: [] }));
for (let round = 0; round < 5; round++)
  for (const variant of variants) {
    await streamAnswer(variant.fetch);
    writeReceipt();
  }
// Interleaved, so all see the same load, and each round in the next of the 720 orders of the six, so each runs as
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
    variant.times.push(await streamAnswer(variant.fetch));
    const receiptMs = writeReceipt();
    variant.receiptTimes?.push(receiptMs);
  }
const [plainVariant, plainAgain, passThroughVariant, recordingVariant, hostFetchVariant, forwardingVariant] = variants;
const plainTimes = plainVariant.times;
const recordingTimes = recordingVariant.times;
/** A recorded request's stream time plus the time to write its receipt: all the recording costs. */
const recordedTimes = recordingTimes.map((ms, round) => ms + recordingVariant.receiptTimes[round]);
stopServer();
let receipts = 0;
let usageKnown = 0;
for await (const receipt of ledger.read()) {
  receipts++;
  if (receipt.usage.known && receipt.usage.usage.outputTokens === 212) usageKnown++;
}
if (receipts !== 2 * (ROUNDS + 5) || usageKnown !== receipts)
  throw new Error(`expected ${2 * (ROUNDS + 5)} receipts with usage, got ${usageKnown} of ${receipts}`);

const [sample] = await (async () => {
  const out = [];
  for await (const receipt of ledger.read()) out.push(receipt);
  return out;
})();
rmSync(dir, { recursive: true, force: true });

/** A variant against plain fetch: the ratio of the medians, and the median of each round's ratio. */
const against = (times) => ({
  ofMedians: median(times) / median(plainTimes),
  perRound: median(times.map((ms, round) => ms / plainTimes[round])),
  medianMs: median(times),
});
console.log(
  JSON.stringify({
    node: process.version,
    server: SERVER,
    rounds: ROUNDS,
    bodyBytes: SSE_BODY.length,
    plainMs: median(plainTimes),
    recording: against(recordingTimes),
    plainAgain: against(plainAgain.times),
    recorded: against(recordedTimes),
    hostFetch: against(hostFetchVariant.times),
    passThrough: against(passThroughVariant.times),
    forwarding: against(forwardingVariant.times),
    /** The recording against a dispatcher that only forwards, per round: what the recording adds to that floor. */
    recordingOverForwarding: median(recordingTimes.map((ms, round) => ms / forwardingVariant.times[round])),
    sample,
  }),
);
