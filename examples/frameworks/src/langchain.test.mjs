import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer } from './__fixtures__/recording-server.mjs';
import { leaks, makeWorkspace, OPENAI_CANARIES, placesOf, runRecipe } from './__fixtures__/run-recipe.mjs';

const TOGETHER_KEY = 'tgp-recipe-langchain-key-93aa0f';
const AMBIENT = {
  TOGETHER_API_KEY: 'tgp-ambient-official-only-6c12',
  DEEPSEEK_API_KEY: 'sk-ambient-deepseek-home-1e0b',
};

let server;
let workspace;

beforeAll(async () => {
  server = await startRecordingServer({
    '/echo-key/v1/chat/completions': { echoKey: 401 },
    '/together/v1/chat/completions': { json: 'together_chat_nonstream.json', sse: 'together_chat_stream.sse' },
  });
  workspace = makeWorkspace();
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});
beforeEach(() => server.reset());

const run = (toml, args, env = {}) =>
  runRecipe({ recipe: 'langchain', toml, args, server, directory: workspace.directory, env: { ...AMBIENT, ...env } });

const togetherToml = () =>
  `[providers.together]\nbase_url = "${server.origin}/together/v1"\napi_key_env = "RECIPE_TOGETHER_KEY"\n`;

describe('examples/frameworks langchain.mjs (@langchain/openai ChatOpenAI)', () => {
  it("sends to the route with the route's key, never OPENAI_API_KEY, and the reasoning parameters via modelKwargs", async () => {
    const { code, stdout, stderr } = await run(
      togetherToml(),
      ['--route', 'together:deepseek-ai/DeepSeek-V4-Pro', '--reasoning', 'high'],
      { RECIPE_TOGETHER_KEY: TOGETHER_KEY },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         together:deepseek-ai/DeepSeek-V4-Pro\n');
    expect(stdout).toContain(`endpoint      ${server.origin}/together/v1  chat-completions`);
    expect(stdout).toContain('auth          env:RECIPE_TOGETHER_KEY\n');
    expect(stdout).toContain('reasoning     high → {"reasoning_effort":"high"} (from request)');
    expect(stdout).toMatch(/\n\nassistant> one plus one is equal to two\.\n$/);
    expect(stdout + stderr).not.toContain(TOGETHER_KEY);
    expect(stdout + stderr).not.toContain(OPENAI_CANARIES.OPENAI_API_KEY);

    // Exactly the one request to the route: not to OPENAI_BASE_URL, not to a LangSmith gateway, not anywhere else.
    expect(server.requests).toHaveLength(1);
    expect(server.proxied).toEqual([]);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(request.raw).toContain('"model":"deepseek-ai/DeepSeek-V4-Pro"');
    expect(request.body).toMatchObject({
      model: 'deepseek-ai/DeepSeek-V4-Pro',
      reasoning_effort: 'high',
      stream: false,
    });
    // The route's key in its one header; the OPENAI_API_KEY canary (set in the child's environment) nowhere.
    expect(request.headers.authorization).toBe(`Bearer ${TOGETHER_KEY}`);
    expect(placesOf(request, TOGETHER_KEY)).toEqual(['authorization']);
    expect(placesOf(request, OPENAI_CANARIES.OPENAI_API_KEY)).toEqual([]);
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(request.headers['openai-organization']).toBeUndefined();
    expect(request.headers['openai-project']).toBeUndefined();
  });

  it('reports a 401 that quotes the key without printing the key', async () => {
    const toml = `[providers.together]\nbase_url = "${server.origin}/echo-key/v1"\napi_key_env = "RECIPE_TOGETHER_KEY"\n`;
    const { code, stdout, stderr } = await run(toml, ['--route', 'together:Org/Model'], {
      RECIPE_TOGETHER_KEY: TOGETHER_KEY,
    });
    expect(code).toBe(4);
    expect(stderr).toContain(`langchain: the request to ${server.origin}/echo-key/v1 failed:`);
    expect(stderr).toContain('Incorrect API key provided: [redacted].');
    expect(stdout + stderr).not.toContain(TOGETHER_KEY);
    expect(server.requests.map((request) => placesOf(request, TOGETHER_KEY))).toEqual([['authorization']]);
    expect(server.proxied).toEqual([]);
  });

  it('stops at a route whose key is missing, saying which, and never falls back to OPENAI_API_KEY', async () => {
    const { code, stdout, stderr } = await run(togetherToml(), ['--route', 'together:deepseek-ai/DeepSeek-V4-Pro']);
    expect(code).toBe(3);
    // prepareRoute returns the route without its key: the recipe shows where it would go, and what to set.
    expect(stdout).toMatch(/auth\s+missing/);
    expect(stderr).toMatch(
      /^langchain: together:deepseek-ai\/DeepSeek-V4-Pro: No credential for Together AI: set RECIPE_TOGETHER_KEY/,
    );
    expect(stdout + stderr).not.toContain(OPENAI_CANARIES.OPENAI_API_KEY);
    expect(stdout + stderr).not.toContain(AMBIENT.TOGETHER_API_KEY);
    expect(server.requests).toEqual([]);
    expect(server.proxied).toEqual([]);
  });
});
