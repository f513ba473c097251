// @see issue 12 items 10 and 13: the live commands use the same endpoint rules as explain (<PROVIDER>_BASE_URL, and
// OLLAMA_HOST as Ollama's own tools read it), and without --provider they contact only the providers the user configured
// or has a key for, saying which were skipped and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import {
  discoverOutputSchema,
  explainOutputSchema,
  healthOutputSchema,
  modelsOutputSchema,
  providersOutputSchema,
  usageOutputSchema,
} from '../output/schemas.js';
import { closeReplays, createSandbox, fixture, json, replay, type Replay } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();
let ollama: Replay;
let vllm: Replay;

const ollamaRoutes = () => ({
  'GET /api/tags': { status: 200, json: fixture('ollama-tags') },
  'POST /api/show': { status: 200, json: fixture('ollama-show') },
  'GET /api/version': { status: 200, json: fixture('ollama-version') },
  'GET /api/ps': { status: 200, json: fixture('ollama-ps') },
});

beforeAll(async () => {
  ollama = await replay(ollamaRoutes());
  vllm = await replay({
    'GET /v1/models': { status: 200, json: fixture('vllm-models') },
    'GET /health': { status: 200, text: '' },
    'GET /version': { status: 200, json: { version: '0.28.0' } },
  });
});
afterAll(async () => {
  await closeReplays();
  sandbox.cleanup();
});

const port = (server: Replay) => new URL(server.url).port;

describe('<PROVIDER>_BASE_URL and OLLAMA_HOST in the live commands (issue 12 item 10)', () => {
  // Found by re-running the docs' examples: explain honoured the wrapper's session choice, the live commands did not.
  it('the wrapper env (CODEWHALE_PROVIDER, CODEWHALE_BASE_URL) chooses the provider and endpoint as it does for explain', async () => {
    sandbox.writeConfig('');
    const env = { CODEWHALE_PROVIDER: 'ollama', CODEWHALE_BASE_URL: `${ollama.url}/v1` };
    const explained = explainOutputSchema.parse(
      json(await sandbox.run(['explain', '--model', 'qwen3-coder:30b', '--json'], { env })),
    );
    expect(explained.endpoint.baseUrl).toBe(`${ollama.url}/v1`);
    const before = ollama.requests.length;
    const health = await sandbox.run(['health', '--json'], { env });
    expect(health.code, health.stderr).toBe(EXIT_CODES.ok);
    expect(healthOutputSchema.parse(json(health)).checks).toMatchObject([
      { providerId: 'ollama', endpoint: `${ollama.url}/v1`, result: { state: 'up' } },
    ]);
    const discover = await sandbox.run(['discover', '--json'], { env });
    expect(discoverOutputSchema.parse(json(discover)).results).toMatchObject([
      { providerId: 'ollama', endpoint: `${ollama.url}/v1`, status: 'ok' },
    ]);
    expect(ollama.requests.length).toBeGreaterThan(before);
    // A flag still wins over the wrapper's provider, and the wrapper's base URL stays with one named provider.
    const both = await sandbox.run(['health', '--provider', 'ollama,vllm', '--json'], { env });
    expect(healthOutputSchema.parse(json(both)).checks.find((check) => check.providerId === 'ollama')?.endpoint).toBe(
      'http://127.0.0.1:11434/v1',
    );
  });

  it('health, discover, usage and models --live go where explain goes', async () => {
    sandbox.writeConfig('');
    const envs: Record<string, string>[] = [
      { OLLAMA_BASE_URL: `${ollama.url}/v1` },
      { OLLAMA_HOST: `127.0.0.1:${port(ollama)}` },
      { OLLAMA_HOST: `http://127.0.0.1:${port(ollama)}` },
    ];
    for (const env of envs) {
      const explained = explainOutputSchema.parse(
        json(await sandbox.run(['explain', '--provider', 'ollama', '--model', 'qwen3-coder:30b', '--json'], { env })),
      );
      expect(explained.endpoint.baseUrl).toBe(`${ollama.url}/v1`);

      const before = ollama.requests.length;
      const health = await sandbox.run(['health', '--provider', 'ollama', '--json'], { env });
      expect(health.code, health.stderr).toBe(EXIT_CODES.ok);
      expect(healthOutputSchema.parse(json(health)).checks).toMatchObject([
        { providerId: 'ollama', endpoint: `${ollama.url}/v1`, result: { state: 'up' } },
      ]);
      expect(ollama.requests.length).toBeGreaterThan(before);

      const discover = await sandbox.run(['discover', '--provider', 'ollama', '--json'], { env });
      expect(discover.code, discover.stderr).toBe(EXIT_CODES.ok);
      expect(discoverOutputSchema.parse(json(discover)).results).toMatchObject([
        { providerId: 'ollama', endpoint: `${ollama.url}/v1`, status: 'ok', models: 2 },
      ]);

      const usage = await sandbox.run(['usage', '--provider', 'ollama', '--json'], { env });
      expect(usage.code, usage.stderr).toBe(EXIT_CODES.ok);
      expect(usageOutputSchema.parse(json(usage)).reports[0]?.reading).toMatchObject({ kind: 'local' });

      // providers shows the endpoint the live commands contact, and which variable chose it.
      const providers = providersOutputSchema.parse(json(await sandbox.run(['providers', '--json'], { env })));
      expect(providers.providers.find((provider) => provider.id === 'ollama')?.endpoint).toMatchObject({
        baseUrl: `${ollama.url}/v1`,
        source: `env:${Object.keys(env)[0]}`,
      });

      const models = await sandbox.run(['models', '--provider', 'ollama', '--live', '--json'], { env });
      expect(models.code, models.stderr).toBe(EXIT_CODES.ok);
      expect(modelsOutputSchema.parse(json(models)).models.some((row) => row.source === 'live')).toBe(true);
    }
  });

  it('explain reports a provider variable that lost to an earlier one', async () => {
    sandbox.writeConfig('');
    const document = explainOutputSchema.parse(
      json(
        await sandbox.run(['explain', '--provider', 'ollama', '--model', 'qwen3-coder:30b', '--json'], {
          env: { OLLAMA_BASE_URL: `${ollama.url}/v1`, OLLAMA_HOST: '127.0.0.1:1' },
        }),
      ),
    );
    expect(document.endpoint.baseUrl).toBe(`${ollama.url}/v1`);
    expect(document.ignoredEnv).toEqual([{ name: 'OLLAMA_HOST', reason: 'OLLAMA_BASE_URL is set and is read first' }]);
    expect(document.inputs.find((input) => input.input === 'baseUrl')).toMatchObject({
      source: 'env',
      label: 'env OLLAMA_BASE_URL',
    });
  });

  it('a flag-less vLLM base URL from VLLM_BASE_URL is probed, not the default port', async () => {
    sandbox.writeConfig('');
    const env = { VLLM_BASE_URL: `${vllm.url}/v1` };
    const health = await sandbox.run(['health', '--provider', 'vllm', '--json'], { env });
    expect(health.code, health.stderr).toBe(EXIT_CODES.ok);
    expect(healthOutputSchema.parse(json(health)).checks).toMatchObject([
      { providerId: 'vllm', endpoint: `${vllm.url}/v1`, result: { state: 'up', version: '0.28.0' } },
    ]);
  });
});

describe('without --provider: only what the user configured or has a key for (issue 12 item 13)', () => {
  it('health probes only the configured runtime, says which were skipped and why, and exits 0 when it is up', async () => {
    sandbox.writeConfig(`[providers.ollama]\nbase_url = "${ollama.url}/v1"\n`);
    const run = await sandbox.run(['health', '--json']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const document = healthOutputSchema.parse(json(run));
    expect(document.checks.map((check) => [check.providerId, check.result.state])).toEqual([['ollama', 'up']]);
    const skipped = document.skipped ?? [];
    expect(skipped.map((entry) => entry.providerId)).toEqual(expect.arrayContaining(['sglang', 'vllm']));
    for (const entry of skipped) expect(entry.reason).not.toBe('');
    const text = await sandbox.run(['health']);
    expect(text.code).toBe(EXIT_CODES.ok);
    expect(text.stdout).toMatch(/^ollama +\S+ +up /m);
    expect(text.stdout).toMatch(/skipped/i);
    expect(text.stdout).toMatch(/sglang/);
    expect(text.stdout).not.toMatch(/\bdown\b/);
  });

  it('health exits 4 when a configured runtime is down', async () => {
    const closed = await replay({});
    const url = closed.url;
    await closed.close();
    sandbox.writeConfig(
      `[providers.ollama]\nbase_url = "${ollama.url}/v1"\n\n[providers.vllm]\nbase_url = "${url}/v1"\n`,
    );
    const run = await sandbox.run(['health', '--json']);
    expect(run.code).toBe(EXIT_CODES.network);
    expect(healthOutputSchema.parse(json(run)).checks.map((check) => [check.providerId, check.result.state])).toEqual([
      ['vllm', 'down'],
      ['ollama', 'up'],
    ]);
  });

  it('discover contacts only configured or keyed providers: never the Hugging Face router unless configured', async () => {
    sandbox.writeConfig(`[providers.ollama]\nbase_url = "${ollama.url}/v1"\n`);
    const run = await sandbox.run(['discover', '--json'], { env: { HF_TOKEN: '' } });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const document = discoverOutputSchema.parse(json(run));
    const contacted = document.results
      .filter((result) => result.status !== 'skipped')
      .map((result) => result.providerId);
    expect(contacted).toEqual(['ollama']);
    expect(document.results.find((result) => result.providerId === 'huggingface')?.status ?? 'skipped').toBe('skipped');
    const text = await sandbox.run(['discover']);
    expect(text.stdout).toMatch(/skipped/);
  });
});
