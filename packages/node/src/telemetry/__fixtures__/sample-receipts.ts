// Receipts for the telemetry tests: one per kind of outcome and endpoint, with the canaries the tests search for.
import type { RouteReceipt } from '../../ledger/route-receipt.js';

/** Planted in a tag value: must never appear in a redacted export or span. */
export const TAG_CANARY = 'CANARY-TAG-7f3a9c';
/** A fake key: never in a receipt, so never anywhere. */
export const KEY_CANARY = 'sk-CANARY-KEY-51d0e2b4c8a6';
/** A would-be prompt: never in a receipt, so never anywhere. */
export const PROMPT_CANARY = 'CANARY-PROMPT-say-the-secret-word';
/** The private host of the custom endpoint: must never appear in a redacted export or span. */
export const CUSTOM_HOST = 'gpu-7.lab.corp.example';

/** DeepSeek's official endpoint, streamed, usage and cost known, tags and a request digest. */
export const deepseekReceipt: RouteReceipt = {
  v: 1,
  id: '0b7e6a52-5f3c-4c55-9d61-6d1f0d1a2b3c',
  time: '2026-12-01T08:15:30.250Z',
  route: 'deepseek:deepseek-reasoner',
  provider: 'deepseek',
  endpoint: {
    origin: 'https://api.deepseek.com',
    fingerprint: '1f2e3d4c5b6a7980',
    protocol: 'chat-completions',
    official: true,
    path: '/chat/completions',
  },
  model: { wire: 'deepseek-reasoner', canonical: 'deepseek-v4-flash', served: 'deepseek-v4-flash' },
  credential: 'env:DEEPSEEK_API_KEY',
  reasoning: { level: 'high', params: { thinking: { type: 'enabled' } } },
  stream: true,
  outcome: { kind: 'ok', status: 200 },
  usage: {
    known: true,
    dialect: 'deepseek',
    usage: {
      inputTokens: 1200,
      cachedInputTokens: 1024,
      outputTokens: 350,
      reasoningTokens: 280,
      totalTokens: 1550,
    },
  },
  cost: {
    known: true,
    amount: 0.000712,
    currency: 'USD',
    breakdown: [
      { tokenClass: 'input', tokens: 176, ratePerMillion: 0.28, amount: 0.00004928 },
      { tokenClass: 'cachedInput', tokens: 1024, ratePerMillion: 0.028, amount: 0.000028672 },
      { tokenClass: 'output', tokens: 350, ratePerMillion: 1.82, amount: 0.000637 },
    ],
    timeTier: 'peak',
    source: { kind: 'official', url: 'https://api-docs.deepseek.com/quick_start/pricing', retrieved: '2026-11-20' },
  },
  timing: { ttfbMs: 412.5, totalMs: 2875.125 },
  bytes: { sent: 2048, received: 18_432, origin: 'https://api.deepseek.com' },
  catalog: '2026-11-28.1',
  tags: { session: `sess-${TAG_CANARY}`, turn: '7', purpose: 'main' },
  requestSha256: 'a'.repeat(64),
};

/** A vLLM server on a private host (custom endpoint): HTTP 401, usage and cost unknown, the host inside a reason. */
export const customEndpointReceipt: RouteReceipt = {
  v: 1,
  id: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  time: '2026-12-01T09:00:00.000Z',
  route: 'vllm:acme/coder-34b',
  provider: 'vllm',
  endpoint: {
    origin: `http://${CUSTOM_HOST}:8000`,
    fingerprint: '0123456789abcdef',
    protocol: 'chat-completions',
    official: false,
    path: '/v1/chat/completions',
  },
  model: { wire: 'acme/coder-34b' },
  credential: 'config',
  stream: false,
  outcome: { kind: 'http-error', status: 401 },
  usage: { known: false, reason: 'the answer carried no usage block (HTTP 401)' },
  cost: { known: false, reason: `custom endpoint http://${CUSTOM_HOST}:8000 has no price` },
  timing: { ttfbMs: 35, totalMs: 36 },
  bytes: { sent: 900, received: 120, origin: `http://${CUSTOM_HOST}:8000` },
  catalog: '2026-11-28.1',
  tags: { session: `sess-${TAG_CANARY}` },
  requestSha256: 'b'.repeat(64),
};

/** Ollama on IPv6 loopback: a network error, no timing total, only output tokens known. */
export const networkErrorReceipt: RouteReceipt = {
  v: 1,
  id: 'c0ffee00-1111-4222-8333-444455556666',
  time: '2026-12-01T10:30:00.000Z',
  route: 'ollama:qwen3:8b',
  provider: 'ollama',
  endpoint: {
    origin: 'http://[::1]:11434',
    fingerprint: 'fedcba9876543210',
    protocol: 'chat-completions',
    official: true,
    path: '/v1/chat/completions',
  },
  model: { wire: 'qwen3:8b', canonical: 'qwen3-8b' },
  credential: 'not-required',
  stream: true,
  outcome: { kind: 'network-error', code: 'ECONNRESET' },
  usage: { known: true, dialect: 'openai-chat', usage: { outputTokens: 12 } },
  cost: { known: false, reason: 'local route: resources, not money' },
  timing: {},
  bytes: { sent: 640, received: 0, origin: 'http://[::1]:11434' },
  catalog: '2026-11-02.3',
};

/** A receipt object carrying what a receipt must never hold (a prompt, a key, a body): as a careless host might pass. */
export function receiptWithExtras(): RouteReceipt {
  return {
    ...deepseekReceipt,
    id: 'd00dfeed-2222-4333-8444-555566667777',
    prompt: PROMPT_CANARY,
    messages: [{ role: 'user', content: PROMPT_CANARY }],
    apiKey: KEY_CANARY,
    headers: { authorization: `Bearer ${KEY_CANARY}` },
  } as RouteReceipt;
}
