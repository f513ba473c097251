import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { liveModelRecordSchema, type ProviderPlugin } from '@codewhale/core';
import {
  createHttpClient,
  createLiveContext,
  LISTING_MAX_BYTES,
  ListingParseError,
  ProviderHttpError,
} from '@codewhale/plugin-kit';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, mutatedBodies } from './__fixtures__/json-mutations.js';

// Untrusted /models bodies: every listing shape we know, mutated at random, through every first-party parser.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));
const SEEDS = [
  'deepseek-models',
  'together-models',
  'nim-models',
  'hf-router-models',
  'vllm-models',
  'sglang-models',
  'ollama-tags',
  'ollama-v1-models',
  'ollama-show',
  'deepseek-user-balance',
  'ollama-ps',
].map(fixture);

const lmstudio = createOpenAICompatiblePlugin({ id: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' });
const PLUGINS: readonly ProviderPlugin[] = [
  deepseekPlugin,
  togetherPlugin,
  nvidiaNimPlugin,
  huggingfacePlugin,
  sglangPlugin,
  vllmPlugin,
  ollamaPlugin,
  lmstudio,
];

/** A fixture body mutated 1 to 4 times, no larger than a response the client would accept. */
const mutatedBody = mutatedBodies(SEEDS as Json[], { maxTextLength: LISTING_MAX_BYTES });

/** The only acceptable outcomes of parsing untrusted input: schema-valid records, or a typed listing error. */
function parseChecked(plugin: ProviderPlugin, input: unknown): 'records' | 'typed-error' {
  const parse = plugin.discovery?.parseModels;
  if (!parse) throw new Error(`${plugin.id} has no parser`);
  let records: readonly unknown[];
  try {
    records = parse(input, {
      providerId: plugin.id,
      baseUrl: plugin.descriptor.endpoints[plugin.descriptor.defaultEndpoint]?.baseUrl ?? 'http://127.0.0.1/v1',
    });
  } catch (error) {
    if (ListingParseError.isInstance(error)) return 'typed-error';
    throw error;
  }
  expect(Array.isArray(records)).toBe(true);
  for (const record of records) expect(liveModelRecordSchema.safeParse(record).success).toBe(true);
  return 'records';
}

describe('fuzzing every first-party /models parser', () => {
  it('50,000 mutated bodies: only schema-valid records or typed errors, never a crash', () => {
    const outcomes = { records: 0, 'typed-error': 0 };
    let runs = 0;
    fc.assert(
      fc.property(mutatedBody, (input) => {
        for (const plugin of PLUGINS) {
          outcomes[parseChecked(plugin, input)]++;
          runs++;
        }
      }),
      { numRuns: 6_250 },
    );
    expect(runs).toBeGreaterThanOrEqual(50_000);
    // Both outcomes must be exercised, or the property proves little.
    expect(outcomes.records).toBeGreaterThan(1_000);
    expect(outcomes['typed-error']).toBeGreaterThan(1_000);
  }, 300_000);
});

describe('fuzzing the client with untrusted bodies', () => {
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const index = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('i') ?? 0);
      const text = bodies[index] ?? '';
      response.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('mutated and truncated bodies over real HTTP end in records or typed errors, within the timeouts', async () => {
    for (const [index, value] of fc.sample(mutatedBody, { numRuns: 600, seed: 20261121 }).entries()) {
      const text = JSON.stringify(value);
      // Every third body is cut short, as a dropped connection would leave it.
      bodies.push(index % 3 === 0 ? text.slice(0, Math.floor(text.length / 2)) : text);
    }
    const client = createHttpClient({ timeouts: { connectMs: 2000, headersMs: 2000, bodyMs: 2000 } });
    const outcomes = { records: 0, typed: 0 };
    try {
      for (let index = 0; index < bodies.length; index++) {
        const plugin = PLUGINS[index % PLUGINS.length] as ProviderPlugin;
        const context = createLiveContext({ client, providerId: plugin.id, baseUrl: `${base}/v1` });
        try {
          const response = await context.request({ path: `/models?i=${index}` });
          parseChecked(plugin, response.json);
          outcomes.records++;
        } catch (error) {
          if (!ProviderHttpError.isInstance(error) && !ListingParseError.isInstance(error)) throw error;
          outcomes.typed++;
        }
      }
    } finally {
      await client.close();
    }
    expect(outcomes.records + outcomes.typed).toBe(600);
  }, 120_000);
});
