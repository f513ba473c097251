import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger, type RouteReceipt } from '@codewhale/node';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD_KEYS, worldConfig, worldEnv, worldPlugins } from './__fixtures__/codewhale-world.js';
import { type LoopbackOpenAIServer, startLoopbackOpenAIServer } from './__fixtures__/loopback-openai-server.js';
import { createCodewhale } from './create-codewhale.js';
import { toOpenAIClientOptions } from './to-openai-client-options.js';

// @see issue 16 item 4: the adapters take the ledger; each request leaves one receipt, and no text of it.

const PROMPT_CANARY = 'prompt-canary-4f1d9e0b';
let server: LoopbackOpenAIServer;
let dir: string;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Hello from the provider.');
  dir = mkdtempSync(join(tmpdir(), 'codewhale-aisdk-receipts-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function receipts(ledgerDir: string): Promise<RouteReceipt[]> {
  const out: RouteReceipt[] = [];
  for await (const receipt of openLedger({ dir: ledgerDir }).read()) out.push(receipt);
  return out;
}

function ledgerText(ledgerDir: string): string {
  return readdirSync(ledgerDir)
    .map((file) => readFileSync(join(ledgerDir, file), 'utf8'))
    .join('');
}

describe('route receipts through the adapters', () => {
  it('createCodewhale({ ledger }) leaves one receipt per request, generate and stream, with tags and no text', async () => {
    const ledgerDir = join(dir, 'provider');
    const codewhale = createCodewhale({
      plugins: worldPlugins(),
      config: worldConfig(server.origin, server.origin, { receipts: { hash_request_body: true } }),
      env: worldEnv(),
      ledger: openLedger({ dir: ledgerDir }),
      receiptTags: { session: 's-42', purpose: 'main' },
    });
    const model = codewhale.route('together:deepseek-ai/DeepSeek-V4-Pro');
    await generateText({ model, prompt: `Say hello ${PROMPT_CANARY}` });
    const stream = streamText({ model, prompt: `Again ${PROMPT_CANARY}` });
    await stream.consumeStream();

    const [generated, streamed, ...rest] = await receipts(ledgerDir);
    expect(rest).toEqual([]);
    for (const receipt of [generated, streamed]) {
      expect(receipt).toMatchObject({
        route: 'together:deepseek-ai/DeepSeek-V4-Pro',
        provider: 'together',
        endpoint: { origin: server.origin, official: false, path: '/together/v1/chat/completions' },
        model: { wire: 'deepseek-ai/DeepSeek-V4-Pro' },
        credential: 'env:CW_TEST_TOGETHER_KEY',
        outcome: { kind: 'ok', status: 200 },
        // A custom endpoint: the catalog's prices do not apply there.
        cost: { known: false },
        bytes: { origin: server.origin },
        tags: { session: 's-42', purpose: 'main' },
      });
      expect(receipt?.requestSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(receipt?.bytes.sent).toBeGreaterThan(0);
    }
    expect(generated).toMatchObject({
      stream: false,
      usage: { known: true, usage: { inputTokens: 7, outputTokens: 3 } },
    });
    expect(streamed?.stream).toBe(true);
    const text = ledgerText(ledgerDir);
    expect(text).not.toContain(PROMPT_CANARY);
    expect(text).not.toContain('Hello from the provider');
    expect(text).not.toContain(WORLD_KEYS.together);
  });

  it('toOpenAIClientOptions({ ledger }) records what the openai client sends', async () => {
    const ledgerDir = join(dir, 'openai');
    const codewhale = createCodewhale({
      plugins: worldPlugins(),
      config: worldConfig(server.origin, server.origin),
      env: worldEnv(),
    });
    const { candidate } = codewhale.route('together:deepseek-ai/DeepSeek-V4-Pro');
    const client = new OpenAI(
      toOpenAIClientOptions(candidate, {
        credential: { header: 'authorization', value: `Bearer ${WORLD_KEYS.together}` },
        ledger: openLedger({ dir: ledgerDir }),
      }),
    );
    await client.chat.completions.create({
      model: candidate.wireModelId,
      messages: [{ role: 'user', content: PROMPT_CANARY }],
    });
    const [receipt, ...rest] = await receipts(ledgerDir);
    expect(rest).toEqual([]);
    expect(receipt).toMatchObject({
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
      outcome: { kind: 'ok', status: 200 },
      usage: { known: true, usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 } },
    });
    expect(receipt?.requestSha256).toBeUndefined();
    expect(ledgerText(ledgerDir)).not.toContain(PROMPT_CANARY);
    expect(ledgerText(ledgerDir)).not.toContain(WORLD_KEYS.together);
  });
});
