import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackOpenAIServer } from './__fixtures__/loopback-openai-server.mjs';

const HOST = fileURLToPath(new URL('./host.mjs', import.meta.url));
const TOGETHER_KEY = 'tgp-host-test-key-b71e04';
const AMBIENT_DEEPSEEK_KEY = 'sk-ambient-deepseek-must-stay-home-3c9d';
const CREDENTIAL_LIKE =
  /^(authorization|proxy-authorization|x-api-key|api-key|cookie|openai-organization|openai-project)$|key|token|secret|auth/i;

let server;
let directory;

beforeAll(async () => {
  server = await startLoopbackOpenAIServer('Hello from the example host. ');
  directory = mkdtempSync(join(tmpdir(), 'codewhale-host-'));
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

/** Run the host as a child process with a config file and a clean environment (no inherited keys). */
function runHost(toml, args = [], env = {}) {
  const config = join(directory, `config-${Math.random().toString(36).slice(2)}.toml`);
  writeFileSync(config, toml);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [HOST, '--config', config, ...args],
      { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const credentialHeaders = (request) =>
  Object.fromEntries(Object.entries(request.headers).filter(([name]) => CREDENTIAL_LIKE.test(name)));

describe('examples/host against a loopback OpenAI-compatible server', () => {
  it('resolves a vLLM route from config, explains it, and prints the reply (generateText)', async () => {
    const toml = `provider = "vllm"\n\n[providers.vllm]\nbase_url = "${server.origin}/v1"\nmodel = "My-Org/Served_Name"\nreasoning = "high"\n`;
    const { code, stdout, stderr } = await runHost(toml);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         vllm:My-Org/Served_Name\n');
    expect(stdout).toContain(`endpoint      ${server.origin}/v1  chat-completions`);
    expect(stdout).toContain('auth          not-required\n');
    expect(stdout).toContain('reasoning     high → {"reasoning_effort":"high"} (from config)');
    expect(stdout).toContain('provider      Your config\'s default provider is "vllm". [config]');
    expect(stdout).toMatch(/\n\nassistant> Hello from the example host. \n\[finish: stop\]\n$/);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body.model).toBe('My-Org/Served_Name');
    expect(request.body.reasoning_effort).toBe('high');
    expect(credentialHeaders(request)).toEqual({});
  });

  it('sends a Together id with a suffix byte-for-byte, with its bound key only, and streams the reply (streamText)', async () => {
    const toml = `[providers.together]\nbase_url = "${server.origin}/together/v1"\napi_key_env = "HOST_TEST_TOGETHER_KEY"\n`;
    const { code, stdout, stderr } = await runHost(
      toml,
      ['--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro:novita', '--reasoning', 'medium', '--stream'],
      {
        HOST_TEST_TOGETHER_KEY: TOGETHER_KEY,
        DEEPSEEK_API_KEY: AMBIENT_DEEPSEEK_KEY,
        TOGETHER_API_KEY: 'tgp-ambient-official-only-key',
      },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         together:deepseek-ai/DeepSeek-V4-Pro:novita\n');
    expect(stdout).toContain('auth          env:HOST_TEST_TOGETHER_KEY\n');
    expect(stdout).toContain('custom chat endpoint');
    expect(stdout).toContain('provider      You named provider "together" (flag --provider). [explicit]');
    expect(stdout).toContain('assistant> Hello from the example host. \n[finish: stop]\n');
    expect(stdout + stderr).not.toContain(TOGETHER_KEY);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(request.body).toMatchObject({
      model: 'deepseek-ai/DeepSeek-V4-Pro:novita',
      stream: true,
      reasoning_effort: 'medium',
    });
    expect(credentialHeaders(request)).toEqual({ authorization: `Bearer ${TOGETHER_KEY}` });
  });

  it("sends DeepSeek's thinking parameters to a DeepSeek-compatible server at a custom base URL", async () => {
    const toml = `provider = "deepseek"\nmodel = "deepseek-v4-pro"\nreasoning = "max"\n\n[providers.deepseek]\nbase_url = "${server.origin}/deepseek"\napi_key_env = "HOST_TEST_DEEPSEEK_KEY"\n`;
    const { code, stdout, stderr } = await runHost(toml, [], {
      HOST_TEST_DEEPSEEK_KEY: 'sk-host-test-deepseek-5a1f',
      DEEPSEEK_API_KEY: AMBIENT_DEEPSEEK_KEY,
    });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'reasoning     max → {"thinking":{"type":"enabled"},"reasoning_effort":"max"} (from config)',
    );
    const [request] = server.requests;
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(request.body).toMatchObject({
      model: 'deepseek-v4-pro',
      thinking: { type: 'enabled' },
      reasoning_effort: 'max',
    });
    expect(credentialHeaders(request)).toEqual({ authorization: 'Bearer sk-host-test-deepseek-5a1f' });
  });

  it("refuses DeepSeek's anthropic-messages endpoint at resolution and sends nothing", async () => {
    const toml = `provider = "deepseek"\n\n[providers.deepseek]\nendpoint = "anthropic"\n`;
    const { code, stdout, stderr } = await runHost(toml, [], { DEEPSEEK_API_KEY: AMBIENT_DEEPSEEK_KEY });

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^host: unsupported-protocol: .*anthropic-messages/);
    expect(stderr).not.toContain(AMBIENT_DEEPSEEK_KEY);
    expect(server.requests).toHaveLength(0);
  });

  it('explains a route whose key is missing, then stops before sending anything', async () => {
    const toml = `[providers.together]\nbase_url = "${server.origin}/together/v1"\napi_key_env = "HOST_TEST_UNSET_KEY"\n`;
    const { code, stdout, stderr } = await runHost(toml, ['--provider', 'together', '--model', 'My-Org/Served_Name'], {
      TOGETHER_API_KEY: 'tgp-ambient-official-only-key',
    });

    expect(code).toBe(3);
    expect(stdout).toContain('auth          missing\n');
    expect(stderr).toMatch(/^host: together:My-Org\/Served_Name: the resolver found no key for Together AI/);
    expect(stdout + stderr).not.toContain('tgp-ambient-official-only-key');
    expect(server.requests).toHaveLength(0);
  });

  it('reports a refused key (401) without printing it, in both generate and stream mode', async () => {
    const toml = `[providers.together]\nbase_url = "${server.origin}/unauthorized/v1"\napi_key_env = "HOST_TEST_TOGETHER_KEY"\n`;
    for (const mode of [[], ['--stream']]) {
      const { code, stdout, stderr } = await runHost(
        toml,
        ['--provider', 'together', '--model', 'Org/Model', ...mode],
        { HOST_TEST_TOGETHER_KEY: TOGETHER_KEY },
      );
      expect(code).toBe(4);
      expect(stderr).toContain(
        `host: the request to ${server.origin}/unauthorized/v1 failed: Incorrect API key provided.`,
      );
      expect(stdout + stderr).not.toContain(TOGETHER_KEY);
    }
    expect(server.requests.map((request) => credentialHeaders(request))).toEqual([
      { authorization: `Bearer ${TOGETHER_KEY}` },
      { authorization: `Bearer ${TOGETHER_KEY}` },
    ]);
  });

  // @see issue 13 item 6: the host prints error messages, and the AI SDK does not redact them.
  it('redacts a key the provider echoes in its 401 body, in both generate and stream mode', async () => {
    const CANARY = 'plain-host-canary-Qx4471';
    const toml = `[providers.together]\nbase_url = "${server.origin}/echo-key/v1"\napi_key_env = "HOST_TEST_TOGETHER_KEY"\n`;
    for (const mode of [[], ['--stream']]) {
      const { code, stdout, stderr } = await runHost(
        toml,
        ['--provider', 'together', '--model', 'Org/Model', ...mode],
        { HOST_TEST_TOGETHER_KEY: CANARY },
      );
      expect(code).toBe(4);
      expect(stderr).toContain(
        `host: the request to ${server.origin}/echo-key/v1 failed: Incorrect API key provided: [redacted].`,
      );
      expect(stdout + stderr).not.toContain(CANARY);
    }
    expect(server.requests.map((request) => credentialHeaders(request))).toEqual([
      { authorization: `Bearer ${CANARY}` },
      { authorization: `Bearer ${CANARY}` },
    ]);
  });

  // @see issue 13 item 6: a TOML parser's message quotes the offending line, here an unterminated api_key string.
  it('reports a malformed config line without quoting it (a canary api_key stays unprinted)', async () => {
    const CANARY = 'sk-host-toml-canary-8d2c71e0aa';
    for (const toml of [
      `[providers.together]\napi_key = "${CANARY}\nmodel = "x"\n`,
      `[providers.together]\napi_key = ${CANARY}\n`,
      `[providers.together]\napi_key = "${CANARY}" "again"\n`,
    ]) {
      const { code, stdout, stderr } = await runHost(toml);
      expect(code).toBe(64);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^host: .*config-[a-z0-9]+\.toml:2:\d+: invalid TOML/);
      expect(stdout + stderr).not.toContain(CANARY);
      expect(stdout + stderr).not.toContain('host-toml-canary');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a config file that is not there, naming it', async () => {
    const missing = join(directory, 'no-such-config.toml');
    const { code, stderr } = await new Promise((resolve) => {
      execFile(
        process.execPath,
        [HOST, '--config', missing],
        { env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
      );
    });
    expect(code).toBe(64);
    expect(stderr).toContain(missing);
  });
});
