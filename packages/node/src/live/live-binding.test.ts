import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type UserConfig } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { parse } from 'smol-toml';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveCache } from '../cache/live-cache.js';
import { createCredentialSource } from '../credentials/credential-source.js';
import { checkHealth } from './check-health.js';
import { discover } from './discover.js';
import { readUsage } from './read-usage.js';

const CANARY = 'sk-canary-0b7d13e5-binding';
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Seen {
  readonly url: string;
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
}

/** A loopback server answering every path with `answer(path, headers)` and recording what it was sent. */
async function serve(answer: (path: string, headers: IncomingHttpHeaders) => unknown): Promise<Seen> {
  const requests: Seen['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '/', headers: request.headers });
    request.resume();
    request.on('end', () =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer(request.url ?? '/', request.headers))),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const openAIList = (ids: readonly string[]) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'model', owned_by: 'x' })),
});
const ollamaTags = { models: [{ name: 'qwen3:8b', model: 'qwen3:8b', details: {} }] };
const registry = createRegistry({ plugins: [deepseekPlugin, togetherPlugin, sglangPlugin, vllmPlugin, ollamaPlugin] });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-binding-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('live operations bind keys like the resolver', () => {
  it("never sends another provider's key variable named in a table built without parseConfig", async () => {
    /** @see issue 13 item 1 */
    const together = await serve(() => openAIList(['m']));
    // A host parsing the file itself, as docs/embedding-in-a-host.md shows.
    const config = parse(
      `[providers.together]\nbase_url = "${together.url}/v1"\napi_key_env = "DEEPSEEK_API_KEY"\n`,
    ) as UserConfig;
    const credentials = createCredentialSource({
      env: { DEEPSEEK_API_KEY: CANARY, TOGETHER_API_KEY: 'tk-ambient-7c21a9' },
    });
    const results = await discover({
      registry,
      config,
      credentials,
      cache: createLiveCache({ dir }),
      providers: ['together'],
      env: {},
    });
    expect(results[0]).toMatchObject({
      status: 'skipped',
      error: { kind: 'credential-missing', message: expect.stringContaining('belongs to provider "deepseek"') },
    });
    expect(together.requests).toEqual([]);
    expect(JSON.stringify(results)).not.toContain(CANARY);
  });

  it('reports a table that names an unset key variable instead of sending no key', async () => {
    /** @see issue 12 item 11 */
    const vllm = await serve(() => openAIList(['m']));
    const config: UserConfig = { providers: { vllm: { base_url: `${vllm.url}/v1`, api_key_env: 'LMSTUDIO_KEY' } } };
    const results = await discover({
      registry,
      config,
      credentials: createCredentialSource({ env: {} }),
      cache: createLiveCache({ dir }),
      providers: ['vllm'],
      env: {},
    });
    expect(results[0]).toMatchObject({
      status: 'skipped',
      error: {
        kind: 'credential-missing',
        message: 'No key for vLLM: set LMSTUDIO_KEY (named by [providers.vllm] api_key_env). Nothing was sent.',
      },
    });
    expect(vllm.requests).toEqual([]);
  });

  it('refuses to cache a listing that echoes a key read from api_key_command', async () => {
    /** @see issue 13 item 5 */
    const vllm = await serve((_path, headers) =>
      openAIList([`echo-${String(headers.authorization).replace('Bearer ', '')}`]),
    );
    const config: UserConfig = {
      providers: {
        vllm: {
          base_url: `${vllm.url}/v1`,
          api_key_command: [process.execPath, '-e', `console.log(${JSON.stringify(`${CANARY}-cmd`)})`],
        },
      },
    };
    const results = await discover({
      registry,
      config,
      credentials: createCredentialSource({}),
      cache: createLiveCache({ dir }),
      providers: ['vllm'],
      env: {},
    });
    expect(vllm.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${CANARY}-cmd`]);
    expect(results[0]).toMatchObject({ status: 'failed', error: { kind: 'secret-refused' } });
    expect(
      readdirSync(dir)
        .map((name) => readFileSync(join(dir, name), 'utf8'))
        .join('\n'),
    ).not.toContain(CANARY);
    expect(JSON.stringify(results)).not.toContain(CANARY);
  });
});

describe('live operations use the provider env base URL and probe only what the user set up', () => {
  it('OLLAMA_HOST and <PROVIDER>_BASE_URL move health, discovery and usage reads like explain', async () => {
    /** @see issue 12 item 10 */
    const ollama = await serve((path) =>
      path === '/api/tags'
        ? ollamaTags
        : path === '/api/version'
          ? { version: '0.12.0' }
          : path === '/api/ps'
            ? { models: [] }
            : {},
    );
    const vllm = await serve((path) =>
      path === '/v1/models' ? openAIList(['Qwen/Qwen3-8B']) : path === '/version' ? { version: '0.28.0' } : {},
    );
    const env = { OLLAMA_HOST: ollama.url.replace('http://', ''), VLLM_BASE_URL: `${vllm.url}/v1` };
    const checks = await checkHealth({ registry, env, providers: ['ollama', 'vllm'] });
    expect(checks.map((check) => [check.providerId, check.endpoint, check.result.state])).toEqual([
      ['ollama', `${ollama.url}/v1`, 'up'],
      ['vllm', `${vllm.url}/v1`, 'up'],
    ]);
    const found = await discover({ registry, env, cache: createLiveCache({ dir }), providers: ['ollama'] });
    expect(found[0]).toMatchObject({ status: 'ok', endpoint: `${ollama.url}/v1` });
    const usage = await readUsage({ registry, env, providers: ['ollama'] });
    expect(usage[0]).toMatchObject({ endpoint: `${ollama.url}/v1`, reading: { kind: 'local' } });
    // A caller's base URL wins over the env one.
    const other = await serve((path) =>
      path === '/api/tags' ? ollamaTags : path === '/api/version' ? { version: '0.12.1' } : {},
    );
    const pinned = await checkHealth({ registry, env, providers: ['ollama'], baseUrl: `${other.url}/v1` });
    expect(pinned[0]).toMatchObject({ endpoint: `${other.url}/v1`, result: { state: 'up' } });
  });

  it('without names, contacts only configured or keyed providers and reports the others as skipped', async () => {
    /** @see issue 12 item 13 */
    const ollama = await serve((path) =>
      path === '/api/tags' ? ollamaTags : path === '/api/version' ? { version: '0.12.0' } : {},
    );
    const config: UserConfig = { providers: { ollama: { base_url: `${ollama.url}/v1` } } };
    const checks = await checkHealth({ registry, config, env: {}, credentials: createCredentialSource({ env: {} }) });
    expect(checks.map((check) => [check.providerId, check.skipped?.code ?? check.result.state])).toEqual(
      registry
        .providers()
        .filter((provider) => provider.plugin.health !== undefined)
        .map((provider) => [provider.id, provider.id === 'ollama' ? 'up' : 'LIVE_NOT_CONFIGURED']),
    );
    expect(checks.find((check) => check.providerId === 'vllm')?.result.evidence[0]).toMatch(
      /^vLLM was not contacted: it is not configured/,
    );
    // A key for a provider counts as setting it up; the config's provider too. (A client that records and sends nothing:
    // DeepSeek's endpoint is on the internet.)
    const asked: string[] = [];
    const offline = {
      request: async (input: { url: string }) => {
        asked.push(input.url);
        throw new Error('offline test client');
      },
      close: async () => undefined,
    };
    const keyed = await discover({
      registry,
      config: { provider: 'ollama' },
      env: {},
      credentials: createCredentialSource({ env: { DEEPSEEK_API_KEY: 'ds-key-12345678' } }),
      cache: createLiveCache({ dir }),
      client: offline,
    });
    const contacted = keyed
      .filter((result) => result.error?.code !== 'LIVE_NOT_CONFIGURED')
      .map((result) => result.providerId);
    expect(asked.map((url) => new URL(url).hostname).sort()).toEqual(['127.0.0.1', 'api.deepseek.com']);
    expect(contacted).toEqual(['deepseek', 'ollama']);
  });
});
