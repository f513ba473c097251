import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRegistry } from '@codewhale/core';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterEach, describe, expect, it } from 'vitest';
import { send, startLoopbackServer } from '../test-support/loopback-server.js';
import { checkServedRoute } from './check-served-route.js';
import { serveConfig } from './plan-serve.js';
import { knownFact } from './serve-fact.js';
import { serveCommands, type ServeRuntime } from './serve-commands.js';

// The recorded provider bodies (copied from ../shared/fixtures/providers, see the .source.txt notes).
const body = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const VLLM_MODELS = body('provider_vllm_models.json');
const SGLANG_MODELS = body('provider_sglang_models.json');
const OLLAMA_TAGS = body('provider_ollama_tags.json');
const OLLAMA_SHOW = body('provider_ollama_show.json');
const OLLAMA_VERSION = body('provider_ollama_version.json');

const registry = createRegistry({ plugins: [vllmPlugin, sglangPlugin, ollamaPlugin] });
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

/** The recorded `/v1/models` body with its one card's id (and root) and max_model_len set, or verbatim. */
function modelsBody(recorded: string, id?: string, maxModelLen?: number): string {
  if (id === undefined) return recorded;
  const parsed = JSON.parse(recorded) as { data: Record<string, unknown>[] };
  parsed.data = parsed.data.map((card) => ({ ...card, id, root: id, max_model_len: maxModelLen }));
  return JSON.stringify(parsed);
}

/** A loopback stand-in of vLLM or SGLang: /health 200, /v1/models replays a recorded body. */
async function openAiRuntime(models: string): Promise<number> {
  const server = await startLoopbackServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/health') return send(response, 200, '');
    if (request.url === '/v1/models') return send(response, 200, models);
    send(response, 404, '{"detail":"Not Found"}');
  });
  open.push(server);
  return Number(new URL(server.origin).port);
}

/** A loopback stand-in of Ollama: /api/version, /api/tags and POST /api/show replay recorded bodies. */
async function ollama(tags: string, show: string): Promise<number> {
  const server = await startLoopbackServer((request, response) => {
    if (request.url === '/api/version') return send(response, 200, OLLAMA_VERSION);
    if (request.url === '/api/tags') return send(response, 200, tags);
    if (request.url === '/api/show' && request.method === 'POST') {
      request.resume();
      request.on('end', () => send(response, 200, show));
      return;
    }
    send(response, 404, '{"error":"not found"}');
  });
  open.push(server);
  return Number(new URL(server.origin).port);
}

function plan(runtime: ServeRuntime, servedName: string, contextTokens: number, port: number) {
  const commands = serveCommands({
    runtime,
    repo: runtime === 'ollama' ? 'ggml-org/gemma-3-1b-it-GGUF' : 'meta-llama/Llama-3.1-8B-Instruct',
    servedName,
    contextTokens,
    tensorParallel: 1,
    port,
    ...(runtime === 'ollama' ? { quant: 'Q4_K_M' } : {}),
  });
  return {
    runtime,
    servedName,
    contextTokens: knownFact(contextTokens, 'option:contextTokens'),
    commands,
    config: serveConfig(runtime, commands),
  };
}

const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const GEMMA = 'hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M';
const env = {};

describe('checkServedRoute', () => {
  it('vLLM: passes for a server that serves the route wire id with the planned context', async () => {
    const port = await openAiRuntime(modelsBody(VLLM_MODELS, LLAMA, 131_072));
    const check = await checkServedRoute({ plan: plan('vllm', LLAMA, 131_072, port), registry, env });
    expect(check.proofs.map((proof) => [proof.name, proof.status])).toEqual([
      ['health', 'pass'],
      ['served-name', 'pass'],
      ['context-window', 'pass'],
    ]);
    expect(check).toMatchObject({
      ok: true,
      routeRef: `vllm:${LLAMA}`,
      wireModelId: LLAMA,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      servedModels: [LLAMA],
      reportedContextWindow: 131_072,
    });
  });

  it('vLLM: the recorded server serves another name: the exact mismatch and both fixes', async () => {
    const port = await openAiRuntime(VLLM_MODELS);
    const check = await checkServedRoute({ plan: plan('vllm', LLAMA, 131_072, port), registry, env });
    expect(check.ok).toBe(false);
    expect(check.proofs.find((proof) => proof.name === 'served-name')).toEqual({
      name: 'served-name',
      status: 'fail',
      message:
        'The server serves `seongil-dn/bge-m3-3800_steps_v2_234`, not `meta-llama/Llama-3.1-8B-Instruct`: start it with `--served-model-name meta-llama/Llama-3.1-8B-Instruct`, or set `[providers.vllm] model = "seongil-dn/bge-m3-3800_steps_v2_234"`.',
    });
  });

  it('SGLang: the recorded body matches a plan for Llama 3.1 8B at 131,072 tokens, and a smaller server context fails with the fix', async () => {
    const matching = await openAiRuntime(SGLANG_MODELS);
    const passed = await checkServedRoute({ plan: plan('sglang', LLAMA, 131_072, matching), registry, env });
    expect(passed.ok).toBe(true);
    const smaller = await openAiRuntime(modelsBody(SGLANG_MODELS, LLAMA, 32_768));
    const failed = await checkServedRoute({ plan: plan('sglang', LLAMA, 131_072, smaller), registry, env });
    expect(failed.proofs.find((proof) => proof.name === 'context-window')).toEqual({
      name: 'context-window',
      status: 'fail',
      message:
        'The server reports a context of 32,768 but the plan is 131,072: start it with `--context-length 131072`, or plan a smaller context.',
    });
    const vllmSmaller = await openAiRuntime(modelsBody(VLLM_MODELS, LLAMA, 32_768));
    const vllmFailed = await checkServedRoute({ plan: plan('vllm', LLAMA, 131_072, vllmSmaller), registry, env });
    expect(vllmFailed.proofs.find((proof) => proof.name === 'context-window')?.message).toBe(
      'The server reports a context of 32,768 but the plan is 131,072: start it with `--max-model-len 131072`, or plan a smaller context.',
    );
  });

  it('Ollama: passes when the served name is listed (the trained maximum may exceed num_ctx); fails for a wrong name and a smaller window', async () => {
    const tags = JSON.parse(OLLAMA_TAGS) as { models: Record<string, unknown>[] };
    const serving = JSON.stringify({ models: [{ ...tags.models[0], name: GEMMA, model: GEMMA }] });
    const matching = await ollama(serving, OLLAMA_SHOW);
    const passed = await checkServedRoute({ plan: plan('ollama', GEMMA, 32_768, matching), registry, env });
    expect(passed.proofs).toEqual([
      { name: 'health', status: 'pass', message: expect.stringContaining(`http://127.0.0.1:${matching}/v1 is up`) },
      {
        name: 'served-name',
        status: 'pass',
        message: `The server serves \`${GEMMA}\`, byte-for-byte the route's wire id.`,
      },
      {
        name: 'context-window',
        status: 'pass',
        message:
          "Ollama reports the model's trained maximum (131,072), not num_ctx; the Modelfile's `PARAMETER num_ctx 32768` sets the plan's 32,768.",
      },
    ]);

    const recorded = await ollama(OLLAMA_TAGS, OLLAMA_SHOW);
    const wrong = await checkServedRoute({ plan: plan('ollama', GEMMA, 32_768, recorded), registry, env });
    expect(wrong.proofs.find((proof) => proof.name === 'served-name')?.message).toBe(
      `The server serves \`deepseek-r1:latest\`, \`llama3.2:latest\`, not \`${GEMMA}\`: create it with \`ollama create ${GEMMA} -f Modelfile\`, or set \`[providers.ollama] model = "deepseek-r1:latest"\`.`,
    );

    const show = JSON.parse(OLLAMA_SHOW) as { model_info: Record<string, unknown> };
    show.model_info['gemma4.context_length'] = 8192;
    const small = await ollama(serving, JSON.stringify(show));
    const smaller = await checkServedRoute({ plan: plan('ollama', GEMMA, 32_768, small), registry, env });
    expect(smaller.proofs.find((proof) => proof.name === 'context-window')?.message).toBe(
      'The server reports a context of 8,192 but the plan is 32,768: set `PARAMETER num_ctx 32768` in the Modelfile and create the model again, or plan a smaller context.',
    );
  });

  it('a server that is not running fails the health proof with what to do, and decides nothing else', async () => {
    const port = await openAiRuntime('{}');
    await open.pop()?.close();
    const check = await checkServedRoute({ plan: plan('vllm', LLAMA, 8192, port), registry, env });
    expect(check.ok).toBe(false);
    expect(check.proofs[0]).toMatchObject({ name: 'health', status: 'fail' });
    expect(check.proofs[0]?.message).toContain(
      "start the server with the plan's command and wait until it has loaded the model.",
    );
    expect(check.proofs.slice(1).map((proof) => proof.status)).toEqual(['unknown', 'unknown']);
  });
});
