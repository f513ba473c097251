import { randomUUID } from 'node:crypto';
import type { RouteReceipt } from '../route-receipt.js';

type Overrides = { -readonly [K in keyof RouteReceipt]?: RouteReceipt[K] };

/** A complete, valid receipt for tests (a DeepSeek chat request priced from the catalog meter), with overrides. */
export function receiptFixture(overrides: Overrides = {}): RouteReceipt {
  return {
    v: 1,
    id: randomUUID(),
    time: '2026-12-01T10:00:00.000Z',
    route: 'deepseek:deepseek-v4-pro',
    provider: 'deepseek',
    endpoint: {
      origin: 'https://api.deepseek.com',
      fingerprint: '0123456789abcdef',
      protocol: 'openai-chat',
      official: true,
      path: '/chat/completions',
    },
    model: { wire: 'deepseek-v4-pro', canonical: 'deepseek-v4-pro', served: 'deepseek-v4-pro' },
    credential: 'env:DEEPSEEK_API_KEY',
    reasoning: { level: 'high', params: { reasoning_effort: 'high' } },
    stream: false,
    outcome: { kind: 'ok', status: 200 },
    usage: { known: true, usage: { inputTokens: 100, cachedInputTokens: 60, outputTokens: 20, totalTokens: 120 }, dialect: 'deepseek' },
    cost: {
      known: true,
      amount: 0.0001,
      currency: 'USD',
      breakdown: [{ tokenClass: 'output', tokens: 20, ratePerMillion: 5, amount: 0.0001 }],
      source: { url: 'https://api-docs.deepseek.com/quick_start/pricing', retrieved: '2026-11-30', kind: 'official' },
    },
    timing: { ttfbMs: 120, totalMs: 800 },
    bytes: { sent: 512, received: 2048, origin: 'https://api.deepseek.com' },
    catalog: 'deepseek@0.1.0',
    tags: { session: 's1' },
    ...overrides,
  };
}
