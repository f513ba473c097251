import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer } from './__fixtures__/recording-server.mjs';
import { leaks, makeWorkspace, placesOf, runRecipe } from './__fixtures__/run-recipe.mjs';

const TOGETHER_KEY = 'tgp-recipe-ai-sdk-key-51c9e2';
const DEEPSEEK_KEY = 'sk-recipe-ai-sdk-deepseek-0b7d44';
const AMBIENT = {
  TOGETHER_API_KEY: 'tgp-ambient-official-only-4410',
  DEEPSEEK_API_KEY: 'sk-ambient-deepseek-home-9a2c',
};

let server;
let workspace;

beforeAll(async () => {
  server = await startRecordingServer({
    '/together/v1/chat/completions': { json: 'together_chat_nonstream.json', sse: 'together_chat_stream.sse' },
    '/echo-key/v1/chat/completions': { echoKey: 401 },
    '/deepseek/responses': {
      json: 'deepseek_v4flash_responses_api_nonstream.json',
      sse: 'deepseek_v4flash_responses_api_stream.sse',
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
  runRecipe({ recipe: 'ai-sdk', toml, args, server, directory: workspace.directory, env: { ...AMBIENT, ...env } });

const togetherToml = (extra = '') =>
  `[providers.together]\nbase_url = "${server.origin}/together/v1"\napi_key_env = "RECIPE_TOGETHER_KEY"\n${extra}`;

describe('examples/frameworks ai-sdk.mjs (createCodewhale in the AI SDK)', () => {
  it('generateText through createProviderRegistry: explains the route, then sends it exactly', async () => {
    const { code, stdout, stderr } = await run(
      togetherToml('reasoning = "medium"\n'),
      ['--route', 'together:deepseek-ai/DeepSeek-V4-Pro'],
      { RECIPE_TOGETHER_KEY: TOGETHER_KEY },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         together:deepseek-ai/DeepSeek-V4-Pro\n');
    expect(stdout).toContain(`endpoint      ${server.origin}/together/v1  chat-completions`);
    expect(stdout).toContain('auth          env:RECIPE_TOGETHER_KEY\n');
    expect(stdout).toContain('reasoning     medium → {"reasoning_effort":"medium"} (from config)');
    // The recorded Together answer, and its finish reason "eos" (not an AI SDK reason: "other").
    expect(stdout).toMatch(/\n\nassistant> one plus one is equal to two\.\n\[finish: other\]\n$/);
    expect(stdout + stderr).not.toContain(TOGETHER_KEY);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/together/v1/chat/completions');
    expect(request.raw).toContain('"model":"deepseek-ai/DeepSeek-V4-Pro"');
    expect(request.body).toMatchObject({ model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning_effort: 'medium' });
    expect(request.body.stream).toBeUndefined();
    expect(request.headers.authorization).toBe(`Bearer ${TOGETHER_KEY}`);
    expect(placesOf(request, TOGETHER_KEY)).toEqual(['authorization']);
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(server.proxied).toEqual([]);
  });

  it('streamText with a reasoning level through codewhale.route: the recorded SSE answer, the same request rules', async () => {
    const { code, stdout, stderr } = await run(
      togetherToml(),
      ['--route', 'together:deepseek-ai/DeepSeek-V4-Pro:novita', '--reasoning', 'high', '--stream'],
      { RECIPE_TOGETHER_KEY: TOGETHER_KEY },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('route         together:deepseek-ai/DeepSeek-V4-Pro:novita\n');
    expect(stdout).toContain('reasoning     high → {"reasoning_effort":"high"} (from request)');
    expect(stdout).toMatch(/\n\nassistant> 2\n\[finish: other\]\n$/);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.url).toBe('/together/v1/chat/completions');
    // A suffixed Hugging Face style id goes out byte-for-byte.
    expect(request.raw).toContain('"model":"deepseek-ai/DeepSeek-V4-Pro:novita"');
    expect(request.body).toMatchObject({ stream: true, reasoning_effort: 'high' });
    expect(placesOf(request, TOGETHER_KEY)).toEqual(['authorization']);
    expect(request.headers.authorization).toBe(`Bearer ${TOGETHER_KEY}`);
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(server.proxied).toEqual([]);
  });

  it("sends a route on DeepSeek's responses endpoint through @ai-sdk/openai, generating and streaming", async () => {
    const toml = `provider = "deepseek"\nmodel = "deepseek-v4-pro"\nreasoning = "max"\n\n[providers.deepseek]\nbase_url = "${server.origin}/deepseek"\nendpoint = "responses"\napi_key_env = "RECIPE_DEEPSEEK_KEY"\n`;
    const explained = [];
    for (const mode of [[], ['--stream']]) {
      const { code, stdout, stderr } = await run(toml, mode, { RECIPE_DEEPSEEK_KEY: DEEPSEEK_KEY });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain('route         deepseek:deepseek-v4-pro\n');
      expect(stdout).toContain(`endpoint      ${server.origin}/deepseek  responses`);
      expect(stdout).toContain('auth          env:RECIPE_DEEPSEEK_KEY\n');
      expect(stdout).toContain('assistant> The capital of France is Paris.\n[finish: stop]\n');
      expect(stdout + stderr).not.toContain(DEEPSEEK_KEY);
      // The route's reasoning parameters in the responses form, as the explanation prints them.
      explained.push(JSON.parse(stdout.match(/\nreasoning {5}max → (\{.*\}) \(from config\)\n/)?.[1] ?? 'null'));
    }

    expect(server.requests).toHaveLength(2);
    for (const [index, request] of server.requests.entries()) {
      expect(request.url).toBe('/deepseek/responses');
      expect(request.raw).toContain('"model":"deepseek-v4-pro"');
      expect(request.body.stream).toBe(index === 1 ? true : undefined);
      expect(Object.keys(explained[index] ?? {})).not.toHaveLength(0);
      expect(request.body).toMatchObject(explained[index]);
      expect(placesOf(request, DEEPSEEK_KEY)).toEqual(['authorization']);
      expect(request.headers.authorization).toBe(`Bearer ${DEEPSEEK_KEY}`);
    }
    expect(leaks(server.requests, Object.values(AMBIENT))).toEqual({});
    expect(server.proxied).toEqual([]);
  });

  it('reports a 401 that quotes the key without printing the key, generating and streaming', async () => {
    const toml = `[providers.together]\nbase_url = "${server.origin}/echo-key/v1"\napi_key_env = "RECIPE_TOGETHER_KEY"\n`;
    for (const mode of [[], ['--stream']]) {
      const { code, stdout, stderr } = await run(toml, ['--route', 'together:Org/Model', ...mode], {
        RECIPE_TOGETHER_KEY: TOGETHER_KEY,
      });
      expect(code).toBe(4);
      expect(stderr).toContain('Incorrect API key provided: [redacted].');
      expect(stdout + stderr).not.toContain(TOGETHER_KEY);
    }
    expect(server.requests.map((request) => placesOf(request, TOGETHER_KEY))).toEqual([
      ['authorization'],
      ['authorization'],
    ]);
    expect(server.proxied).toEqual([]);
  });

  it('refuses a route ref that does not resolve with the resolver’s reason, and sends nothing', async () => {
    const { code, stdout, stderr } = await run(togetherToml(), ['--route', 'togther:deepseek-ai/DeepSeek-V4-Pro'], {
      RECIPE_TOGETHER_KEY: TOGETHER_KEY,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ai-sdk: codewhale: route "togther:deepseek-ai\/DeepSeek-V4-Pro" did not resolve \(/);
    expect(server.requests).toEqual([]);
    expect(server.proxied).toEqual([]);
  });
});
