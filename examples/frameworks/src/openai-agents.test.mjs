import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer } from './__fixtures__/recording-server.mjs';
import { leaks, makeWorkspace, placesOf, runRecipe } from './__fixtures__/run-recipe.mjs';

const DEEPSEEK_KEY = 'sk-recipe-agents-deepseek-4e81c0';
const AMBIENT = {
  DEEPSEEK_API_KEY: 'sk-ambient-deepseek-home-77d1',
  TOGETHER_API_KEY: 'tgp-ambient-official-only-2b3f',
};

let server;
let workspace;

beforeAll(async () => {
  server = await startRecordingServer({
    '/echo-key/chat/completions': { echoKey: 401 },
    '/deepseek/chat/completions': {
      json: 'deepseek_reasoner_nonstream_cachehit.json',
      sse: 'deepseek_reasoner_stream_include_usage.sse',
    },
  });
  workspace = makeWorkspace();
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});
beforeEach(() => server.reset());

const run = (toml, args, env = {}) =>
  runRecipe({
    recipe: 'openai-agents',
    toml,
    args,
    server,
    directory: workspace.directory,
    env: { ...AMBIENT, ...env },
  });

const deepseekToml = () =>
  `[providers.deepseek]\nbase_url = "${server.origin}/deepseek"\napi_key_env = "RECIPE_DEEPSEEK_KEY"\n`;

describe('examples/frameworks openai-agents.mjs (@openai/agents, chat-completions model)', () => {
  it('runs one agent turn on the route: its URL, wire id, key header and reasoning body, and nothing else leaves', async () => {
    const { code, stdout, stderr } = await run(
      deepseekToml(),
      ['--route', 'deepseek:deepseek-v4-pro', '--reasoning', 'max'],
      {
        RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY,
      },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         deepseek:deepseek-v4-pro\n');
    expect(stdout).toContain(`endpoint      ${server.origin}/deepseek  chat-completions`);
    expect(stdout).toContain('auth          env:RECIPE_DEEPSEEK_KEY\n');
    expect(stdout).toContain(
      'reasoning     max → {"thinking":{"type":"enabled"},"reasoning_effort":"max"} (from request)',
    );
    // The recorded DeepSeek answer's content is the agent's final output.
    expect(stdout).toContain(
      '\n\nassistant> {\n  "location": "San Francisco",\n  "condition": "cloudy",\n  "temperature": 7\n}\n',
    );
    expect(stdout + stderr).not.toContain(DEEPSEEK_KEY);

    // One model call, and no trace export (tracing is off) nor anything else anywhere.
    expect(server.requests).toHaveLength(1);
    expect(server.proxied).toEqual([]);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/deepseek/chat/completions');
    expect(request.raw).toContain('"model":"deepseek-v4-pro"');
    expect(request.body).toMatchObject({
      model: 'deepseek-v4-pro',
      thinking: { type: 'enabled' },
      reasoning_effort: 'max',
      stream: false,
    });
    expect(request.body.messages.at(-1)).toEqual({ role: 'user', content: 'Say hello in one short sentence.' });
    expect(request.headers.authorization).toBe(`Bearer ${DEEPSEEK_KEY}`);
    expect(placesOf(request, DEEPSEEK_KEY)).toEqual(['authorization']);
    // OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_PROJECT_ID and the ambient keys: none sent.
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(request.headers['openai-organization']).toBeUndefined();
    expect(request.headers['openai-project']).toBeUndefined();
  });

  it('reports a 401 that quotes the key without printing the key', async () => {
    const toml = `[providers.deepseek]\nbase_url = "${server.origin}/echo-key"\napi_key_env = "RECIPE_DEEPSEEK_KEY"\n`;
    const { code, stdout, stderr } = await run(toml, ['--route', 'deepseek:deepseek-v4-pro'], {
      RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY,
    });
    expect(code).toBe(4);
    expect(stderr).toContain(`openai-agents: the request to ${server.origin}/echo-key failed: 401`);
    expect(stdout + stderr).not.toContain(DEEPSEEK_KEY);
    expect(server.requests.map((request) => placesOf(request, DEEPSEEK_KEY))).toEqual([['authorization']]);
    expect(server.proxied).toEqual([]);
  });

  it('refuses a route on a protocol the model does not speak, before anything is sent', async () => {
    const toml = `${deepseekToml()}endpoint = "anthropic"\n`;
    const { code, stdout, stderr } = await run(toml, ['--route', 'deepseek:deepseek-v4-pro'], {
      RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^openai-agents: unsupported-protocol: .*anthropic-messages/);
    expect(server.requests).toEqual([]);
    expect(server.proxied).toEqual([]);
  });
});
