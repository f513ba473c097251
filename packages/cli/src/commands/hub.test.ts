import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { hubSearchOutputSchema, passportOutputSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

// @see issue 17 item 5: `hub search` and `passport` read the Hub only when run; the token goes only to the Hub.

const sandbox = createSandbox();
const TOKEN = 'hf_canary_token_8d21c7e05b';
const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/hub/${name}`, import.meta.url), 'utf8');
const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const GGUF = 'ggml-org/gemma-3-1b-it-GGUF';

let server: Server;
let origin = '';
const seen: { method: string; url: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    seen.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      authorization: request.headers.authorization,
    });
    const send = (status: number, body: string) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (url.pathname.startsWith(`/api/models/${LLAMA}`))
      return send(200, fixture('model_info_gated_llama31_8b_instruct.json'));
    if (url.pathname.startsWith(`/api/models/${GGUF}`)) return send(200, fixture('model_info_gguf_gemma3_1b.json'));
    if (url.pathname === '/api/models') {
      // Search (and the derived-repository look-ups of a passport): one result, the gated Llama.
      const info = JSON.parse(fixture('model_info_gated_llama31_8b_instruct.json')) as Record<string, unknown>;
      const { id, pipeline_tag, downloads, likes, gated, tags, lastModified } = info;
      return send(200, JSON.stringify([{ id, pipeline_tag, downloads, likes, gated, tags, lastModified }]));
    }
    if (url.pathname.startsWith('/api/models/')) return send(404, JSON.stringify({ error: 'Repository not found' }));
    // Model cards and gated-file checks: not served here.
    return send(404, JSON.stringify({ error: 'Entry not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  sandbox.cleanup();
});

const env = () => ({ HF_ENDPOINT: origin, HF_TOKEN: TOKEN });

describe('codewhale-route passport and hub search', () => {
  it('passport --json: licence, gating and per-dtype parameters from the Hub, routes only from the resolver', async () => {
    const run = await sandbox.run(['passport', LLAMA, '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(passportOutputSchema.safeParse(json(run)).error).toBeUndefined();
    const out = json(run) as {
      passport: {
        repo: string;
        licence: { known: boolean; value?: { id: string } };
        gating: { gated: { known: boolean; value?: unknown } };
        parameters: { byDtype: { known: boolean; value?: Record<string, number> } };
      };
      routes: { ref: string; ok: boolean; provider: string }[];
    };
    expect(out.passport.repo).toBe(LLAMA);
    expect(out.passport.licence).toMatchObject({ known: true, value: { id: 'llama3.1' } });
    expect(out.passport.gating.gated).toMatchObject({ known: true, value: 'manual' });
    expect(out.passport.parameters.byDtype).toMatchObject({ known: true, value: { BF16: 8030261248 } });
    for (const route of out.routes) expect(route.ref.startsWith(`${route.provider}:`)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    // The token went only to the Hub, as a bearer header.
    for (const request of seen) if (request.authorization) expect(request.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('passport in a terminal: licence and gating first, then size, lineage and routes', async () => {
    const run = await sandbox.run(['passport', GGUF], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toContain(GGUF);
    expect(lines[1]).toMatch(/^licence/);
    expect(lines[2]).toMatch(/^gated/);
    expect(run.stdout).toMatch(/gguf .*quantisations: .*Q4_K_M/);
    expect(run.stdout).toContain('routes (each made by the resolver)');
  });

  it('hub search lists models; a missing repository says what to check, exit 4', async () => {
    const run = await sandbox.run(['hub', 'search', 'llama', '--limit', '5', '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(hubSearchOutputSchema.safeParse(json(run)).error).toBeUndefined();
    expect(json(run)).toMatchObject({ models: [{ id: LLAMA }] });
    const query = seen.filter((request) => request.url.startsWith('/api/models?')).at(-1);
    expect(query?.url).toContain('search=llama');
    expect(query?.url).toContain('limit=5');
    const missing = await sandbox.run(['passport', 'nobody/nothing-here'], { env: env() });
    expect(missing.code).toBe(EXIT_CODES.network);
    expect(missing.stderr).toMatch(/name|not found/i);
  });

  it('explain and resolve never contact the Hub', async () => {
    const before = seen.length;
    const run = await sandbox.run(['explain', '--provider', 'huggingface', '--model', LLAMA], { env: env() });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    await sandbox.run(['resolve', `huggingface:${LLAMA}`, '--json'], { env: env() });
    expect(seen.length).toBe(before);
  });
});
