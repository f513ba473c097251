import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer } from './__fixtures__/recording-server.mjs';
import { leaks, makeWorkspace, placesOf, runRecipe } from './__fixtures__/run-recipe.mjs';

const DEEPSEEK_KEY = 'sk-recipe-mastra-deepseek-c2f915';
const AMBIENT = {
  DEEPSEEK_API_KEY: 'sk-ambient-deepseek-home-5d3e',
  TOGETHER_API_KEY: 'tgp-ambient-official-only-8e4a',
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
  runRecipe({ recipe: 'mastra', toml, args, server, directory: workspace.directory, env: { ...AMBIENT, ...env } });

const deepseekToml = (extra = '') =>
  `${extra}[providers.deepseek]\nbase_url = "${server.origin}/deepseek"\napi_key_env = "RECIPE_DEEPSEEK_KEY"\n`;

/** The checks every request of this file must pass. */
function expectRouteRequest(request, { stream }) {
  expect(request.method).toBe('POST');
  expect(request.url).toBe('/deepseek/chat/completions');
  expect(request.raw).toContain('"model":"deepseek-v4-pro"');
  expect(request.body).toMatchObject({
    model: 'deepseek-v4-pro',
    thinking: { type: 'enabled' },
    reasoning_effort: 'high',
  });
  expect(request.body.stream).toBe(stream ? true : undefined);
  expect(request.body.messages.at(-1)).toEqual({ role: 'user', content: 'Say hello in one short sentence.' });
  expect(request.headers.authorization).toBe(`Bearer ${DEEPSEEK_KEY}`);
  expect(placesOf(request, DEEPSEEK_KEY)).toEqual(['authorization']);
}

describe('examples/frameworks mastra.mjs (a Mastra Agent with a createCodewhale model)', () => {
  it('agent.generate sends one request on the route and prints the recorded answer', async () => {
    const { code, stdout, stderr } = await run(
      deepseekToml(),
      ['--route', 'deepseek:deepseek-v4-pro', '--reasoning', 'high'],
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
      'reasoning     high → {"thinking":{"type":"enabled"},"reasoning_effort":"high"} (from request)',
    );
    expect(stdout).toContain(
      '\n\nassistant> {\n  "location": "San Francisco",\n  "condition": "cloudy",\n  "temperature": 7\n}\n[finish: stop]\n',
    );
    expect(stdout + stderr).not.toContain(DEEPSEEK_KEY);

    expect(server.requests).toHaveLength(1);
    expectRouteRequest(server.requests[0], { stream: false });
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(server.proxied).toEqual([]);
  });

  it("agent.stream takes the config's default route and streams the recorded SSE answer", async () => {
    const toml = deepseekToml('provider = "deepseek"\nmodel = "deepseek-v4-pro"\nreasoning = "high"\n\n');
    const { code, stdout, stderr } = await run(toml, ['--stream'], { RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         deepseek:deepseek-v4-pro\n');
    expect(stdout).toContain(
      'reasoning     high → {"thinking":{"type":"enabled"},"reasoning_effort":"high"} (from config)',
    );
    expect(stdout).toMatch(/\n\nassistant> Hello there! 😊 How can I help you today\?\n\[finish: stop\]\n$/);

    expect(server.requests).toHaveLength(1);
    expectRouteRequest(server.requests[0], { stream: true });
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(server.proxied).toEqual([]);
  });

  it("reports a 401 that quotes the key without printing the key, Mastra's own error log included", async () => {
    const toml = `[providers.deepseek]\nbase_url = "${server.origin}/echo-key"\napi_key_env = "RECIPE_DEEPSEEK_KEY"\n`;
    for (const mode of [[], ['--stream']]) {
      const { code, stdout, stderr } = await run(toml, ['--route', 'deepseek:deepseek-v4-pro', ...mode], {
        RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY,
      });
      expect(code).toBe(4);
      // Mastra logs the failed call itself (the AI SDK's APICallError, response body included) before the recipe does.
      expect(stderr).toContain('Upstream LLM API error');
      expect(stderr).toContain(
        `mastra: the request to ${server.origin}/echo-key failed: Incorrect API key provided: [redacted].`,
      );
      expect(stdout + stderr).not.toContain(DEEPSEEK_KEY);
    }
    expect(server.requests.map((request) => placesOf(request, DEEPSEEK_KEY))).toEqual([
      ['authorization'],
      ['authorization'],
    ]);
    expect(server.proxied).toEqual([]);
  });
});
