import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type UserConfig } from '@codewhale/core';
import { createHttpClient } from '@codewhale/plugin-kit';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveCache } from '../cache/live-cache.js';
import { createCredentialSource } from '../credentials/credential-source.js';
import { checkHealth } from './check-health.js';
import { discover, type DiscoveryEvent } from './discover.js';
import { readUsage } from './read-usage.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}.json`, import.meta.url), 'utf8'));
const CANARY = 'sk-canary-9d2e41b7-never-print';

type Route =
  | { status: number; json?: unknown; text?: string; delayMs?: number }
  | ((headers: IncomingHttpHeaders) => { status: number; json?: unknown; text?: string });
interface Replay {
  readonly url: string;
  readonly requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback server that replays recorded bodies by `METHOD path` and records every request. */
async function replay(routes: Record<string, Route>): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? 'GET', path: request.url ?? '', headers: request.headers });
    request.resume();
    request.on('end', () => {
      const route = routes[`${request.method} ${request.url}`];
      const answer = typeof route === 'function' ? route(request.headers) : route;
      const send = () => {
        if (!answer) {
          response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
          return;
        }
        const body = answer.text ?? JSON.stringify(answer.json ?? {});
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
      };
      const delay = typeof route === 'object' ? (route.delayMs ?? 0) : 0;
      if (delay > 0) setTimeout(send, delay);
      else send();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-live-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const registry = createRegistry({ plugins: [deepseekPlugin, togetherPlugin, sglangPlugin, vllmPlugin, ollamaPlugin] });

describe('discover', () => {
  it('fetches configured endpoints concurrently, parses with each plugin, caches, and reports progress', async () => {
    const vllm = await replay({ 'GET /v1/models': { status: 200, json: fixture('vllm-models') } });
    const sglang = await replay({ 'GET /v1/models': { status: 200, json: fixture('sglang-models') } });
    const ollama = await replay({
      'GET /api/tags': { status: 200, json: fixture('ollama-tags') },
      'POST /api/show': { status: 200, json: fixture('ollama-show') },
    });
    const deepseek = await replay({
      'GET /models': (headers) =>
        headers.authorization === `Bearer ${CANARY}`
          ? { status: 200, json: fixture('deepseek-models') }
          : { status: 401, json: fixture('deepseek-error-401') },
    });
    const config: UserConfig = {
      providers: {
        vllm: { base_url: `${vllm.url}/v1` },
        sglang: { base_url: `${sglang.url}/v1` },
        ollama: { base_url: `${ollama.url}/v1` },
        deepseek: { base_url: deepseek.url, api_key_env: 'DS_PROXY_KEY' },
      },
    };
    const events: DiscoveryEvent[] = [];
    const cache = createLiveCache({ dir });
    const results = await discover({
      registry,
      config,
      cache,
      credentials: createCredentialSource({ env: { DS_PROXY_KEY: CANARY } }),
      onProgress: (event) => events.push(event),
    });

    expect(results.map((result) => [result.providerId, result.status, result.models?.length])).toEqual([
      ['deepseek', 'ok', 2],
      ['together', 'skipped', undefined],
      ['sglang', 'ok', 1],
      ['vllm', 'ok', 1],
      ['ollama', 'ok', 2],
    ]);
    expect(results.find((result) => result.providerId === 'vllm')?.models?.[0]).toMatchObject({
      id: 'seongil-dn/bge-m3-3800_steps_v2_234',
      contextWindow: 1024,
    });
    expect(results.find((result) => result.providerId === 'ollama')?.models?.[0]).toMatchObject({
      id: 'deepseek-r1:latest',
      contextWindow: 131_072,
    });
    // Together is neither configured nor keyed: a default selection does not contact it, and says why.
    expect(results.find((result) => result.providerId === 'together')?.error).toMatchObject({
      kind: 'not-configured',
      code: 'LIVE_NOT_CONFIGURED',
    });
    // Named explicitly, it is considered, and skipped for its missing key without a request.
    const named = await discover({
      registry,
      config,
      cache,
      providers: ['together'],
      credentials: createCredentialSource({ env: {} }),
    });
    expect(named[0]?.error).toMatchObject({
      kind: 'credential-missing',
      message: 'No key for Together AI: set TOGETHER_API_KEY. Nothing was sent.',
    });
    // The key went only to the endpoint configured with it, in the authorization header.
    expect(deepseek.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${CANARY}`]);
    expect(
      vllm.requests.every(
        (request) => request.headers.authorization === undefined && request.headers['x-api-key'] === undefined,
      ),
    ).toBe(true);
    expect(cache.read('vllm', `${vllm.url}/v1`).state).toBe('fresh');
    expect(events.filter((event) => event.providerId === 'vllm').map((event) => event.type)).toEqual([
      'started',
      'done',
    ]);
    expect(events.find((event) => event.providerId === 'together')?.type).toBe('skipped');
    const files = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
    expect(files).not.toContain(CANARY);
    expect(JSON.stringify(events)).not.toContain(CANARY);
  });

  it('records failures in the cache (keeping the last good records) and never throws', async () => {
    let broken = false;
    const vllm = await replay({
      'GET /v1/models': () =>
        broken ? { status: 200, text: '{"data": [' } : { status: 200, json: fixture('vllm-models') },
    });
    const sglang = await replay({
      'GET /v1/models': {
        status: 500,
        json: { object: 'error', message: 'engine dead', type: 'InternalServerError', code: 500 },
      },
    });
    const config: UserConfig = {
      providers: { vllm: { base_url: `${vllm.url}/v1` }, sglang: { base_url: `${sglang.url}/v1` } },
    };
    const cache = createLiveCache({ dir });
    await discover({ registry, config, cache, providers: ['vllm'] });
    broken = true;
    const results = await discover({ registry, config, cache, providers: ['vllm', 'sglang', 'nope'] });
    expect(results.map((result) => [result.providerId, result.status, result.error?.kind])).toEqual([
      ['nope', 'failed', 'unknown-provider'],
      ['vllm', 'failed', 'invalid-listing'],
      ['sglang', 'failed', 'http-status'],
    ]);
    expect(results[2]?.error?.message).toContain('engine dead');
    expect(cache.read('vllm', `${vllm.url}/v1`)).toMatchObject({
      state: 'failed',
      entry: { records: [{ id: 'seongil-dn/bge-m3-3800_steps_v2_234' }], failure: { kind: 'invalid-listing' } },
    });
  });

  it('asks 8 slow endpoints at once (bounded concurrency, proved by a barrier, not by a clock)', async () => {
    // Every server holds its answer until all 8 requests have arrived: a sequential discover could never open the gate
    // (it would wait for the first answer before asking the second) and would only finish by the safety timeout.
    const count = 8;
    let arrived = 0;
    let gateTimedOut = false;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const safety = setTimeout(() => {
      gateTimedOut = true;
      openGate();
    }, 20_000);
    const endpoints = await Promise.all(
      Array.from({ length: count }, async () => {
        const server = createServer((request, response) => {
          request.resume();
          if (++arrived === count) openGate();
          void gate.then(() =>
            response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fixture('vllm-models'))),
          );
        });
        servers.push(server);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      }),
    );
    // Each copy owns its own variable names (a registry refuses two providers declaring the same one).
    const plugins = endpoints
      .map(() => vllmPlugin)
      .map((plugin, index) => ({
        ...plugin,
        id: `vllm-${index}`,
        descriptor: {
          ...plugin.descriptor,
          id: `vllm-${index}`,
          auth: { ...plugin.descriptor.auth, envVars: [`VLLM_${index}_API_KEY`] },
          env: {},
        },
      }));
    const many = createRegistry({ plugins: plugins as unknown as readonly (typeof vllmPlugin)[] });
    const config: UserConfig = {
      providers: Object.fromEntries(
        endpoints.map((endpoint, index) => [`vllm-${index}`, { base_url: `${endpoint.url}/v1` }]),
      ),
    };
    const results = await discover({
      registry: many,
      config,
      cache: createLiveCache({ dir }),
      concurrency: count,
    });
    clearTimeout(safety);
    expect(gateTimedOut).toBe(false);
    expect(arrived).toBe(count);
    expect(results.every((result) => result.status === 'ok')).toBe(true);
  }, 60_000);
});

describe('checkHealth', () => {
  it('probes local runtimes without paid inference and reports typed states with evidence', async () => {
    const vllm = await replay({
      'GET /health': { status: 200, text: '' },
      'GET /version': { status: 200, json: { version: '0.28.0' } },
      'GET /v1/models': { status: 200, json: fixture('vllm-models') },
    });
    const ollama = await replay({
      'GET /api/version': { status: 200, json: fixture('ollama-version') },
      'GET /api/tags': { status: 200, json: fixture('ollama-tags') },
    });
    const closed = await replay({});
    await closed.close();
    const config: UserConfig = {
      providers: {
        vllm: { base_url: `${vllm.url}/v1` },
        ollama: { base_url: `${ollama.url}/v1` },
        sglang: { base_url: `${closed.url}/v1` },
      },
    };
    const checks = await checkHealth({
      registry,
      config,
      client: createHttpClient({ timeouts: { connectMs: 1000, headersMs: 1000, bodyMs: 1000 } }),
    });
    expect(checks.map((check) => [check.providerId, check.result.state])).toEqual([
      ['sglang', 'down'],
      ['vllm', 'up'],
      ['ollama', 'up'],
    ]);
    expect(checks.find((check) => check.providerId === 'vllm')?.result).toMatchObject({ version: '0.28.0' });
    expect(checks.every((check) => check.result.evidence.length > 0)).toBe(true);
  });
});

describe('readUsage', () => {
  it('reads the DeepSeek balance and Ollama loaded models; failures are typed results', async () => {
    const deepseek = await replay({
      'GET /user/balance': (headers) =>
        headers.authorization === `Bearer ${CANARY}`
          ? { status: 200, json: fixture('deepseek-user-balance') }
          : {
              status: 401,
              json: {
                error: {
                  message: `Authentication Fails, Your api key: ${CANARY} is invalid`,
                  type: 'authentication_error',
                },
              },
            },
    });
    const ollama = await replay({ 'GET /api/ps': { status: 200, json: fixture('ollama-ps') } });
    const config: UserConfig = {
      providers: {
        deepseek: { base_url: deepseek.url, api_key_env: 'DS_PROXY_KEY' },
        ollama: { base_url: `${ollama.url}/v1` },
      },
    };
    const reports = await readUsage({
      registry,
      config,
      credentials: createCredentialSource({ env: { DS_PROXY_KEY: CANARY } }),
    });
    expect(reports.find((report) => report.providerId === 'deepseek')?.reading).toMatchObject({
      kind: 'account-credits',
      available: true,
      balances: [{ currency: 'CNY', total: '110.00', granted: '10.00', toppedUp: '100.00' }],
    });
    expect(reports.find((report) => report.providerId === 'ollama')?.reading).toMatchObject({
      kind: 'local',
      loadedModels: [{ name: 'gemma4', vramBytes: 5_333_539_264, contextLength: 4096 }],
    });

    // A wrong key: the server echoes it back in its error; it must not reach the result.
    const wrong = await readUsage({
      registry,
      config,
      credentials: createCredentialSource({ env: { DS_PROXY_KEY: `${CANARY}-wrong` } }),
      providers: ['deepseek'],
    });
    expect(wrong[0]?.error).toMatchObject({ kind: 'http-status', status: 401 });
    expect(JSON.stringify(wrong)).not.toContain(CANARY);
  });
});
