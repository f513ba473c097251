import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVE_RUNTIMES as HUB_SERVE_RUNTIMES } from '@codewhale/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_RUNTIMES } from '../cli/commands.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { servePlanOutputSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

// @see issue 18 items 4 and 5: `serve-plan` reads the Hub only when run, prints loopback-bound commands, writes the
// [providers.<id>] table with the config editor, and `--check` proves the running server through the plugins.

const sandbox = createSandbox();
const TOKEN = 'hf_canary_token_5e0c1f9a7d';
// The recorded Hub bodies of @codewhale/hub's tests (see the .source.txt notes beside them).
const hubFixture = (path: string) => readFileSync(new URL(`../../../hub/src/${path}`, import.meta.url), 'utf8');
const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const LLAMA_SHA = '0e9e39f249a16976918f6564b8830bc894c89659';
const LLAMA_INFO = hubFixture('serve-plan/__fixtures__/model_info_gated_llama31_8b_instruct.json');
const LLAMA_CONFIG = hubFixture('serve-plan/__fixtures__/config_llama31_8b_instruct_ttmetal_copy.json');
// vLLM's recorded GET /v1/models body (copied from ../shared/fixtures/providers/vllm-models.json).
const VLLM_MODELS = hubFixture('serve-plan/__fixtures__/provider_vllm_models.json');

const servers: Server[] = [];
let hubOrigin = '';
const seen: { url: string; authorization: string | undefined }[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A loopback vLLM stand-in: /health 200, /v1/models replaying the recorded body with this card id and length. */
async function vllm(id: string, maxModelLen: number): Promise<number> {
  const recorded = JSON.parse(VLLM_MODELS) as { data: Record<string, unknown>[] };
  const body = JSON.stringify({
    ...recorded,
    data: recorded.data.map((card) => ({ ...card, id, root: id, max_model_len: maxModelLen })),
  });
  return listen((request, response) => {
    const send = (status: number, text: string) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(text);
    if (request.url === '/health') return send(200, '');
    if (request.url === '/v1/models') return send(200, body);
    send(404, '{"detail":"Not Found"}');
  });
}

beforeAll(async () => {
  const port = await listen((request, response) => {
    seen.push({ url: request.url ?? '/', authorization: request.headers.authorization });
    const url = new URL(request.url ?? '/', 'http://hub');
    const send = (status: number, body: string) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (url.pathname.startsWith(`/api/models/${LLAMA}`)) return send(200, LLAMA_INFO);
    if (url.pathname === `/${LLAMA}/resolve/${LLAMA_SHA}/config.json`) return send(200, LLAMA_CONFIG);
    send(404, JSON.stringify({ error: 'Entry not found' }));
  });
  hubOrigin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  sandbox.cleanup();
});

const env = () => ({ HF_ENDPOINT: hubOrigin, HF_TOKEN: TOKEN });

/** The parts of `serve-plan --json`'s plan these tests read (the full shape is servePlanOutputSchema). */
interface Fact {
  readonly value: number;
}
type Plan = {
  estimate: { weights: { bytes: Fact }; kvCache: { bytes: Fact }; total: Fact };
  fit: unknown;
  commands: { bindAddress: string; steps: { command: string }[]; warnings: { code: string }[] };
  config: { routeRef: string; values: Record<string, string> };
};

describe('codewhale-route serve-plan', () => {
  it('keeps its --runtime values equal to the hub package', () => {
    expect(SERVE_RUNTIMES).toEqual(HUB_SERVE_RUNTIMES);
  });

  it('--json: the memory by hand, the fit, commands bound to 127.0.0.1, the config and route', async () => {
    const run = await sandbox.run(['serve-plan', LLAMA, '--gpu-mem', '24GiB', '--context', '8192', '--json'], {
      env: env(),
    });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const out = json(run);
    expect(servePlanOutputSchema.safeParse(out).error).toBeUndefined();
    const { plan } = out as { plan: Plan };
    // Weights 8,030,261,248 BF16 × 2 B; KV 2 × 32 layers × 8 heads × 128 × 2 B = 131,072 B/token × 8,192 tokens.
    expect(plan.estimate.weights.bytes.value).toBe(16_060_522_496);
    expect(plan.estimate.kvCache.bytes.value).toBe(1_073_741_824);
    // Overhead 0.1 × 17,134,264,320 + 1 GiB = 2,787,168,256; total 19,921,432,576 B, under 24 GiB on one GPU.
    expect(plan.estimate.total.value).toBe(19_921_432_576);
    expect(plan.fit).toMatchObject({ status: 'fits', layout: { kind: 'tensor-parallel', size: 1 } });
    expect(plan.commands.bindAddress).toBe('127.0.0.1');
    expect(plan.commands.steps[0]?.command).toBe(
      `vllm serve ${LLAMA} --served-model-name ${LLAMA} --max-model-len 8192 --tensor-parallel-size 1 --host 127.0.0.1 --port 8000`,
    );
    expect(plan.config.routeRef).toBe(`vllm:${LLAMA}`);
    // The token went to the Hub only, and never into the output.
    expect(seen.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('text: the memory table with sources, the fit line, the commands, the config and the route, within 120 columns but the commands', async () => {
    const run = await sandbox.run(['serve-plan', LLAMA, '--gpu-mem', '24GiB', '--context', '8192'], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const text = run.stdout;
    expect(text).toContain('memory for 8,192 tokens × 1 sequence (context: --context)');
    expect(text).toMatch(/weights +14\.96 GiB +BF16 8030261248 × 2 B\n/);
    expect(text).toMatch(/KV cache +1\.00 GiB +1 × \(32 × 4096 B × 8192 tokens\)\n/);
    expect(text).toMatch(/per token +131,072 B +standard attention: 32 layers × 2 × 8 × 128 × 2 B\n/);
    expect(text).toMatch(/overhead +2\.60 GiB +0\.1 × \(16060522496 \+ 1073741824\) \+ 1073741824\n/);
    expect(text).toMatch(/total +18\.55 GiB +16060522496 weights \+ 1073741824 KV cache \+ 2787168256 overhead\n/);
    expect(text).toMatch(/sources\n +weights +safetensors\.parameters; assumptions below\n/);
    expect(text).toContain(
      'KV cache  config.json num_hidden_layers, num_key_value_heads, hidden_size, num_attention_heads, torch_dtype',
    );
    expect(text).toContain('fit: fits on 1 of 1 GPU(s), tensor-parallel 1: 18.55 GiB per GPU of 24.00 GiB.');
    expect(text).toContain('commands (bound to 127.0.0.1)');
    expect(text).toContain(`[providers.vllm]\n  base_url = "http://127.0.0.1:8000/v1"\n  model = "${LLAMA}"`);
    expect(text).toContain(`route: vllm:${LLAMA}`);
    // Every line fits 120 columns but the command itself (copied whole) and the source URLs.
    const wide = text.split('\n').filter((line) => line.length > 120);
    expect(wide.filter((line) => !line.startsWith('  vllm serve') && !line.startsWith('Read from'))).toEqual([]);
  });

  it('--expose: every interface only with a warning and an API key read from the environment', async () => {
    const run = await sandbox.run(['serve-plan', LLAMA, '--context', '8192', '--expose', '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const { plan } = json(run) as { plan: Plan };
    expect(plan.commands.bindAddress).toBe('0.0.0.0');
    expect(plan.commands.steps[0]?.command).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's own ${NAME:?} expansion, printed for the user.
      '--host 0.0.0.0 --port 8000 --api-key "${VLLM_API_KEY:?set VLLM_API_KEY}"',
    );
    expect(plan.commands.warnings[0]?.code).toBe('EXPOSED_ALL_INTERFACES');
    expect(plan.config.values).toEqual({
      base_url: 'http://127.0.0.1:8000/v1',
      model: LLAMA,
      api_key_env: 'VLLM_API_KEY',
    });
    const text = await sandbox.run(['serve-plan', LLAMA, '--context', '8192', '--expose'], { env: env() });
    expect(text.stdout).toContain(
      'warning: The server listens on every network interface (0.0.0.0:8000): anyone who can reach this machine can call it.\n         The command requires VLLM_API_KEY',
    );
  });

  it('--write-config writes the table into the config file, keeping what is there; --check proves a vLLM stand-in', async () => {
    sandbox.writeConfig('# mine\nprovider = "deepseek"\n');
    const port = await vllm(LLAMA, 8192);
    const run = await sandbox.run(
      ['serve-plan', LLAMA, '--context', '8192', '--port', String(port), '--write-config', '--check', '--json'],
      { env: env() },
    );
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const out = json(run) as { written: { keys: string[] }; check: { ok: boolean; proofs: { status: string }[] } };
    expect(out.written.keys).toEqual(['providers.vllm.base_url', 'providers.vllm.model']);
    expect(sandbox.readConfig()).toBe(
      `# mine\nprovider = "deepseek"\n\n[providers.vllm]\nbase_url = "http://127.0.0.1:${port}/v1"\nmodel = "${LLAMA}"\n`,
    );
    expect(out.check.ok).toBe(true);
    expect(out.check.proofs.map((proof) => proof.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('--check against a server with a smaller context: exit 4 and the fix', async () => {
    const port = await vllm(LLAMA, 4096);
    const run = await sandbox.run(['serve-plan', LLAMA, '--context', '8192', '--port', String(port), '--check'], {
      env: env(),
    });
    expect(run.code).toBe(EXIT_CODES.network);
    expect(run.stdout).toContain(
      'context-window: The server reports a context of 4,096 but the plan is 8,192: start it with `--max-model-len 8192`, or plan a smaller context.',
    );
  });

  it('an unknown target is a usage error naming what to pass', async () => {
    const run = await sandbox.run(['serve-plan', 'no such model', '--json'], { env: env() });
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(JSON.stringify(json(run))).toContain('pass a Hub repository id (owner/name');
  });
});
