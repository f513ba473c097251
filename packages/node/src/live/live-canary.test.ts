import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createRegistry, type UserConfig } from '@codewhale/core';
import { createHttpClient } from '@codewhale/plugin-kit';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiveCache } from '../cache/live-cache.js';
import { createCredentialSource } from '../credentials/credential-source.js';
import { checkHealth } from './check-health.js';
import { discover, type DiscoveryEvent } from './discover.js';
import { readUsage } from './read-usage.js';

// One distinctive key, planted in the environment and bound to every endpoint below; hostile servers echo it back.
const CANARY = 'sk-canary-4f7c0e2a-live-sweep';
const servers: Server[] = [];
const dir = mkdtempSync(join(tmpdir(), 'codewhale-canary-'));
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

type Handler = (path: string, headers: IncomingHttpHeaders, response: import('node:http').ServerResponse) => void;

async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => handler(request.url ?? '/', request.headers, response));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (response: import('node:http').ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Everything reachable from a value, including non-enumerable fields, symbols and `cause` chains. */
function everything(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  const parts = [inspect(value, { depth: 6, showHidden: true })];
  for (const key of Reflect.ownKeys(value))
    parts.push(String(key), everything((value as Record<PropertyKey, unknown>)[key], seen));
  return parts.join('\n');
}

describe('a planted key never leaks from live operations, whatever the servers send back', () => {
  it('discovery, health and usage reads over every failure path', async () => {
    const echo = (headers: IncomingHttpHeaders) =>
      `you sent ${headers.authorization ?? headers['x-api-key'] ?? 'nothing'}`;
    const deepseek = await serve((path, headers, response) => {
      if (path === '/models')
        json(response, 401, {
          error: { message: `Authentication Fails, ${echo(headers)}`, type: 'authentication_error', code: CANARY },
        });
      else json(response, 401, { error: { message: `balance: ${echo(headers)}` } });
    });
    const vllm = await serve((path, headers, response) => {
      if (path === '/v1/models') response.writeHead(302, { location: `http://localhost:1/steal?key=${CANARY}` }).end();
      else if (path === '/health')
        json(response, 500, { object: 'error', message: echo(headers), type: 'InternalServerError', code: 500 });
      else json(response, 404, { detail: echo(headers) });
    });
    const sglang = await serve((path, headers, response) => {
      // A listing far over any cap that repeats the key, and a health endpoint that never answers.
      if (path === '/v1/models')
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"data":[${`{"id":"${CANARY}"},`.repeat(400_000)}{"id":"x"}]}`);
      else if (path === '/health') setTimeout(() => json(response, 200, {}), 5_000);
      else json(response, 503, { message: echo(headers) });
    });
    const ollama = await serve((path, headers, response) =>
      json(
        response,
        200,
        path === '/api/tags' ? { models: [{ name: `model-${CANARY}`, details: {} }] } : { error: echo(headers) },
      ),
    );

    const config: UserConfig = {
      providers: {
        deepseek: { base_url: deepseek, api_key_env: 'CANARY_KEY' },
        vllm: { base_url: `${vllm}/v1`, api_key_env: 'CANARY_KEY' },
        sglang: { base_url: `${sglang}/v1`, api_key_env: 'CANARY_KEY' },
        ollama: { base_url: `${ollama}/v1`, api_key_env: 'CANARY_KEY' },
      },
    };
    const registry = createRegistry({ plugins: [deepseekPlugin, sglangPlugin, vllmPlugin, ollamaPlugin] });
    const credentials = createCredentialSource({ env: { CANARY_KEY: CANARY } });
    const client = createHttpClient({ timeouts: { connectMs: 1000, headersMs: 800, bodyMs: 2000 } });
    const cache = createLiveCache({ dir });
    const events: DiscoveryEvent[] = [];
    try {
      const discovered = await discover({
        registry,
        config,
        credentials,
        cache,
        client,
        onProgress: (event) => events.push(event),
      });
      const health = await checkHealth({ registry, config, credentials, client });
      const usage = await readUsage({ registry, config, credentials, client });

      // The failure paths were really taken.
      expect(discovered.map((result) => [result.providerId, result.status, result.error?.kind])).toEqual([
        ['deepseek', 'failed', 'http-status'],
        ['sglang', 'failed', 'too-large'],
        ['vllm', 'failed', 'redirect-refused'],
        // Ollama listed a model whose name contains the key: the cache refused to store it (defence in depth).
        ['ollama', 'failed', 'secret-refused'],
      ]);
      expect(health.map((check) => check.providerId)).toEqual(['sglang', 'vllm', 'ollama']);
      expect(usage.find((report) => report.providerId === 'deepseek')?.error?.kind).toBe('http-status');

      const files = readdirSync(dir)
        .map((name) => readFileSync(join(dir, name), 'utf8'))
        .join('\n');
      expect(files).not.toContain(CANARY);
      for (const [label, output] of Object.entries({ discovered, health, usage, events })) {
        expect(everything(output), label).not.toContain(CANARY);
      }
    } finally {
      await client.close();
    }
  }, 60_000);
});
