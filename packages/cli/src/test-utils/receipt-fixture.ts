// One priced DeepSeek route receipt, as the recording fetch writes it, for the CLI tests that read a fixture ledger
// (receipts, lab, the lab's browser tests). Tests override what they vary.
import type { Ledger, RouteReceipt } from '@codewhale/node';

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

/**
 * Append the three receipts the receipts and lab tests read: two DeepSeek requests on 2026-12-01 (the second answered
 * 429) and a vLLM request on 2026-12-02 whose cost is unknown (a local runtime). Each carries `tags`.
 */
export function appendThreeReceipts(ledger: Ledger, tags: Readonly<Record<string, string>>): void {
  ledger.append(deepseekReceipt({ time: '2026-12-01T10:00:00.000Z', tags }));
  ledger.append(
    deepseekReceipt({ time: '2026-12-01T11:00:00.000Z', outcome: { kind: 'http-error', status: 429 }, tags }),
  );
  ledger.append(
    deepseekReceipt({
      time: '2026-12-02T09:00:00.000Z',
      route: 'vllm:Qwen/Qwen3-Coder-Next',
      provider: 'vllm',
      endpoint: {
        origin: 'http://127.0.0.1:8000',
        fingerprint: 'fedcba9876543210',
        protocol: 'chat-completions',
        official: false,
        path: '/v1/chat/completions',
      },
      model: { wire: 'Qwen/Qwen3-Coder-Next' },
      credential: 'not-required',
      cost: { known: false, reason: 'a local runtime: the cost is your own hardware' },
      bytes: { sent: 300, received: 900, origin: 'http://127.0.0.1:8000' },
      tags,
    }),
  );
}
