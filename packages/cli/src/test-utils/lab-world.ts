// A small world for the lab's browser tests: a receipts ledger over four UTC days (two priced providers in USD and a
// local runtime whose cost is unknown, some errors, a session tag) and a loopback Hugging Face Hub serving the recorded
// model-info fixtures.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openLedger, type RouteReceipt } from '@codewhale/node';
import { deepseekReceipt } from './receipt-fixture.js';

/** The session tag every fixture receipt carries. */
export const LAB_SESSION = 'lab-browser';

const TOGETHER_ENDPOINT: RouteReceipt['endpoint'] = {
  origin: 'https://api.together.xyz',
  fingerprint: '89abcdef01234567',
  protocol: 'chat-completions',
  official: true,
  path: '/v1/chat/completions',
};
const VLLM_ENDPOINT: RouteReceipt['endpoint'] = {
  origin: 'http://127.0.0.1:8000',
  fingerprint: 'fedcba9876543210',
  protocol: 'chat-completions',
  official: false,
  path: '/v1/chat/completions',
};

/** One receipt at `time`: a priced DeepSeek request costing `amount` USD by default, `overrides` on top. */
function receipt(time: string, overrides: Partial<RouteReceipt> = {}, amount = 0.25): RouteReceipt {
  return deepseekReceipt({
    time,
    cost: {
      known: true,
      amount,
      currency: 'USD',
      breakdown: [{ tokenClass: 'output', tokens: 200, ratePerMillion: amount * 5_000, amount }],
      source: { url: 'https://api-docs.deepseek.com/quick_start/pricing', retrieved: '2026-11-30', kind: 'official' },
    },
    tags: { session: LAB_SESSION },
    ...overrides,
  });
}

function together(time: string, amount: number, overrides: Partial<RouteReceipt> = {}): RouteReceipt {
  return receipt(
    time,
    {
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
      provider: 'together',
      endpoint: TOGETHER_ENDPOINT,
      model: { wire: 'deepseek-ai/DeepSeek-V4-Pro', canonical: 'deepseek-v4-pro' },
      credential: 'env:TOGETHER_API_KEY',
      bytes: { sent: 640, received: 3_100, origin: TOGETHER_ENDPOINT.origin },
      catalog: 'together@0.1.0',
      ...overrides,
    },
    amount,
  );
}

function vllm(time: string): RouteReceipt {
  return receipt(time, {
    route: 'vllm:Qwen/Qwen3-Coder-Next',
    provider: 'vllm',
    endpoint: VLLM_ENDPOINT,
    model: { wire: 'Qwen/Qwen3-Coder-Next' },
    credential: 'not-required',
    cost: { known: false, reason: 'a local runtime: the cost is your own hardware' },
    bytes: { sent: 300, received: 900, origin: VLLM_ENDPOINT.origin },
    catalog: 'vllm@0.1.0',
  });
}

/** The fixture receipts: 12 requests over 2026-11-29 … 2026-12-02, 2 errors, 3 with an unknown cost. */
export function labReceipts(): RouteReceipt[] {
  return [
    receipt('2026-11-29T09:00:00.000Z', {}, 0.25),
    receipt('2026-11-29T10:30:00.000Z', {}, 0.5),
    together('2026-11-29T12:00:00.000Z', 0.4),
    vllm('2026-11-30T08:00:00.000Z'),
    receipt('2026-11-30T09:00:00.000Z', { outcome: { kind: 'http-error', status: 429 } }, 0.125),
    together('2026-11-30T15:00:00.000Z', 0.3),
    receipt('2026-12-01T10:00:00.000Z', {}, 0.75),
    together('2026-12-01T11:00:00.000Z', 0.2, { outcome: { kind: 'network-error', code: 'ECONNRESET' } }),
    vllm('2026-12-01T12:00:00.000Z'),
    receipt('2026-12-02T07:00:00.000Z', {}, 0.375),
    together('2026-12-02T08:00:00.000Z', 0.6),
    vllm('2026-12-02T09:00:00.000Z'),
  ];
}

/** Write the fixture receipts into a ledger folder; returns them. */
export function writeLabLedger(dir: string): RouteReceipt[] {
  const ledger = openLedger({ dir });
  const receipts = labReceipts();
  for (const item of receipts) ledger.append(item);
  return receipts;
}

const hubFixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/hub/${name}`, import.meta.url), 'utf8');

/** The repositories the loopback Hub knows. */
export const HUB_REPOS = {
  llama: 'meta-llama/Llama-3.1-8B-Instruct',
  gguf: 'ggml-org/gemma-3-1b-it-GGUF',
} as const;

/** A loopback Hub: model info of the two fixtures, search listing both, 404 for anything else. */
export interface HubStub {
  readonly url: string;
  readonly paths: string[];
  close(): Promise<void>;
}

/** Start the loopback Hub on 127.0.0.1:0. */
export async function startHubStub(): Promise<HubStub> {
  const infos = {
    [HUB_REPOS.llama]: hubFixture('model_info_gated_llama31_8b_instruct.json'),
    [HUB_REPOS.gguf]: hubFixture('model_info_gguf_gemma3_1b.json'),
  };
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://hub.invalid');
    paths.push(request.url ?? '/');
    const send = (status: number, body: string) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    for (const [repo, info] of Object.entries(infos))
      if (url.pathname === `/api/models/${repo}` || url.pathname.startsWith(`/api/models/${repo}/`))
        return send(200, info);
    if (url.pathname === '/api/models') {
      // A search (and a passport's look-ups of derived repositories): the two fixtures, in their search shape.
      const rows = Object.values(infos).map((text) => {
        const { id, author, pipeline_tag, library_name, downloads, likes, gated, tags, lastModified } = JSON.parse(
          text,
        ) as Record<string, unknown>;
        return { id, author, pipeline_tag, library_name, downloads, likes, gated, tags, lastModified };
      });
      return send(200, JSON.stringify(rows));
    }
    // Model cards, file checks, unknown repositories: not served here.
    return send(404, JSON.stringify({ error: 'Entry not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
