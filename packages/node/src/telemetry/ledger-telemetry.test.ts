// The telemetry helpers with the real ledger: export straight from `ledger.read()`, and a span per appended receipt.
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, createRouteResolver } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { type Context, type ContextManager, context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialSource } from '../credentials/credential-source.js';
import { openLedger } from '../ledger/receipt-ledger.js';
import { createRecordingFetch } from '../ledger/recording-fetch.js';
import {
  customEndpointReceipt,
  deepseekReceipt,
  KEY_CANARY,
  networkErrorReceipt,
  PROMPT_CANARY,
  receiptWithExtras,
} from './__fixtures__/sample-receipts.js';
import { exportReceipts } from './export-receipts.js';
import { createReceiptTelemetry } from './receipt-telemetry.js';

describe('telemetry with the receipts ledger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codewhale-ledger-telemetry-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exports what ledger.read() yields and counts the torn line it skipped', async () => {
    const ledger = openLedger({ dir });
    for (const receipt of [deepseekReceipt, customEndpointReceipt, networkErrorReceipt]) ledger.append(receipt);
    await appendFile(join(dir, 'receipts-2026-12-01.jsonl'), '{"v":1,"id":"torn-', 'utf8');
    const result = await exportReceipts({
      receipts: ledger.read({ since: '2026-12-01T00:00:00Z' }),
      format: 'jsonl',
      toolVersion: '1',
    });
    expect(result.provenance).toMatchObject({ receipts: 3, skippedLines: 1, outsideRange: 0, invalid: 0 });
    expect(result.text.trimEnd().split('\n')).toHaveLength(4);
  });

  it('a ledger hook emits one span per appended receipt; what append drops never reaches the span', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const telemetry = await createReceiptTelemetry({ tracer: provider.getTracer('host-app') });
    const ledger = openLedger({ dir, onAppend: telemetry.record });
    ledger.append(deepseekReceipt);
    ledger.append(receiptWithExtras());
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.attributes['codewhale.receipt.id'])).toEqual([
      deepseekReceipt.id,
      receiptWithExtras().id,
    ]);
    const text = JSON.stringify(spans.map((span) => span.attributes));
    expect(text).not.toContain(PROMPT_CANARY);
    expect(text).not.toContain(KEY_CANARY);
  });

  it("the span of a recorded request nests under the host's span for its turn, in the next turn of the event loop", async () => {
    // What an SDK's AsyncLocalStorage context manager does (@opentelemetry/context-async-hooks), in a few lines.
    const storage = new AsyncLocalStorage<Context>();
    const manager: ContextManager = {
      active: () => storage.getStore() ?? ROOT_CONTEXT,
      with: (active, fn, thisArg, ...args) => storage.run(active, () => fn.apply(thisArg, args)),
      bind: (_active, target) => target,
      enable() {
        return this;
      },
      disable() {
        storage.disable();
        return this;
      },
    };
    context.setGlobalContextManager(manager);
    try {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const tracer = provider.getTracer('host-app');
      const telemetry = await createReceiptTelemetry({ tracer });
      const ledger = openLedger({ dir, onAppend: telemetry.record });
      const result = createRouteResolver({
        registry: createRegistry({ plugins: [deepseekPlugin] }),
        credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'sk-test' } }),
      }).resolve({ provider: 'deepseek', model: 'deepseek-v4-pro' });
      if (!result.ok) throw new Error(result.error.message);
      const sse = await readFile(
        new URL('../ledger/__fixtures__/deepseek_reasoner_stream_include_usage.sse', import.meta.url),
      );
      const recordingFetch = createRecordingFetch({
        candidate: result.candidate,
        ledger,
        fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
      });
      const turns = ['turn-1', 'turn-2'].map((name) => tracer.startSpan(name));
      for (const turn of turns)
        await context.with(trace.setSpan(ROOT_CONTEXT, turn), async () => {
          const response = await recordingFetch('https://api.deepseek.com/chat/completions', { method: 'POST' });
          await response.arrayBuffer();
        });
      // Both receipts are written in the next turn of the event loop, when neither turn is active any more.
      await new Promise((resolve) => setImmediate(resolve));
      for (const turn of turns) turn.end();
      const receiptSpans = exporter.getFinishedSpans().filter((span) => span.attributes['codewhale.receipt.id']);
      expect(receiptSpans.map((span) => span.parentSpanContext?.spanId)).toEqual(
        turns.map((turn) => turn.spanContext().spanId),
      );
    } finally {
      context.disable();
    }
  });
});
