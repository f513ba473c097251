import { describe, expect, it } from 'vitest';
import { checkRouteReceipt, type RouteReceipt } from '../ledger/route-receipt.js';
import {
  customEndpointReceipt,
  deepseekReceipt,
  KEY_CANARY,
  networkErrorReceipt,
  PROMPT_CANARY,
  receiptWithExtras,
} from './__fixtures__/sample-receipts.js';
import { nanosToHrTime, receiptToSpan } from './receipt-span.js';
import { receiptSpanIds } from './receipt-span-ids.js';

/** Attribute keys the GenAI conventions use for message content: never set from a receipt. */
const CONTENT_KEY =
  /^gen_ai\.(input|output|system_instructions|prompt|completion|tool\.(definitions|call\.(arguments|result)))/;

describe('receiptToSpan', () => {
  it('the fixtures are valid receipts', () => {
    for (const receipt of [deepseekReceipt, customEndpointReceipt, networkErrorReceipt])
      expect(checkRouteReceipt(receipt)).toMatchObject({ ok: true });
  });

  it('maps an official streamed request to a GenAI client span with codewhale.* route and cost facts', () => {
    const span = receiptToSpan(deepseekReceipt);
    expect(span.name).toBe('chat deepseek-reasoner');
    expect(span.kind).toBe('client');
    expect(span.status).toEqual({ code: 'unset' });
    expect(span.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'deepseek',
      'gen_ai.request.model': 'deepseek-reasoner',
      'gen_ai.response.model': 'deepseek-v4-flash',
      'server.address': 'api.deepseek.com',
      'server.port': 443,
      'gen_ai.conversation.id': deepseekReceipt.tags?.session,
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 350,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'gen_ai.usage.reasoning.output_tokens': 280,
      'codewhale.usage.total_tokens': 1550,
      'codewhale.usage.dialect': 'deepseek',
      'codewhale.outcome': 'ok',
      'http.response.status_code': 200,
      'codewhale.receipt.id': deepseekReceipt.id,
      'codewhale.route': 'deepseek:deepseek-reasoner',
      'codewhale.model.canonical': 'deepseek-v4-flash',
      'codewhale.endpoint.official': true,
      'codewhale.endpoint.protocol': 'chat-completions',
      'codewhale.endpoint.fingerprint': '1f2e3d4c5b6a7980',
      'codewhale.endpoint.origin': 'https://api.deepseek.com',
      'codewhale.endpoint.path': '/chat/completions',
      'codewhale.credential.class': 'env:DEEPSEEK_API_KEY',
      'codewhale.stream': true,
      'codewhale.reasoning.level': 'high',
      'codewhale.reasoning.params': '{"thinking":{"type":"enabled"}}',
      'codewhale.cost.amount': 0.000712,
      'codewhale.cost.currency': 'USD',
      'codewhale.cost.time_tier': 'peak',
      'codewhale.timing.ttfb_ms': 412.5,
      'codewhale.timing.total_ms': 2875.125,
      'codewhale.bytes.sent': 2048,
      'codewhale.bytes.received': 18_432,
      'codewhale.bytes.origin': 'https://api.deepseek.com',
      'codewhale.catalog': '2026-11-28.1',
      'codewhale.request.sha256': 'a'.repeat(64),
      'codewhale.tag.session': deepseekReceipt.tags?.session,
      'codewhale.tag.turn': '7',
      'codewhale.tag.purpose': 'main',
    });
  });

  it('starts at the receipt time and lasts timing.totalMs, in exact nanoseconds', () => {
    const span = receiptToSpan(deepseekReceipt);
    const start = BigInt(Date.parse('2026-12-01T08:15:30.250Z')) * 1_000_000n;
    expect(span.startTimeUnixNano).toBe(start.toString());
    expect(BigInt(span.endTimeUnixNano) - start).toBe(2_875_125_000n);
    expect(nanosToHrTime(span.startTimeUnixNano)).toEqual([
      Math.floor(Date.parse(deepseekReceipt.time) / 1000),
      250_000_000,
    ]);
  });

  it('an HTTP error sets error.type to the status and the status to error; unknown usage and cost say why', () => {
    const span = receiptToSpan(customEndpointReceipt);
    expect(span.status).toEqual({ code: 'error', message: 'HTTP 401' });
    expect(span.attributes).toMatchObject({
      'error.type': '401',
      'http.response.status_code': 401,
      'codewhale.outcome': 'http-error',
      'server.address': 'gpu-7.lab.corp.example',
      'server.port': 8000,
      'codewhale.endpoint.official': false,
      'codewhale.usage.unknown_reason': 'the answer carried no usage block (HTTP 401)',
      'codewhale.cost.unknown_reason': 'custom endpoint http://gpu-7.lab.corp.example:8000 has no price',
    });
    // Unknown stays unknown: no zero token counts, no zero price.
    expect(Object.keys(span.attributes).filter((key) => key.startsWith('gen_ai.usage.'))).toEqual([]);
    expect(span.attributes).not.toHaveProperty('codewhale.cost.amount');
    expect(span.attributes).not.toHaveProperty('gen_ai.response.model');
  });

  it('a network error sets error.type to its code; absent counts stay absent; no total means a zero-length span', () => {
    const span = receiptToSpan(networkErrorReceipt);
    expect(span.status).toEqual({ code: 'error', message: 'network error ECONNRESET' });
    expect(span.attributes['error.type']).toBe('ECONNRESET');
    expect(span.attributes).not.toHaveProperty('http.response.status_code');
    expect(span.attributes['server.address']).toBe('::1');
    expect(span.attributes['server.port']).toBe(11434);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(12);
    for (const key of [
      'gen_ai.usage.input_tokens',
      'gen_ai.usage.cache_read.input_tokens',
      'gen_ai.usage.cache_creation.input_tokens',
      'gen_ai.usage.reasoning.output_tokens',
      'codewhale.usage.total_tokens',
      'codewhale.timing.ttfb_ms',
      'codewhale.timing.total_ms',
      'gen_ai.conversation.id',
    ])
      expect(span.attributes, key).not.toHaveProperty(key);
    expect(span.endTimeUnixNano).toBe(span.startTimeUnixNano);
  });

  it('an aborted request is an error of type aborted; Anthropic cache writes map to cache_creation', () => {
    const receipt: RouteReceipt = {
      ...deepseekReceipt,
      endpoint: { ...deepseekReceipt.endpoint, protocol: 'anthropic-messages', path: '/anthropic/v1/messages' },
      outcome: { kind: 'aborted' },
      usage: { known: true, dialect: 'anthropic-messages', usage: { inputTokens: 5120, cacheWriteTokens: 500 } },
    };
    const span = receiptToSpan(receipt);
    expect(span.status).toEqual({ code: 'error', message: 'aborted' });
    expect(span.attributes['error.type']).toBe('aborted');
    expect(span.attributes['gen_ai.operation.name']).toBe('chat');
    expect(span.attributes['gen_ai.usage.cache_creation.input_tokens']).toBe(500);
    expect(receiptToSpan({ ...receipt, endpoint: { ...receipt.endpoint, protocol: 'responses' } }).name).toBe(
      'chat deepseek-reasoner',
    );
    expect(receiptToSpan({ ...receipt, endpoint: { ...receipt.endpoint, protocol: 'completions' } }).name).toBe(
      'text_completion deepseek-reasoner',
    );
  });

  it('never sets a message content attribute, nor anything a receipt object carries beyond its fields', () => {
    for (const receipt of [deepseekReceipt, customEndpointReceipt, networkErrorReceipt, receiptWithExtras()]) {
      const span = receiptToSpan(receipt);
      expect(Object.keys(span.attributes).filter((key) => CONTENT_KEY.test(key))).toEqual([]);
      const text = JSON.stringify(span);
      expect(text).not.toContain(PROMPT_CANARY);
      expect(text).not.toContain(KEY_CANARY);
    }
  });

  it('derives trace and span ids from the receipt id: hex of 32 and 16, stable, distinct per receipt', () => {
    const ids = receiptSpanIds(deepseekReceipt.id);
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(receiptSpanIds(deepseekReceipt.id)).toEqual(ids);
    expect(receiptToSpan(deepseekReceipt)).toMatchObject(ids);
    const other = receiptSpanIds(customEndpointReceipt.id);
    expect(other.traceId).not.toBe(ids.traceId);
    expect(other.spanId).not.toBe(ids.spanId);
  });
});
