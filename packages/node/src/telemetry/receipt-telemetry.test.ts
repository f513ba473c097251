import { readdir, readFile } from 'node:fs/promises';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CUSTOM_HOST,
  customEndpointReceipt,
  deepseekReceipt,
  KEY_CANARY,
  networkErrorReceipt,
  PROMPT_CANARY,
  receiptWithExtras,
  TAG_CANARY,
} from './__fixtures__/sample-receipts.js';
import { loadOpenTelemetryApi } from './load-opentelemetry-api.js';
import { nanosToHrTime, receiptToSpan } from './receipt-span.js';
import { createReceiptTelemetry, recordReceiptSpan, recordReceiptSpans } from './receipt-telemetry.js';
import { ReceiptTelemetryError } from './receipt-telemetry-error.js';
import { redactReceipt } from './redact-receipt.js';

const ALL = [deepseekReceipt, customEndpointReceipt, networkErrorReceipt];

function inMemory() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer('host-app') };
}

afterEach(() => {
  trace.disable();
});

describe('recordReceiptSpan with the real OpenTelemetry SDK (in-memory exporter)', () => {
  it('emits one CLIENT span per receipt with the mapped attributes, times and status', async () => {
    const { exporter, tracer } = inMemory();
    const telemetry = await createReceiptTelemetry({ tracer });
    expect(await telemetry.recordAll(ALL)).toBe(3);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    for (const [index, receipt] of ALL.entries()) {
      const span = spans[index];
      const expected = receiptToSpan(receipt);
      expect(span?.name).toBe(expected.name);
      expect(span?.kind).toBe(SpanKind.CLIENT);
      expect(span?.attributes).toEqual(expected.attributes);
      expect(span?.startTime).toEqual(nanosToHrTime(expected.startTimeUnixNano));
      expect(span?.endTime).toEqual(nanosToHrTime(expected.endTimeUnixNano));
      expect(span?.status).toEqual(
        expected.status.code === 'error'
          ? { code: SpanStatusCode.ERROR, message: expected.status.message }
          : { code: SpanStatusCode.UNSET },
      );
    }
    expect(spans[0]?.duration).toEqual([2, 875_125_000]);
  });

  it('redact: the span carries the redacted receipt; extra fields on the object never reach it', async () => {
    const { exporter, tracer } = inMemory();
    recordReceiptSpan(customEndpointReceipt, tracer, { redact: true });
    expect(await recordReceiptSpans([receiptWithExtras()], { tracer, redact: true })).toBe(1);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]?.attributes).toEqual(receiptToSpan(redactReceipt(customEndpointReceipt)).attributes);
    const text = JSON.stringify(
      spans.map((span) => ({ name: span.name, attributes: span.attributes, status: span.status })),
    );
    for (const canary of [TAG_CANARY, CUSTOM_HOST, PROMPT_CANARY, KEY_CANARY]) expect(text).not.toContain(canary);
  });

  it('without a tracer, imports @opentelemetry/api and uses the global provider, scope @codewhale/node', async () => {
    const { exporter, provider } = inMemory();
    trace.setGlobalTracerProvider(provider);
    const telemetry = await createReceiptTelemetry();
    telemetry.record(deepseekReceipt);
    const [span] = exporter.getFinishedSpans();
    expect(span?.instrumentationScope.name).toBe('@codewhale/node');
    expect(span?.attributes['gen_ai.request.model']).toBe('deepseek-reasoner');
  });
});

describe('@opentelemetry/api is optional', () => {
  it('a missing package is a typed error naming it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@opentelemetry/api' imported from /x.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const attempt = createReceiptTelemetry({ importApi: () => Promise.reject(missing) });
    await expect(attempt).rejects.toSatisfy(
      (error) =>
        ReceiptTelemetryError.isInstance(error) &&
        error.code === 'RECEIPT_TELEMETRY_OTEL_API_MISSING' &&
        error.message.includes('@opentelemetry/api') &&
        (error as Error).cause === missing,
    );
    await expect(loadOpenTelemetryApi(() => Promise.resolve({}))).rejects.toSatisfy(
      (error) => ReceiptTelemetryError.isInstance(error) && error.code === 'RECEIPT_TELEMETRY_OTEL_API_MISSING',
    );
  });

  it('no file of @codewhale/node imports it statically (only the dynamic import in load-opentelemetry-api.ts)', async () => {
    const root = new URL('../', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('__fixtures__'),
    );
    const importers: string[] = [];
    for (const file of files) {
      const text = await readFile(new URL(file, root), 'utf8');
      if (/from\s+['"]@opentelemetry\//.test(text.replace(/import type[^;]*;/g, ''))) importers.push(file);
      if (/import\(\s*['"]@opentelemetry\//.test(text)) importers.push(`${file} (dynamic)`);
    }
    expect(importers).toEqual(['telemetry/load-opentelemetry-api.ts (dynamic)']);
  });
});
