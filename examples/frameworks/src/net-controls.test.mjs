// Controls for the recipe tests' net: without the recipes' settings, the frameworks do read OPENAI_* variables and do
// send traces to api.openai.com, and the recording server sees both. So "the server saw exactly the route's request,
// and `proxied` is empty" in a recipe test is a real finding, not a net with a hole.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer } from './__fixtures__/recording-server.mjs';
import { childEnv, makeWorkspace, OPENAI_CANARIES, runNode } from './__fixtures__/run-recipe.mjs';

let server;
let workspace;

beforeAll(async () => {
  server = await startRecordingServer({
    '/v1/chat/completions': { json: 'together_chat_nonstream.json' },
    '/openai-base-url-canary/v1/chat/completions': { json: 'together_chat_nonstream.json' },
  });
  workspace = makeWorkspace();
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});
beforeEach(() => server.reset());

const runModule = (code) =>
  runNode(
    ['--input-type=module', '-e', code.replaceAll('ORIGIN', server.origin)],
    childEnv(server, workspace.directory),
  );

describe('the recipe tests’ net (controls)', () => {
  it('catches the Agents SDK defaults: OPENAI_API_KEY from the environment and trace export to api.openai.com', async () => {
    const { code, stdout } = await runModule(`
      import { Agent, OpenAIChatCompletionsModel, run } from '@openai/agents';
      import OpenAI from 'openai';
      const model = new OpenAIChatCompletionsModel(new OpenAI({ baseURL: 'ORIGIN/v1' }), 'some-model');
      const result = await run(new Agent({ name: 'control', instructions: 'Answer.', model }), 'Hi');
      console.log(result.finalOutput);
    `);
    expect(code).toBe(0);
    expect(stdout).toBe('one plus one is equal to two.\n');
    expect(server.requests.map((request) => [request.url, request.headers.authorization])).toEqual([
      ['/v1/chat/completions', `Bearer ${OPENAI_CANARIES.OPENAI_API_KEY}`],
    ]);
    expect(server.proxied.length).toBeGreaterThan(0);
    expect(server.proxied).toContainEqual({ method: 'CONNECT', target: 'api.openai.com:443' });
  });

  it('catches a bare ChatOpenAI: OPENAI_BASE_URL and OPENAI_API_KEY read, and plain-HTTP requests to another host', async () => {
    const { code, stdout } = await runModule(`
      import { ChatOpenAI } from '@langchain/openai';
      const reply = await new ChatOpenAI({ model: 'some-model', maxRetries: 0 }).invoke('Hi');
      await fetch('http://example.invalid/by-fetch').catch(() => {});
      const { get } = await import('node:http');
      await new Promise((done) => get('http://example.invalid/by-node-http', (answer) => answer.resume().on('end', done)).on('error', done));
      console.log(reply.text);
    `);
    expect(code).toBe(0);
    expect(stdout).toBe('one plus one is equal to two.\n');
    expect(server.requests.map((request) => [request.url, request.headers.authorization])).toEqual([
      ['/openai-base-url-canary/v1/chat/completions', `Bearer ${OPENAI_CANARIES.OPENAI_API_KEY}`],
    ]);
    // fetch (undici) tunnels plain HTTP too; node:http sends the absolute URL to the proxy.
    expect(server.proxied).toEqual([
      { method: 'CONNECT', target: 'example.invalid:80' },
      { method: 'GET', target: 'http://example.invalid/by-node-http' },
    ]);
  });
});
