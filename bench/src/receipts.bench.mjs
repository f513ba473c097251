// @ts-check
// Route receipts (issue 16): the recording fetch (over the global fetch, and over a host's own) against plain fetch
// streaming a 1 MiB SSE answer from loopback (target: at most 3 % slower), appending a receipt (target: at most 50 µs
// amortised), and summarising 100,000 receipts (target: at most 1 s).
// Run: `node --expose-gc src/receipts.bench.mjs` (after building core and node). The stream comparison runs in
// `receipts-stream.mjs`; `RECEIPTS_STREAM_RUNS` (5), `RECEIPTS_STREAM_ROUNDS` (720) and
// `RECEIPTS_STREAM_SERVER=in-process` (the server in the bench's own process) change how. Then each fetch runs alone in
// a process (`receipts-stream-alone.mjs`, `RECEIPTS_ALONE_PAIRS` turns of plain and recording, 2 by default).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLedger } from '@codewhale/node';
import { bench, do_not_optimize, run } from 'mitata';
import { median } from './stats.mjs';

const SUMMARY_RECEIPTS = 100_000;
/**
 * The stream comparison runs in this many processes, one after the other. One process's figures depend on where its
 * garbage collections fall and on how V8 compiled it, which two processes of the same code do not share: a run can be
 * 3 % off the next one. So each run is printed, and the verdict is the median run.
 */
const STREAM_RUNS = Number(process.env.RECEIPTS_STREAM_RUNS ?? 5);

/** @typedef {{ ofMedians: number, perRound: number, medianMs: number }} Against */
/** @typedef {{ node: string, server: string, rounds: number, bodyBytes: number, plainMs: number, recording: Against, plainAgain: Against, recorded: Against, hostFetch: Against, passThrough: Against, forwarding: Against, recordingOverForwarding: number, sample: any }} StreamRun */
/** @type {StreamRun[]} */
const runs = [];
for (let index = 0; index < STREAM_RUNS; index++)
  runs.push(
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', fileURLToPath(new URL('./receipts-stream.mjs', import.meta.url))],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ),
    ),
  );
/**
 * Each fetch alone in a process, in turns (plain, recording, plain, recording...): what each costs the process by
 * itself, its collections of the old generation included (see `receipts-stream-alone.mjs`).
 */
const ALONE_PAIRS = Number(process.env.RECEIPTS_ALONE_PAIRS ?? 2);
/** @typedef {{ fetch: string, requests: number, medianMs: number, meanMs: number, oldGcPer1000: number, youngGcPer1000: number, gcMsPerRequest: number, cpuUsPerRequest: number }} AloneRun */
/** @type {AloneRun[]} */
const alone = [];
for (let pair = 0; pair < ALONE_PAIRS; pair++)
  for (const fetchName of ['plain', 'recording'])
    alone.push(
      JSON.parse(
        execFileSync(process.execPath, [fileURLToPath(new URL('./receipts-stream-alone.mjs', import.meta.url))], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, RECEIPTS_ALONE_FETCH: fetchName },
        }),
      ),
    );
const { sample } = runs[0];
const dir = mkdtempSync(join(tmpdir(), 'codewhale-bench-receipts-'));

// Appending: one receipt as the recording fetch writes it.
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

const summaryMs = median(summaryTimes);
const MIB = 1024 * 1024;
/** Both ratios of a variant against plain fetch in one run. */
const both = (/** @type {Against} */ against) =>
  `${against.perRound.toFixed(3)} per round (${against.ofMedians.toFixed(3)} of the medians)`;
const verdict = median(runs.map((one) => one.recording.perRound));
console.log('');
console.log(`Summary (Node ${process.version})`);
console.log(
  `  stream ${(runs[0].bodyBytes / MIB).toFixed(2)} MiB SSE from loopback (server ${runs[0].server}), ${STREAM_RUNS} runs in their own processes, ${runs[0].rounds} rounds each; per round: the median of each round's ratio to plain fetch`,
);
runs.forEach((one, index) => {
  console.log(
    `  run ${index + 1}: plain fetch ${one.plainMs.toFixed(2)} ms, recording fetch ${one.recording.medianMs.toFixed(2)} ms; recording / plain ${both(one.recording)}`,
  );
  console.log(`    plain again / plain (the same code twice: this run's noise): ${both(one.plainAgain)}`);
  console.log(
    `    with the receipt read, priced and written after the end (all the recording costs) / plain: ${both(one.recorded)}`,
  );
  console.log(
    `    recording over a host's own fetch (the body passed through one more stream) / plain: ${both(one.hostFetch)}`,
  );
  console.log(`    that stream alone, no recording (the floor of wrapping the body) / plain: ${both(one.passThrough)}`);
  console.log(
    `    a dispatcher that only forwards the answer, no recording (the floor of watching it where undici gets it) / plain: ${both(one.forwarding)}`,
  );
  console.log(`    recording / that dispatcher, per round: ${one.recordingOverForwarding.toFixed(3)}`);
});
console.log(
  `  ratio recording / plain, per round, median of the ${STREAM_RUNS} runs: ${verdict.toFixed(3)}  (target <= 1.03: ${verdict <= 1.03 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `  ratio recording / a dispatcher that only forwards, per round, median of the ${STREAM_RUNS} runs: ${median(runs.map((one) => one.recordingOverForwarding)).toFixed(3)}`,
);
for (const fetchName of ['plain', 'recording']) {
  const mine = alone.filter((one) => one.fetch === fetchName);
  if (mine.length === 0) continue;
  const list = (/** @type {(one: AloneRun) => string} */ format) => mine.map(format).join(', ');
  console.log(
    `  ${fetchName} fetch alone in a process (${mine.length} processes, ${mine[0].requests} requests each): mean ${list((one) => one.meanMs.toFixed(2))} ms, median ${list((one) => one.medianMs.toFixed(2))} ms; old-generation collections per 1000 requests ${list((one) => one.oldGcPer1000.toFixed(1))}; all collections ${list((one) => one.gcMsPerRequest.toFixed(3))} ms per request; CPU (every thread, the receipt included) ${list((one) => one.cpuUsPerRequest.toFixed(0))} µs per request`,
  );
}
console.log(
  `  append a receipt: ${appendUs.toFixed(1)} µs amortised over ${APPENDS} appends; mitata p50 ${appendP50Us.toFixed(1)} µs  (target <= 50 µs: ${appendUs <= 50 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `  summarise ${SUMMARY_RECEIPTS} receipts (${(summaryBytes / MIB).toFixed(1)} MiB, 30 files) by provider, median of 5: ${summaryMs.toFixed(0)} ms  (target <= 1000 ms: ${summaryMs <= 1000 ? 'MET' : 'NOT MET'})`,
);
console.log(
  `    the first summary, which builds the summary index: ${buildMs.toFixed(0)} ms; without the index (median of 3): ${median(unindexedTimes).toFixed(0)} ms`,
);
