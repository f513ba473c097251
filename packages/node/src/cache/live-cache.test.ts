import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry, createRouteResolver, definePlugin } from '@codewhale/core';
import { defaultCacheDir } from './cache-dir.js';
import { cacheFileName, endpointFingerprint } from './endpoint-fingerprint.js';
import { SecretValue } from '../credentials/secret-value.js';
import { CacheSecretError, createLiveCache } from './live-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (iso: string) => () => new Date(iso);

describe('defaultCacheDir', () => {
  it.each([
    [{ env: { CODEWHALE_CACHE_DIR: '/tmp/cw' }, platform: 'linux', home: '/home/u' }, '/tmp/cw'],
    [{ env: { XDG_CACHE_HOME: '/xdg' }, platform: 'linux', home: '/home/u' }, '/xdg/codewhale/live'],
    [
      { env: { XDG_CACHE_HOME: 'relative/ignored' }, platform: 'linux', home: '/home/u' },
      '/home/u/.cache/codewhale/live',
    ],
    [{ env: {}, platform: 'linux', home: '/home/u' }, '/home/u/.cache/codewhale/live'],
    [{ env: {}, platform: 'darwin', home: '/Users/u' }, '/Users/u/Library/Caches/codewhale/live'],
  ] as const)('%j -> %s', (options, expected) => {
    expect(defaultCacheDir(options)).toBe(expected);
  });
});

describe('endpoint fingerprint', () => {
  it('folds host case, default port and trailing slash, and never includes user info or query', () => {
    const plain = endpointFingerprint('https://api.together.xyz/v1');
    expect(endpointFingerprint('HTTPS://API.Together.XYZ:443/v1/')).toEqual(plain);
    expect(endpointFingerprint('https://user:sk-secret@api.together.xyz/v1?key=sk-secret')).toEqual(plain);
    expect(plain.key).toBe('https://api.together.xyz/v1');
    expect(endpointFingerprint('https://api.together.xyz/v2').fingerprint).not.toBe(plain.fingerprint);
    expect(cacheFileName('together', 'https://api.together.xyz/v1')).toMatch(/^together--[0-9a-f]{16}\.json$/);
  });

  it('refuses provider ids that could leave the cache directory, and non-URLs', () => {
    expect(() => cacheFileName('../etc', 'http://127.0.0.1:8000/v1')).toThrowError(/kebab-case provider id/);
    expect(() => endpointFingerprint('not a url')).toThrowError(/absolute http\(s\) URL/);
  });
});

describe('live cache', () => {
  const base = 'http://127.0.0.1:8000/v1';
  const records = [{ id: 'Qwen/Qwen3-Coder-30B', contextWindow: 65_536, ownedBy: 'vllm' }];

  it('round-trips an entry, fresh until its ttl, then stale', async () => {
    await createLiveCache({ dir, now: at('2026-11-21T10:00:00Z') }).write({
      providerId: 'vllm',
      baseUrl: base,
      records,
      ttlSeconds: 600,
      source: `GET ${base}/models`,
    });
    const fresh = createLiveCache({ dir, now: at('2026-11-21T10:09:59Z') }).read('vllm', 'http://127.0.0.1:8000/v1/');
    expect(fresh).toMatchObject({
      state: 'fresh',
      entry: {
        providerId: 'vllm',
        endpoint: base,
        fetchedAt: '2026-11-21T10:00:00.000Z',
        ttlSeconds: 600,
        records,
        status: 'ok',
      },
    });
    expect(createLiveCache({ dir, now: at('2026-11-21T10:10:01Z') }).read('vllm', base).state).toBe('stale');
    expect(createLiveCache({ dir }).read('vllm', 'http://127.0.0.1:9999/v1')).toEqual({ state: 'missing' });
  });

  it('records a failed refresh, keeping the last good records with the reason', async () => {
    const cache = createLiveCache({ dir, now: at('2026-11-21T10:00:00Z') });
    await cache.write({ providerId: 'vllm', baseUrl: base, records, source: 'GET /v1/models' });
    await cache.recordFailure({
      providerId: 'vllm',
      baseUrl: base,
      kind: 'network',
      message: 'connection refused',
      source: 'GET /v1/models',
    });
    const read = cache.read('vllm', base);
    expect(read).toMatchObject({
      state: 'failed',
      entry: { status: 'failed', records, failure: { kind: 'network', message: 'connection refused' } },
    });
  });

  it('detects a truncated, edited or foreign file, reports it, and the next write replaces it', async () => {
    const cache = createLiveCache({ dir });
    await cache.write({ providerId: 'vllm', baseUrl: base, records, source: 's' });
    const file = cache.path('vllm', base);
    const text = readFileSync(file, 'utf8');
    for (const damage of [
      () => truncateSync(file, Math.floor(text.length / 2)),
      () => writeFileSync(file, text.replace('65536', '65537')),
      () => writeFileSync(file, '{"hello":"world"}'),
      () => writeFileSync(file, ''),
    ]) {
      damage();
      const read = cache.read('vllm', base);
      expect(read.state).toBe('corrupt');
      expect(cache.snapshot().entries).toEqual([]);
      await cache.write({ providerId: 'vllm', baseUrl: base, records, source: 's' });
      expect(cache.read('vllm', base).state).toBe('fresh');
    }
  });

  it('refuses to write a record that contains a credential value, and writes nothing', async () => {
    const canary = 'sk-canary-5b1f0c7e-cache';
    const cache = createLiveCache({ dir, secrets: () => [canary] });
    const attempt = cache.write({
      providerId: 'vllm',
      baseUrl: base,
      records: [{ id: 'model', displayName: `echo ${canary}` }],
      source: 's',
    });
    await expect(attempt).rejects.toBeInstanceOf(CacheSecretError);
    await attempt.catch((error: Error) => expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(canary));
    expect(readdirSync(dir).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('refuses a credential value holding " or \\ (the cache text is JSON-escaped)', async () => {
    /** @see issue 13 item 5 */
    const canary = 'sk-canary"quote\\slash-6d0e';
    const cache = createLiveCache({ dir, secrets: () => [canary] });
    await expect(
      cache.write({ providerId: 'vllm', baseUrl: base, records: [{ id: `m-${canary}` }], source: 's' }),
    ).rejects.toBeInstanceOf(CacheSecretError);
    expect(readdirSync(dir).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('refuses every value this process holds as a SecretValue (command output, keyring), even when not passed in', async () => {
    /** @see issue 13 item 5 */
    const fromCommand = 'cmd-canary-71c3a9e2-held';
    void new SecretValue(fromCommand);
    const cache = createLiveCache({ dir });
    await expect(
      cache.write({
        providerId: 'vllm',
        baseUrl: base,
        records: [{ id: 'model', displayName: `echo ${fromCommand}` }],
        source: 's',
      }),
    ).rejects.toBeInstanceOf(CacheSecretError);
    expect(readdirSync(dir).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('gives the resolver a snapshot: a fresh provider-reported context window becomes a live limit', async () => {
    const cache = createLiveCache({ dir, now: at('2026-11-21T10:00:00Z') });
    await cache.write({ providerId: 'vllm', baseUrl: base, records, source: 's' });
    const snapshot = cache.snapshot();
    expect(snapshot.model('vllm', 'http://127.0.0.1:8000/v1/', 'Qwen/Qwen3-Coder-30B')).toEqual({
      record: records[0],
      fetchedAt: '2026-11-21T10:00:00.000Z',
      fresh: true,
    });
    const plugin = definePlugin({
      spec: 'v1',
      id: 'vllm',
      version: '0.0.0-test',
      descriptor: {
        id: 'vllm',
        displayName: 'vLLM',
        class: 'local',
        auth: { scheme: 'bearer', envVars: ['VLLM_API_KEY'], optional: true },
        endpoints: { chat: { baseUrl: base, protocol: 'chat-completions' } },
        defaultEndpoint: 'chat',
        liveListing: { supported: true, path: '/models' },
        modelIds: { style: 'opaque', caseSensitive: true },
      },
      offerings: [],
      models: [],
      modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'opaque served name' }) },
      usageMeter: { describe: () => ({ kind: 'local' }) },
    });
    const result = createRouteResolver({ registry: createRegistry({ plugins: [plugin] }), live: snapshot }).resolve({
      provider: 'vllm',
    });
    expect(result.ok && result.candidate.wireModelId).toBe('Qwen/Qwen3-Coder-30B');
    expect(result.ok && result.candidate.limits.contextWindow).toMatchObject({ value: 65_536, source: 'live' });
  });
});
