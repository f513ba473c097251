// One priced DeepSeek route receipt, as the recording fetch writes it, for the CLI tests that read a fixture ledger
// (receipts, lab, the lab's browser tests). Tests override what they vary.
import type { RouteReceipt } from '@codewhale/node';

let serial = 0;

/** A DeepSeek request of 1,000 input (600 cached) and 200 output tokens that cost 0.25 USD; `overrides` on top. */
export function deepseekReceipt(overrides: Partial<RouteReceipt> = {}): RouteReceipt {
  serial += 1;
  return {
    v: 1,
    id: `receipt-${String(serial).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`,
    time: '2026-12-01T10:00:00.000Z',
    route: 'deepseek:deepseek-v4-pro',
    provider: 'deepseek',
    endpoint: {
      origin: 'https://api.deepseek.com',
      fingerprint: '0123456789abcdef',
      protocol: 'chat-completions',
      official: true,
      path: '/chat/completions',
    },
    model: { wire: 'deepseek-v4-pro', canonical: 'deepseek-v4-pro', served: 'deepseek-v4-pro' },
    credential: 'env:DEEPSEEK_API_KEY',
    stream: false,
    outcome: { kind: 'ok', status: 200 },
    usage: {
      known: true,
      usage: { inputTokens: 1_000, cachedInputTokens: 600, outputTokens: 200, totalTokens: 1_200 },
      dialect: 'deepseek',
    },
    cost: {
      known: true,
      amount: 0.25,
      currency: 'USD',
      breakdown: [{ tokenClass: 'output', tokens: 200, ratePerMillion: 1_250, amount: 0.25 }],
      source: { url: 'https://api-docs.deepseek.com/quick_start/pricing', retrieved: '2026-11-30', kind: 'official' },
    },
    timing: { ttfbMs: 120, totalMs: 800 },
    bytes: { sent: 512, received: 2_048, origin: 'https://api.deepseek.com' },
    catalog: 'deepseek@0.1.0',
    ...overrides,
  };
}
