import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkReceiptList, openLedger } from '@codewhale/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { OUTPUT_SCHEMAS } from '../output/schemas.js';
import { BIN, closeReplays, createSandbox, fixture, json, replay } from '../test-utils/cli-harness.js';
import { type LabAnswer, type LabChild, labRequest, runLabChild, startLabChild } from '../test-utils/lab-client.js';
import { appendThreeReceipts } from '../test-utils/receipt-fixture.js';
import { HTTP_STATUS } from './http-status.js';
import { LAB_API, type LabEndpointName } from './lab-api.js';

// @see issue 20: `codewhale-route lab` (the built binary) answers each endpoint with exactly what the CLI prints for
// the same question, keeps every credential out of what it serves and prints, and stops cleanly on a signal.

const PAGE = join(dirname(BIN), 'lab', 'index.html');
if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: build the CLI with its front end first.`);

const sandbox = createSandbox();
const stateDir = join(sandbox.dir, 'state');
const configFile = join(sandbox.dir, 'lab-config', 'config.toml');
const CANARIES = {
  together: 'sk-canary-together-3f9a0c1e77',
  deepseek: 'sk-canary-deepseek-b04d2e6a91',
  config: 'sk-canary-config-6c5e1f08d2',
};
let env: Record<string, string>;
let lab: LabChild;
/** Every answer the lab gave in this file, for the canary check. */
const answers: LabAnswer[] = [];

beforeAll(async () => {
  const vllm = await replay({
    'GET /v1/models': { status: 200, json: fixture('vllm-models') },
    'GET /health': { status: 200, text: '' },
    'GET /version': { status: 200, json: { version: '0.28.0' } },
  });
  // The Hub is a closed loopback port: the Hub endpoints answer with the CLI's network error, never the internet.
  const closed = await replay({});
  await closed.close();
  const ledger = openLedger({ dir: join(stateDir, 'receipts') });
  appendThreeReceipts(ledger, { session: 'lab-test' });
  mkdirSync(dirname(configFile), { recursive: true });
  writeFileSync(configFile, `[providers.vllm]\napi_key = "${CANARIES.config}"\n`);
  env = sandbox.env({
    CODEWHALE_STATE_DIR: stateDir,
    TOGETHER_API_KEY: CANARIES.together,
    DEEPSEEK_API_KEY: CANARIES.deepseek,
    VLLM_BASE_URL: `${vllm.url}/v1`,
    HF_ENDPOINT: closed.url,
  });
  lab = await startLabChild(['--port', '0', '--config', configFile], env);
});
afterAll(async () => {
  await lab?.stop();
  await closeReplays();
  sandbox.cleanup();
});

/** Ask the lab (with the token header), recording the answer. */
async function ask(name: LabEndpointName, query = ''): Promise<LabAnswer> {
  const answer = await labRequest(lab.origin, `/api/${name}${query ? `?${query}` : ''}`, {
    method: LAB_API[name].method,
    headers: { Authorization: `Bearer ${lab.token}` },
  });
  answers.push(answer);
  return answer;
}

/** The same question to the CLI, with the lab's environment and config. */
const cli = (args: readonly string[]) => sandbox.run(['--json', '--config', configFile, ...args], { env });

const STATUS_BY_EXIT: Readonly<Record<number, number>> = {
  [EXIT_CODES.usage]: HTTP_STATUS.badRequest,
  [EXIT_CODES.resolution]: HTTP_STATUS.unprocessable,
  [EXIT_CODES.network]: HTTP_STATUS.badGateway,
  [EXIT_CODES.config]: HTTP_STATUS.unavailable,
};

describe('every endpoint answers what the CLI prints', () => {
  const cases: readonly (readonly [LabEndpointName, string, readonly string[]])[] = [
    ['providers', '', ['providers']],
    ['models', '', ['models']],
    ['models', 'provider=together&provider=vllm', ['models', '--provider', 'together,vllm']],
    ['explain', 'ref=together:deepseek-ai/DeepSeek-V4-Pro', ['explain', 'together:deepseek-ai/DeepSeek-V4-Pro']],
    ['explain', 'provider=deepseek', ['explain', '--provider', 'deepseek']],
    [
      'explain',
      'ref=auto&purpose=summary&require=tools&require=json&prefer=cost',
      ['explain', 'auto', '--purpose', 'summary', '--require', 'tools,json', '--prefer', 'cost'],
    ],
    ['compare', 'model=deepseek-v4-pro', ['compare', 'deepseek-v4-pro']],
    ['receipts', '', ['receipts']],
    ['receipts', 'provider=vllm&limit=5', ['receipts', '--provider', 'vllm', '--limit', '5']],
    ['receipts-summary', 'by=provider', ['receipts', 'summary', '--by', 'provider']],
    ['receipts-summary', 'by=day&since=2026-12-01', ['receipts', 'summary', '--by', 'day', '--since', '2026-12-01']],
    ['discover', 'provider=vllm', ['discover', '--provider', 'vllm']],
    // Errors: the same error document, with the status of its category.
    ['explain', 'ref=--config=/etc/x', ['explain', '--', '--config=/etc/x']],
    ['models', 'provider=nope', ['models', '--provider', 'nope']],
    ['compare', '', ['compare']],
    ['receipts-summary', 'by=week', ['receipts', 'summary', '--by', 'week']],
    ['hub-search', 'query=qwen3&app=vllm', ['hub', 'search', 'qwen3', '--app', 'vllm']],
    ['passport', 'repo=Qwen/Qwen3-8B', ['passport', 'Qwen/Qwen3-8B']],
    ['serve-plan', 'target=Qwen/Qwen3-8B&gpu-mem=24GiB', ['serve-plan', 'Qwen/Qwen3-8B', '--gpu-mem', '24GiB']],
  ];
  it.each(cases)('/api/%s?%s equals %j', async (name, query, args) => {
    const [answer, run] = await Promise.all([ask(name, query), cli(args)]);
    expect(answer.text).toBe(run.stdout);
    expect(answer.headers['x-codewhale-exit-code']).toBe(String(run.code));
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.status).toBe(
      run.code === EXIT_CODES.ok ? HTTP_STATUS.ok : (STATUS_BY_EXIT[run.code] ?? HTTP_STATUS.internal),
    );
    const body = json(run) as Record<string, unknown>;
    if ('error' in body) {
      expect(OUTPUT_SCHEMAS['cli-error.schema.json'].schema.safeParse(body).success).toBe(true);
      return;
    }
    const schema = LAB_API[name].schema;
    if (schema === 'cli-receipts.schema.json') expect(checkReceiptList(body)).toEqual({ ok: true });
    else {
      const parsed = OUTPUT_SCHEMAS[schema as keyof typeof OUTPUT_SCHEMAS].schema.safeParse(body);
      expect(parsed.error).toBeUndefined();
    }
  });

  it('a flag-looking value never reads another config: ref=--config=… is a route the resolver refuses', async () => {
    const answer = await ask('explain', `ref=${encodeURIComponent('--config=/etc/passwd')}`);
    expect(answer.status).toBe(HTTP_STATUS.unprocessable);
    expect((answer.json as { error: { category: string } }).error.category).toBe('resolution');
    expect(answer.text).toContain('--config=/etc/passwd');
  });

  it('an unknown parameter is a usage error naming the allowed ones', async () => {
    const answer = await ask('compare', 'model=deepseek-v4-pro&config=/etc/passwd');
    expect(answer.status).toBe(HTTP_STATUS.badRequest);
    expect(answer.json).toEqual({
      schemaVersion: 1,
      error: {
        category: 'usage',
        exitCode: EXIT_CODES.usage,
        code: 'lab-unknown-param',
        message: 'Unknown parameter "config" for /api/compare.',
        hint: 'Its parameters: model.',
      },
    });
  });

  it('POST health against a loopback vLLM equals health --json (but for the time of the check)', async () => {
    const [answer, run] = await Promise.all([ask('health', 'provider=vllm'), cli(['health', '--provider', 'vllm'])]);
    const timeless = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replace(/"checkedAt":"[^"]*"/g, '"checkedAt":"(time)"')) as unknown;
    expect(timeless(answer.json)).toEqual(timeless(json(run)));
    expect(OUTPUT_SCHEMAS['cli-health.schema.json'].schema.parse(answer.json).checks).toEqual([
      expect.objectContaining({ providerId: 'vllm', result: expect.objectContaining({ state: 'up' }) }),
    ]);
  });

  it('/api/meta: version, catalog stamp, ledger folder, endpoints', async () => {
    const answer = await labRequest(lab.origin, '/api/meta', { headers: { Authorization: `Bearer ${lab.token}` } });
    answers.push(answer);
    const version = json(await sandbox.run(['--version', '--json'], { env })) as { version: string };
    expect(answer.json).toMatchObject({
      schemaVersion: 1,
      version: version.version,
      catalog: { format: 'codewhale-catalog-stamp/1' },
      ledgerDir: join(stateDir, 'receipts'),
      endpoints: JSON.parse(JSON.stringify(LAB_API)),
    });
  });

  it('serves the built page with the token in it', async () => {
    const answer = await labRequest(lab.origin, '/', { headers: { Cookie: `codewhale_lab_${lab.port}=${lab.token}` } });
    answers.push(answer);
    expect(answer.status).toBe(HTTP_STATUS.ok);
    expect(answer.text).toContain(`<meta name="codewhale-lab-token" content="${lab.token}"`);
    expect(answer.text).not.toContain('%CODEWHALE_LAB_TOKEN%');
  });

  it('never serves or prints a credential (canaries in the environment and the config)', () => {
    expect(answers.length).toBeGreaterThanOrEqual(22);
    const served = answers.map((answer) => `${JSON.stringify(answer.headers)}\n${answer.text}`).join('\n');
    for (const canary of Object.values(CANARIES)) {
      expect(served).not.toContain(canary);
      expect(lab.stdout()).not.toContain(canary);
      expect(lab.stderr()).not.toContain(canary);
    }
  });
});

describe('the command', () => {
  it('refuses an address that is not loopback without --expose (exit 2, the hint)', async () => {
    const text = await runLabChild(['--host', '0.0.0.0', '--port', '0'], env);
    expect(text.code).toBe(EXIT_CODES.usage);
    expect(text.stderr).toContain('not a loopback address');
    expect(text.stderr).toContain('add --expose');
    const doc = await runLabChild(['--host', '0.0.0.0', '--port', '0', '--json'], env);
    expect(doc.code).toBe(EXIT_CODES.usage);
    expect(JSON.parse(doc.stdout)).toMatchObject({ error: { code: 'lab-not-loopback', exitCode: EXIT_CODES.usage } });
  });

  it('with --expose on 0.0.0.0: starts, warns, accepts any Host but still wants the token', async () => {
    const exposed = await startLabChild(['--host', '0.0.0.0', '--port', '0', '--expose'], env);
    try {
      while (!exposed.stderr().includes('warning:')) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(exposed.stderr()).toContain('anyone who can reach this address and has the token can use it');
      const headers = { Host: `lab.example:${exposed.port}` };
      expect((await labRequest(exposed.origin, '/api/meta', { headers })).status).toBe(HTTP_STATUS.unauthorized);
      const authorized = { ...headers, Authorization: `Bearer ${exposed.token}` };
      expect((await labRequest(exposed.origin, '/api/meta', { headers: authorized })).status).toBe(HTTP_STATUS.ok);
    } finally {
      expect(await exposed.stop('SIGTERM')).toBe(EXIT_CODES.ok);
    }
  });

  it('prints the address and that it is private; SIGINT and SIGTERM end it with exit 0', async () => {
    const text = await startLabChild(['--port', '0'], env, { json: false });
    expect(text.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    while (!text.stdout().includes('Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text.stdout()).toBe(
      `CodeWhale Lab: ${text.url}\nLocal and private: only this machine can reach it, and only with the token in that address. Ctrl-C to stop.\n`,
    );
    expect(
      (await labRequest(text.origin, '/api/meta', { headers: { Authorization: `Bearer ${text.token}` } })).status,
    ).toBe(HTTP_STATUS.ok);
    expect(await text.stop('SIGINT')).toBe(EXIT_CODES.ok);
    const second = await startLabChild(['--port', '0'], env);
    expect(await second.stop('SIGTERM')).toBe(EXIT_CODES.ok);
    expect(second.stderr()).toBe('');
  });

  it.skipIf(process.platform !== 'linux')(
    '--open runs xdg-open with the address; without one it warns and serves on',
    async () => {
      const bin = join(sandbox.dir, 'bin');
      const opened = join(sandbox.dir, 'opened.txt');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`, { mode: 0o755 });
      const withOpener = await startLabChild(['--port', '0', '--open'], { ...env, PATH: `${bin}:${env.PATH}` });
      try {
        while (!existsSync(opened) || !readFileSync(opened, 'utf8').endsWith('\n'))
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(readFileSync(opened, 'utf8')).toBe(`${withOpener.url}\n`);
      } finally {
        expect(await withOpener.stop()).toBe(EXIT_CODES.ok);
      }
      const empty = join(sandbox.dir, 'empty-bin');
      mkdirSync(empty, { recursive: true });
      const without = await startLabChild(['--port', '0', '--open'], { ...env, PATH: empty });
      try {
        while (!without.stderr().includes('warning:')) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(without.stderr()).toContain('Could not open a browser (xdg-open');
        const answer = await labRequest(without.origin, '/api/meta', {
          headers: { Authorization: `Bearer ${without.token}` },
        });
        expect(answer.status).toBe(HTTP_STATUS.ok);
      } finally {
        expect(await without.stop()).toBe(EXIT_CODES.ok);
      }
    },
  );

  it('an explicit --port that is taken fails (exit 2); help lists the command', async () => {
    const taken = await runLabChild(['--port', String(lab.port)], env);
    expect(taken.code).toBe(EXIT_CODES.usage);
    expect(taken.stderr).toContain(`Port ${lab.port} on 127.0.0.1 is taken.`);
    const help = await sandbox.run(['--help'], { env });
    expect(help.stdout).toMatch(/\n\s+lab\s+Model Lab: a private web view/);
  });
});
