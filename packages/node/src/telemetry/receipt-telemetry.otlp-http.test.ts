// The live path end to end: the real OpenTelemetry SDK with its OTLP/HTTP exporter, posting to a loopback collector.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteReceipt } from '../ledger/route-receipt.js';
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
import { exportReceipts } from './export-receipts.js';
import { createReceiptTelemetry } from './receipt-telemetry.js';

const ALL = [deepseekReceipt, customEndpointReceipt, networkErrorReceipt];

interface Captured {
  readonly path: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('the OTLP HTTP exporter against a loopback collector', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function collector(): Promise<{ url: string; requests: Captured[] }> {
    const requests: Captured[] = [];
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/v1/traces`, requests };
  }

  /** Attribute values of an OTLP/JSON attribute list as plain values (ints may be numbers or strings on the wire). */
  function plain(attributes: { key: string; value: Record<string, unknown> }[]): Record<string, unknown> {
    return Object.fromEntries(
      attributes.map(({ key, value }) => {
        const [kind, raw] = Object.entries(value)[0] ?? [];
        return [key, kind === 'intValue' ? Number(raw) : raw];
      }),
    );
  }

  interface WireSpan {
    name: string;
    kind: number;
    startTimeUnixNano: unknown;
    endTimeUnixNano: unknown;
    attributes: { key: string; value: Record<string, unknown> }[];
    status?: { code?: number; message?: string };
  }

  function wireSpans(body: string): WireSpan[] {
    const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: WireSpan[] }[] }[] };
    return request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
  }

  it('sends the spans as OTLP/JSON that matches the export file, and no canary leaves the machine', async () => {
    const { url, requests } = await collector();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url, timeoutMillis: 60_000 }))],
    });
    const telemetry = await createReceiptTelemetry({ tracer: provider.getTracer('host-app'), redact: true });
    const receipts: RouteReceipt[] = [...ALL, receiptWithExtras()];
    await telemetry.recordAll(receipts);
    await provider.forceFlush();
    await provider.shutdown();

    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.path).toBe('/v1/traces');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      for (const canary of [TAG_CANARY, CUSTOM_HOST, PROMPT_CANARY, KEY_CANARY, 'a'.repeat(64)])
        expect(request.body).not.toContain(canary);
    }
    const sent = requests.flatMap((request) => wireSpans(request.body));
    expect(sent).toHaveLength(receipts.length);

    // The live spans and the export file say the same thing about each receipt (ids differ: the SDK makes its own).
    const file = await exportReceipts({ receipts, format: 'otlp-json', toolVersion: '1', redact: true });
    const exported = file.text
      .trimEnd()
      .split('\n')
      .flatMap((line) => wireSpans(line));
    for (const [index, span] of sent.entries()) {
      const twin = exported[index];
      expect(span.name).toBe(twin?.name);
      expect(span.kind).toBe(twin?.kind);
      expect(String(span.startTimeUnixNano)).toBe(twin?.startTimeUnixNano);
      expect(String(span.endTimeUnixNano)).toBe(twin?.endTimeUnixNano);
      expect(plain(span.attributes)).toEqual(plain(twin?.attributes ?? []));
      expect(span.status?.code ?? 0).toBe(twin?.status?.code ?? 0);
    }
    expect(plain(sent[1]?.attributes ?? [])).toMatchObject({
      'error.type': '401',
      'codewhale.endpoint.origin': '[redacted]',
      'codewhale.tag.session': '[redacted]',
    });
  });
});
