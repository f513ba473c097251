// @ts-check
// Route receipts (issue 16): one fetch alone in this process, `plain` or `recording` (RECEIPTS_ALONE_FETCH), streaming
// the 1 MiB answer from loopback, with this process's garbage collections counted. The stream comparison times the
// fetches in turns in one process, where what one fetch leaves to collect is collected during any of them: this run
// shows what each one costs the process by itself, the collections of the old generation it brings about included.
// `receipts.bench.mjs` runs it for each fetch in turn. Run alone:
// `RECEIPTS_ALONE_FETCH=recording node src/receipts-stream-alone.mjs` (after building core and node); it prints one
// JSON line.
import { rmSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { flushReceipts } from '@codewhale/node';
import { recordingSetup, serveAnswer, streamAnswer } from './receipts-setup.mjs';
import { median } from './stats.mjs';

const FETCH = process.env.RECEIPTS_ALONE_FETCH === 'recording' ? 'recording' : 'plain';
const REQUESTS = Number(process.env.RECEIPTS_ALONE_REQUESTS ?? 400);
const WARM_UP = 60;

const { stop } = await serveAnswer('child');
const { dir, recordingFetch } = recordingSetup();
const send = FETCH === 'recording' ? recordingFetch() : (url, init) => fetch(url, init);

const gc = { old: 0, young: 0, ms: 0 };
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = /** @type {{ kind?: number }} */ (entry.detail)?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.old++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.young++;
    gc.ms += entry.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

/** A request, then its receipt written (a recording writes it in the next turn of the event loop): its stream time. */
async function request() {
  const ms = await streamAnswer(send);
  flushReceipts();
  return ms;
}
for (let index = 0; index < WARM_UP; index++) await request();
// The warm-up's collections are reported before the count starts.
await new Promise((resolve) => setImmediate(resolve));
Object.assign(gc, { old: 0, young: 0, ms: 0 });
const cpuBefore = process.cpuUsage();
const times = [];
for (let index = 0; index < REQUESTS; index++) times.push(await request());
const cpu = process.cpuUsage(cpuBefore);
await new Promise((resolve) => setImmediate(resolve));
observer.disconnect();
stop();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    fetch: FETCH,
    requests: REQUESTS,
    medianMs: median(times),
    meanMs: times.reduce((sum, ms) => sum + ms, 0) / times.length,
    /** Collections of the old generation (mark-compact) per 1000 requests. */
    oldGcPer1000: (gc.old * 1000) / REQUESTS,
    youngGcPer1000: (gc.young * 1000) / REQUESTS,
    gcMsPerRequest: gc.ms / REQUESTS,
    /** The process's CPU time per request, every thread (the garbage collector's helpers included), the receipt too. */
    cpuUsPerRequest: (cpu.user + cpu.system) / REQUESTS,
  }),
);
