import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import {
  discoverOutputSchema,
  healthOutputSchema,
  modelsOutputSchema,
  providersOutputSchema,
  usageOutputSchema,
} from '../output/schemas.js';
import { closeReplays, createSandbox, fixture, json, replay, type Replay } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();
const CANARY = 'sk-canary-5be0a9d4-never-print';
let vllm: Replay;
let sglang: Replay;
let ollama: Replay;
let deepseek: Replay;
let closedUrl: string;

beforeAll(async () => {
  vllm = await replay({
    'GET /v1/models': { status: 200, json: fixture('vllm-models') },
    'GET /health': { status: 200, text: '' },
    'GET /version': { status: 200, json: { version: '0.28.0' } },
  });
  sglang = await replay({
    'GET /v1/models': {
      status: 500,
      json: { object: 'error', message: 'engine dead', type: 'InternalServerError', code: 500 },
    },
  });
  ollama = await replay({
    'GET /api/tags': { status: 200, json: fixture('ollama-tags') },
    'POST /api/show': { status: 200, json: fixture('ollama-show') },
    'GET /api/version': { status: 200, json: fixture('ollama-version') },
    'GET /api/ps': { status: 200, json: fixture('ollama-ps') },
  });
  deepseek = await replay({
    'GET /user/balance': (headers) =>
      headers.authorization === `Bearer ${CANARY}`
        ? { status: 200, json: fixture('deepseek-user-balance') }
        : { status: 401, json: { error: { message: 'Authentication Fails', type: 'authentication_error' } } },
  });
  const closed = await replay({});
  closedUrl = closed.url;
  await closed.close();
  sandbox.writeConfig(
    [
      '[providers.vllm]',
      `base_url = "${vllm.url}/v1"`,
      '',
      '[providers.sglang]',
      `base_url = "${sglang.url}/v1"`,
      '',
      '[providers.ollama]',
      `base_url = "${ollama.url}/v1"`,
      '',
      '[providers.deepseek]',
      `base_url = "${deepseek.url}"`,
      'api_key_env = "DS_TEST_KEY"',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await closeReplays();
  sandbox.cleanup();
});

describe('discover', () => {
  it('refreshes the live cache from loopback servers, with plain lines when not on a terminal', async () => {
    const run = await sandbox.run(['discover', '--provider', 'vllm', '--provider', 'ollama']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^vllm: 1 model from ${vllm.url}/v1 \\(\\d+ ms\\)$`)),
        expect.stringMatching(new RegExp(`^ollama: 2 models from ${ollama.url}/v1 \\(\\d+ ms\\)$`)),
      ]),
    );
    expect(lines[2]).toBe(`2 providers: 2 refreshed, 0 skipped, 0 failed (cache: ${sandbox.cacheDir})`);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(readdirSync(sandbox.cacheDir).filter((name) => name.endsWith('.json'))).toHaveLength(2);

    const providers = providersOutputSchema.parse(json(await sandbox.run(['providers', '--json'])));
    expect(providers.providers.find((provider) => provider.id === 'vllm')).toMatchObject({
      endpoint: { baseUrl: `${vllm.url}/v1`, official: true, source: 'config-provider' },
      cache: { state: 'fresh', models: 1 },
    });
    const models = modelsOutputSchema.parse(json(await sandbox.run(['models', '--provider', 'vllm,ollama', '--json'])));
    expect(models.models).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ref: 'vllm:seongil-dn/bge-m3-3800_steps_v2_234',
          source: 'live',
          listed: true,
          contextWindow: 1024,
          contextSource: 'live',
        }),
        expect.objectContaining({
          ref: 'ollama:deepseek-r1:latest',
          source: 'live',
          meter: expect.objectContaining({ kind: 'local' }),
        }),
      ]),
    );
    // The live listing now feeds resolution: the served model's context window comes from the server.
    const explain = await sandbox.run([
      'resolve',
      '--provider',
      'vllm',
      '--model',
      'seongil-dn/bge-m3-3800_steps_v2_234',
    ]);
    expect(explain.stdout).toMatch(/context +1,024 +\(live/);
  });

  it('reports a failing endpoint (exit 4) and a missing key (skipped, nothing sent), as JSON', async () => {
    const run = await sandbox.run(['discover', '--provider', 'sglang,together', '--json']);
    expect(run.code).toBe(EXIT_CODES.network);
    const document = discoverOutputSchema.parse(json(run));
    expect(document.results).toEqual([
      {
        providerId: 'sglang',
        endpoint: `${sglang.url}/v1`,
        status: 'failed',
        error: expect.objectContaining({
          kind: 'http-status',
          status: 500,
          message: expect.stringContaining('engine dead'),
        }),
      },
      {
        providerId: 'together',
        endpoint: 'https://api.together.xyz/v1',
        status: 'skipped',
        error: {
          kind: 'credential-missing',
          code: 'LIVE_CREDENTIAL_MISSING',
          message: 'No key for Together AI: set TOGETHER_API_KEY. Nothing was sent.',
        },
      },
    ]);
    const text = await sandbox.run(['discover', '--provider', 'sglang']);
    expect(text.code).toBe(EXIT_CODES.network);
    expect(text.stdout).toContain(
      `sglang: failed: [sglang] GET ${sglang.url}/v1/models returned HTTP 500: engine dead`,
    );
  });

  it('rejects an unknown provider before contacting anything (exit 3, as in explain: @see issue 12 item 14)', async () => {
    const before = [vllm, sglang, ollama, deepseek].map((server) => server.requests.length);
    const run = await sandbox.run(['discover', '--provider', 'vlm,ollama']);
    expect(run.code).toBe(EXIT_CODES.resolution);
    expect(run.stderr).toBe(
      'error: Unknown provider "vlm" (flag --provider). Did you mean "vllm"? Registered providers: deepseek, together, nvidia-nim, huggingface, sglang, vllm, ollama.\nA custom endpoint needs a [providers.<id>] table with base_url in the config.\n',
    );
    expect([vllm, sglang, ollama, deepseek].map((server) => server.requests.length)).toEqual(before);
  });

  it('models --live refreshes first, then lists', async () => {
    const before = vllm.requests.length;
    const run = await sandbox.run(['models', '--provider', 'vllm', '--live', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(vllm.requests.length).toBe(before + 1);
    expect(modelsOutputSchema.parse(json(run)).models).toMatchObject([
      { ref: 'vllm:seongil-dn/bge-m3-3800_steps_v2_234', source: 'live' },
    ]);
  });
});

describe('health', () => {
  it('probes local runtimes and reports typed states; one down means exit 4', async () => {
    // sglang points at a port nobody listens on.
    const config = join(sandbox.dir, 'health.toml');
    writeFileSync(config, readFileSync(sandbox.configFile, 'utf8').replace(`${sglang.url}/v1`, `${closedUrl}/v1`));
    const checked = await sandbox.run(['health', '--provider', 'vllm,ollama,sglang', '--json', '--config', config]);
    expect(checked.code).toBe(EXIT_CODES.network);
    const document = healthOutputSchema.parse(json(checked));
    expect(document.checks.map((check) => [check.providerId, check.result.state])).toEqual([
      ['vllm', 'up'],
      ['ollama', 'up'],
      ['sglang', 'down'],
    ]);
    expect(document.checks.find((check) => check.providerId === 'vllm')?.result.version).toBe('0.28.0');
    const up = await sandbox.run(['health', '--provider', 'vllm,ollama']);
    expect(up.code).toBe(EXIT_CODES.ok);
    expect(up.stdout.split('\n')[0]).toMatch(/^provider +endpoint +state +version +models +evidence$/);
    expect(up.stdout).toMatch(new RegExp(`vllm +${vllm.url}/v1 +up +0\\.28\\.0 +1 +`));
  });
});

describe('usage', () => {
  it('reads the DeepSeek balance (key bound to the configured endpoint) and Ollama loaded models; never prints the key', async () => {
    const run = await sandbox.run(['usage', '--provider', 'deepseek,ollama', '--json'], {
      env: { DS_TEST_KEY: CANARY },
    });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const document = usageOutputSchema.parse(json(run));
    expect(document.reports.find((report) => report.providerId === 'deepseek')?.reading).toMatchObject({
      kind: 'account-credits',
      available: true,
      balances: [{ currency: 'CNY', total: '110.00' }],
    });
    expect(document.reports.find((report) => report.providerId === 'ollama')?.reading).toMatchObject({
      kind: 'local',
      loadedModels: [{ name: 'gemma4', contextLength: 4096 }],
    });
    expect(deepseek.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CANARY}`);
    const text = await sandbox.run(['usage', '--provider', 'deepseek'], { env: { DS_TEST_KEY: CANARY } });
    expect(text.stdout).toMatch(/deepseek +\S+ +available; CNY 110\.00 \(granted 10\.00, topped up 100\.00\)/);
    const wrong = await sandbox.run(['usage', '--provider', 'deepseek', '--json'], {
      env: { DS_TEST_KEY: `${CANARY}-wrong` },
    });
    expect(wrong.code).toBe(EXIT_CODES.network);
    expect(usageOutputSchema.parse(json(wrong)).reports[0]?.error).toMatchObject({ kind: 'http-status', status: 401 });
    for (const output of [run.stdout, run.stderr, text.stdout, text.stderr, wrong.stdout, wrong.stderr])
      expect(output).not.toContain(CANARY);
  });
});

describe('start-up: each command loads only the bundles it needs', () => {
  it('explain loads only main.cjs: no undici, no zod; custom endpoints, config commands and discover load theirs', async () => {
    // A preload that lists, at exit, every bundle the process read: the launcher reads the bundles it runs from their
    // code cache, and require() reads the others, both with fs.readFileSync.
    const log = join(sandbox.dir, 'loaded.log');
    const preload = join(sandbox.dir, 'preload.cjs');
    writeFileSync(
      preload,
      [
        "const fs = require('node:fs');",
        'const seen = new Set();',
        'const read = fs.readFileSync;',
        "fs.readFileSync = function (file, ...rest) { if (typeof file === 'string' && file.endsWith('.cjs')) seen.add(file); return read.call(this, file, ...rest); };",
        `process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, [...seen].join('\\n')));`,
      ].join('\n'),
    );
    const loaded = async (args: string[], config: string | undefined) => {
      writeFileSync(log, '');
      // No config: the default location, absent (a named file must exist: issue 12 item 12).
      const env: Record<string, string> =
        config === undefined ? { XDG_CONFIG_HOME: join(sandbox.dir, 'no-config-home') } : { CODEWHALE_CONFIG: config };
      const run = await sandbox.run(args, { nodeArgs: ['--require', preload], env });
      expect(run.code, run.stderr).toBeLessThan(EXIT_CODES.config);
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.includes(`${sep}dist${sep}`))
        .map((line) => line.slice(line.lastIndexOf(sep) + 1))
        .filter((name) => name !== 'codewhale-route.cjs')
        .sort();
    };
    const noConfig = undefined;
    const withConfig = join(sandbox.dir, 'with.toml');
    writeFileSync(withConfig, 'provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
    const withCustom = join(sandbox.dir, 'custom.toml');
    writeFileSync(withCustom, '[providers.lmstudio]\nbase_url = "http://127.0.0.1:1234/v1"\n');
    expect(
      await loaded(['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'], noConfig),
    ).toEqual(['main.cjs']);
    // A config file is parsed and checked in the main bundle; only custom endpoints need run-time schema validation.
    expect(await loaded(['explain'], withConfig)).toEqual(['main.cjs']);
    expect(await loaded(['explain', '--provider', 'lmstudio', '--model', 'qwen3-coder'], withCustom)).toEqual([
      'custom-endpoints.cjs',
      'main.cjs',
    ]);
    expect(await loaded(['config', 'validate'], withConfig)).toEqual(['main.cjs', 'validate.cjs']);
    expect(await loaded(['discover', '--provider', 'together'], noConfig)).toEqual(['live.cjs', 'main.cjs']);
  });
});
