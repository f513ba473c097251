import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { exportReceipts, RECEIPT_NEVER_RECORDED, writeReceiptExport } from './export-receipts.js';
import { RECEIPT_REDACTIONS } from './redact-receipt.js';
import { receiptSpanIds } from './receipt-span-ids.js';
import { ReceiptTelemetryError } from './receipt-telemetry-error.js';

const NOW = () => new Date('2026-12-02T09:00:00.000Z');
const ALL = [deepseekReceipt, customEndpointReceipt, networkErrorReceipt];

async function* asyncReceipts(receipts: readonly RouteReceipt[]): AsyncIterable<RouteReceipt> {
  for (const receipt of receipts) yield receipt;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
interface OtlpSpanJson {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code?: number; message?: string };
}
interface OtlpRequestJson {
  resourceSpans: {
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpanJson[] }[];
  }[];
}

function parseOtlp(text: string): OtlpRequestJson[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as OtlpRequestJson);
}

function attributeMap(attributes: readonly OtlpKeyValue[]): Record<string, OtlpValue> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, value]));
}

describe('exportReceipts: jsonl', () => {
  it('writes a provenance header line, then one receipt per line', async () => {
    const result = await exportReceipts({
      receipts: ALL,
      format: 'jsonl',
      tool: 'codewhale-route',
      toolVersion: '1.2.3',
      now: NOW,
      skippedLines: 2,
    });
    const lines = result.text.trimEnd().split('\n');
    expect(result.text.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(4);
    const header = JSON.parse(lines[0] ?? '');
    expect(header).toEqual({
      kind: 'codewhale.receipts.export',
      v: 1,
      format: 'jsonl',
      tool: 'codewhale-route',
      toolVersion: '1.2.3',
      exportedAt: '2026-12-02T09:00:00.000Z',
      first: '2026-12-01T08:15:30.250Z',
      last: '2026-12-01T10:30:00.000Z',
      receipts: 3,
      catalogs: ['2026-11-02.3', '2026-11-28.1'],
      redacted: false,
      redactions: [],
      neverRecorded: [...RECEIPT_NEVER_RECORDED],
      outsideRange: 0,
      invalid: 0,
      skippedLines: 2,
    });
    expect(result.provenance).toEqual(header);
    expect(lines.slice(1).map((line) => JSON.parse(line))).toEqual(ALL);
  });

  it('keeps only receipts in [since, until), from an async iterable, and says how many it left out', async () => {
    const result = await exportReceipts({
      receipts: asyncReceipts(ALL),
      format: 'jsonl',
      toolVersion: '1.2.3',
      since: new Date('2026-12-01T09:00:00.000Z'),
      until: new Date('2026-12-01T10:30:00.000Z'),
      now: NOW,
    });
    expect(result.provenance).toMatchObject({
      tool: '@codewhale/node',
      since: '2026-12-01T09:00:00.000Z',
      until: '2026-12-01T10:30:00.000Z',
      first: '2026-12-01T09:00:00.000Z',
      last: '2026-12-01T09:00:00.000Z',
      receipts: 1,
      outsideRange: 2,
      catalogs: ['2026-11-28.1'],
    });
    expect(result.text.trimEnd().split('\n').slice(1)).toEqual([JSON.stringify(customEndpointReceipt)]);
  });

  it('--redact: tag values, digests and the custom endpoint are gone, and the header says exactly what', async () => {
    const result = await exportReceipts({ receipts: ALL, format: 'jsonl', toolVersion: '1', redact: true, now: NOW });
    expect(result.provenance.redacted).toBe(true);
    expect(result.provenance.redactions).toEqual([...RECEIPT_REDACTIONS]);
    expect(result.text).not.toContain(TAG_CANARY);
    expect(result.text).not.toContain(CUSTOM_HOST);
    expect(result.text).not.toContain('"requestSha256":');
    expect(result.text).not.toContain('a'.repeat(64));
    expect(result.text).not.toContain('b'.repeat(64));
    expect(result.text).toContain('"origin":"https://api.deepseek.com"');
    expect(result.text).toContain('"tags":{"session":"[redacted]","turn":"[redacted]","purpose":"[redacted]"}');
  });

  it('only receipt fields go out: a prompt or key riding on the object is dropped; an invalid receipt is counted', async () => {
    const result = await exportReceipts({
      receipts: [receiptWithExtras(), { ...deepseekReceipt, id: 'bad id!' } as RouteReceipt],
      format: 'jsonl',
      toolVersion: '1',
      now: NOW,
    });
    expect(result.text).not.toContain(PROMPT_CANARY);
    expect(result.text).not.toContain(KEY_CANARY);
    expect(result.provenance).toMatchObject({ receipts: 1, invalid: 1 });
  });
});

describe('exportReceipts: otlp-json', () => {
  it('is an OTLP/JSON ExportTraceServiceRequest: hex ids, nano strings, int64 as strings, enums as integers', async () => {
    const result = await exportReceipts({ receipts: ALL, format: 'otlp-json', toolVersion: '1.2.3', now: NOW });
    const requests = parseOtlp(result.text);
    expect(requests).toHaveLength(1);
    const resourceSpans = requests[0]?.resourceSpans ?? [];
    expect(resourceSpans).toHaveLength(1);
    const scopeSpans = resourceSpans[0]?.scopeSpans ?? [];
    expect(scopeSpans[0]?.scope.name).toBe('@codewhale/node');
    const spans = scopeSpans[0]?.spans ?? [];
    expect(spans.map((span) => span.name)).toEqual(['chat deepseek-reasoner', 'chat acme/coder-34b', 'chat qwen3:8b']);

    const [ok, httpError, networkError] = spans;
    expect(ok).toMatchObject({
      ...receiptSpanIds(deepseekReceipt.id),
      kind: 3,
      startTimeUnixNano: '1796112930250000000',
      endTimeUnixNano: '1796112933125125000',
      status: {},
    });
    expect(ok?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ok?.spanId).toMatch(/^[0-9a-f]{16}$/);
    const attributes = attributeMap(ok?.attributes ?? []);
    expect(attributes['gen_ai.operation.name']).toEqual({ stringValue: 'chat' });
    expect(attributes['gen_ai.usage.input_tokens']).toEqual({ intValue: '1200' });
    expect(attributes['gen_ai.usage.cache_read.input_tokens']).toEqual({ intValue: '1024' });
    expect(attributes['server.port']).toEqual({ intValue: '443' });
    expect(attributes['codewhale.cost.amount']).toEqual({ doubleValue: 0.000712 });
    expect(attributes['codewhale.timing.total_ms']).toEqual({ doubleValue: 2875.125 });
    expect(attributes['codewhale.endpoint.official']).toEqual({ boolValue: true });
    expect(httpError?.status).toEqual({ code: 2, message: 'HTTP 401' });
    expect(attributeMap(httpError?.attributes ?? [])['error.type']).toEqual({ stringValue: '401' });
    expect(networkError?.status).toEqual({ code: 2, message: 'network error ECONNRESET' });

    // Every value is exactly one of the typed fields the encoding allows.
    for (const span of spans)
      for (const { value } of span.attributes) {
        expect(Object.keys(value)).toHaveLength(1);
        if (value.intValue !== undefined) expect(value.intValue).toMatch(/^-?\d+$/);
      }
  });

  it('carries the provenance as codewhale.export.* resource attributes', async () => {
    const result = await exportReceipts({
      receipts: ALL,
      format: 'otlp-json',
      tool: 'codewhale-route',
      toolVersion: '1.2.3',
      since: new Date('2026-12-01T00:00:00.000Z'),
      redact: true,
      now: NOW,
    });
    const resource = attributeMap(parseOtlp(result.text)[0]?.resourceSpans[0]?.resource.attributes ?? []);
    expect(resource).toMatchObject({
      'service.name': { stringValue: 'codewhale-route' },
      'service.version': { stringValue: '1.2.3' },
      'codewhale.export.kind': { stringValue: 'codewhale.receipts.export' },
      'codewhale.export.tool': { stringValue: 'codewhale-route' },
      'codewhale.export.tool_version': { stringValue: '1.2.3' },
      'codewhale.export.exported_at': { stringValue: '2026-12-02T09:00:00.000Z' },
      'codewhale.export.since': { stringValue: '2026-12-01T00:00:00.000Z' },
      'codewhale.export.first': { stringValue: '2026-12-01T08:15:30.250Z' },
      'codewhale.export.last': { stringValue: '2026-12-01T10:30:00.000Z' },
      'codewhale.export.receipts': { intValue: '3' },
      'codewhale.export.catalogs': {
        arrayValue: { values: [{ stringValue: '2026-11-02.3' }, { stringValue: '2026-11-28.1' }] },
      },
      'codewhale.export.redacted': { boolValue: true },
      'codewhale.export.redactions': {
        arrayValue: { values: RECEIPT_REDACTIONS.map((text) => ({ stringValue: text })) },
      },
      'codewhale.export.never_recorded': {
        arrayValue: { values: RECEIPT_NEVER_RECORDED.map((text) => ({ stringValue: text })) },
      },
      'codewhale.export.outside_range': { intValue: '0' },
      'codewhale.export.skipped_lines': { intValue: '0' },
    });
    expect(resource).not.toHaveProperty('codewhale.export.until');
  });

  it('--redact: no tag value, digest or custom host in any span', async () => {
    const result = await exportReceipts({
      receipts: [...ALL, receiptWithExtras()],
      format: 'otlp-json',
      toolVersion: '1',
      redact: true,
      now: NOW,
    });
    for (const canary of [TAG_CANARY, CUSTOM_HOST, 'a'.repeat(64), PROMPT_CANARY, KEY_CANARY])
      expect(result.text).not.toContain(canary);
    const spans = parseOtlp(result.text)[0]?.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    const custom = attributeMap(spans[1]?.attributes ?? []);
    expect(custom).not.toHaveProperty('server.address');
    expect(custom).not.toHaveProperty('gen_ai.conversation.id');
    expect(custom['codewhale.endpoint.origin']).toEqual({ stringValue: '[redacted]' });
    expect(custom['codewhale.tag.session']).toEqual({ stringValue: '[redacted]' });
    expect(attributeMap(spans[0]?.attributes ?? [])['server.address']).toEqual({ stringValue: 'api.deepseek.com' });
  });

  it('a re-export gives the same text (ids derive from receipt ids), and lines split at spansPerLine', async () => {
    const first = await exportReceipts({ receipts: ALL, format: 'otlp-json', toolVersion: '1', now: NOW });
    const second = await exportReceipts({
      receipts: asyncReceipts(ALL),
      format: 'otlp-json',
      toolVersion: '1',
      now: NOW,
    });
    expect(second.text).toBe(first.text);
    const split = await exportReceipts({
      receipts: ALL,
      format: 'otlp-json',
      toolVersion: '1',
      now: NOW,
      spansPerLine: 2,
    });
    const requests = parseOtlp(split.text);
    expect(requests.map((request) => request.resourceSpans[0]?.scopeSpans[0]?.spans.length)).toEqual([2, 1]);
    const splitIds = requests.flatMap((request) =>
      request.resourceSpans[0]?.scopeSpans[0]?.spans.map((span) => span.spanId),
    );
    expect(splitIds).toEqual(ALL.map((receipt) => receiptSpanIds(receipt.id).spanId));
  });

  it('no receipts: one request with no spans, still with its provenance', async () => {
    const result = await exportReceipts({ receipts: [], format: 'otlp-json', toolVersion: '1', now: NOW });
    const requests = parseOtlp(result.text);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.resourceSpans[0]?.scopeSpans[0]?.spans).toEqual([]);
    expect(attributeMap(requests[0]?.resourceSpans[0]?.resource.attributes ?? [])['codewhale.export.receipts']).toEqual(
      {
        intValue: '0',
      },
    );
  });
});

describe('exportReceipts: refusals', () => {
  it('an unknown format or an invalid date is a typed error', async () => {
    await expect(exportReceipts({ receipts: [], format: 'csv' as 'jsonl', toolVersion: '1' })).rejects.toSatisfy(
      (error) => ReceiptTelemetryError.isInstance(error) && error.code === 'RECEIPT_EXPORT_FORMAT_INVALID',
    );
    await expect(
      exportReceipts({ receipts: [], format: 'jsonl', toolVersion: '1', since: new Date('not a date') }),
    ).rejects.toSatisfy(
      (error) => ReceiptTelemetryError.isInstance(error) && error.code === 'RECEIPT_EXPORT_RANGE_INVALID',
    );
  });
});

describe('writeReceiptExport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codewhale-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file 0600, replacing an older one, with no temp file left', async () => {
    const path = join(dir, 'receipts.otlp.json');
    await writeFile(path, 'old', { mode: 0o644 });
    const { text } = await exportReceipts({ receipts: ALL, format: 'otlp-json', toolVersion: '1', now: NOW });
    await writeReceiptExport(path, text);
    expect(await readFile(path, 'utf8')).toBe(text);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['receipts.otlp.json']);
  });

  it('a missing directory is a typed error and nothing is written', async () => {
    const path = join(dir, 'missing', 'receipts.jsonl');
    await expect(writeReceiptExport(path, 'x\n')).rejects.toSatisfy(
      (error) =>
        ReceiptTelemetryError.isInstance(error) &&
        error.code === 'RECEIPT_EXPORT_WRITE_FAILED' &&
        error.message.includes('ENOENT'),
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
