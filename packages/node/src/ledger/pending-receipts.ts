/**
 * Receipts whose answer has ended and that wait for the next turn of the event loop to be written. A recording fetch
 * hands the client the end of its answer first and does the receipt's work (reading the usage, pricing, the append)
 * right after, so recording never delays the last byte. Nothing waits longer than that turn: a ledger's `read`,
 * `summarise`, `prune` and `close`, {@link flushReceipts} and the process's `exit` write them at once. In the next turn
 * each runs in the async context of the request's end (an Immediate keeps it), as it would have run then: a span a
 * ledger's `onAppend` starts nests under the host's span for that turn. Written at once, it runs in the caller's.
 */
interface PendingReceipt {
  readonly task: () => void;
  done: boolean;
}

const queue: PendingReceipt[] = [];
let exitHooked = false;

/** Queue a receipt's work (a task that only throws what a host's `onError` threw) for the next turn of the event loop. */
export function deferReceipt(task: () => void): void {
  const pending: PendingReceipt = { task, done: false };
  queue.push(pending);
  if (!exitHooked) {
    exitHooked = true;
    // `process.exit()` right after an answer ends still writes its receipt (the append is synchronous).
    process.on('exit', flushReceipts);
  }
  // One Immediate per receipt (a few hundred ns): it runs the task in the context it was queued in, in order.
  setImmediate(runPending, pending);
}

function runPending(pending: PendingReceipt): void {
  if (pending.done) return; // written by a flush meanwhile
  pending.done = true;
  queue.splice(queue.indexOf(pending), 1); // the first, as Immediates run in order
  pending.task();
}

/**
 * Write now every receipt of a request that is over. A recording fetch writes a receipt in the turn of the event loop
 * after the client gets the end of the answer; call this to have it at once (a ledger's `read`, `summarise`, `prune`
 * and `close` do it by themselves).
 */
export function flushReceipts(): void {
  // In order of the answers' ends, each once (also when a task flushes again, e.g. a host's `onAppend` reading the
  // ledger); a task queued meanwhile runs in this flush too. A task only throws what a host's own `onError` threw:
  // the other receipts are still written, then the first such error is thrown.
  let failure: { error: unknown } | undefined;
  for (let pending = queue.shift(); pending !== undefined; pending = queue.shift()) {
    if (pending.done) continue;
    pending.done = true;
    try {
      pending.task();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}
