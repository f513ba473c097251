import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@codewhale/core';
import { loadConfig } from '@codewhale/node';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient } from '../create-hub-client.js';
import type { HubClient } from '../hub-types.js';
import { fixtureText, send, startLoopbackServer } from '../test-support/loopback-server.js';
import { parseByteSize } from './byte-size.js';
import { planServe, resolveServeTarget, writeServeConfig } from './plan-serve.js';
import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

const serveFixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const LLAMA_INFO = serveFixture('model_info_gated_llama31_8b_instruct.json');
const LLAMA_CONFIG = serveFixture('config_llama31_8b_instruct_ttmetal_copy.json');
const GEMMA_GGUF_INFO = fixtureText('model_info_gguf_gemma3_1b.json');
// Made-up sizes for the GGUF files (the recorded answer has none; the Hub gives them with blobs=true).
const GGUF_SIZES: Record<string, number> = {
  'gemma-3-1b-it-Q4_K_M.gguf': 806_058_144,
  'gemma-3-1b-it-Q8_0.gguf': 1_069_306_016,
  'gemma-3-1b-it-f16.gguf': 2_006_573_568,
};

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

/** A loopback Hub serving the recorded Llama 3.1 8B and Gemma 3 1B GGUF answers and Llama's config.json. */
async function hub(): Promise<HubClient> {
  const server = await startLoopbackServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/models/meta-llama/Llama-3.1-8B-Instruct')) return send(response, 200, LLAMA_INFO);
    if (
      url.pathname === '/meta-llama/Llama-3.1-8B-Instruct/resolve/0e9e39f249a16976918f6564b8830bc894c89659/config.json'
    )
      return send(response, 200, LLAMA_CONFIG);
    if (url.pathname.startsWith('/api/models/ggml-org/gemma-3-1b-it-GGUF')) {
      if (url.searchParams.get('blobs') !== 'true') return send(response, 200, GEMMA_GGUF_INFO);
      const body = JSON.parse(GEMMA_GGUF_INFO) as { siblings: { rfilename: string }[] };
      body.siblings = body.siblings.map((file) =>
        GGUF_SIZES[file.rfilename] ? { ...file, size: GGUF_SIZES[file.rfilename] } : file,
      );
      return send(response, 200, JSON.stringify(body));
    }
    send(response, 404, '{"error":"Entry not found"}');
  });
  open.push(server);
  const client = createHubClient({ env: { HF_ENDPOINT: server.origin } });
  open.push(client);
  return client;
}

const registry = createRegistry({ plugins: [togetherPlugin, vllmPlugin, sglangPlugin, ollamaPlugin] });

describe('planServe', () => {
  it('plans Llama 3.1 8B on vLLM: weights, KV cache and total by hand, the model maximum as context, loopback commands, the config', async () => {
    const plan = await planServe({ client: await hub(), target: 'meta-llama/Llama-3.1-8B-Instruct', runtime: 'vllm' });
    // Weights: 8,030,261,248 BF16 parameters × 2 B = 16,060,522,496 B.
    expect(plan.estimate.weights.bytes).toMatchObject({ known: true, value: 16_060_522_496 });
    // Context: config.json max_position_embeddings = 131,072, said to be the model's maximum.
    expect(plan.contextTokens).toMatchObject({ value: 131_072, source: 'config.json:max_position_embeddings' });
    expect(plan.notes).toContain(
      "Context 131072 tokens: the model's maximum (config.json:max_position_embeddings); pass a smaller context to need less KV cache.",
    );
    // KV cache: 2 × 32 layers × 8 KV heads × 128 head dim × 2 B = 131,072 B per token; × 131,072 tokens = 17,179,869,184 B.
    expect(plan.estimate.kvCache.bytes).toMatchObject({ known: true, value: 17_179_869_184 });
    // Overhead 0.1 × 33,240,391,680 + 1 GiB = 4,397,780,992; total 37,638,172,672 B.
    expect(plan.estimate.total).toMatchObject({ known: true, value: 37_638_172_672 });
    expect(plan.fit).toBeUndefined();
    expect(plan.servedName).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(plan.revision).toBe('0e9e39f249a16976918f6564b8830bc894c89659');
    expect(plan.commands.steps[0]?.command).toBe(
      'vllm serve meta-llama/Llama-3.1-8B-Instruct --served-model-name meta-llama/Llama-3.1-8B-Instruct --max-model-len 131072 --tensor-parallel-size 1 --host 127.0.0.1 --port 8000',
    );
    expect(plan.config).toEqual({
      providerId: 'vllm',
      values: { base_url: 'http://127.0.0.1:8000/v1', model: 'meta-llama/Llama-3.1-8B-Instruct' },
      toml: '[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\nmodel = "meta-llama/Llama-3.1-8B-Instruct"\n',
      routeRef: 'vllm:meta-llama/Llama-3.1-8B-Instruct',
    });
    expect(plan.target).toEqual({
      input: 'meta-llama/Llama-3.1-8B-Instruct',
      kind: 'repo',
      repo: 'meta-llama/Llama-3.1-8B-Instruct',
      basis: 'Hub repository id',
    });
  });

  it('fits a smaller context on 24 GiB, picks the tensor-parallel size, and exposes only with an API key variable', async () => {
    const plan = await planServe({
      client: await hub(),
      target: 'meta-llama/Llama-3.1-8B-Instruct',
      runtime: 'sglang',
      contextTokens: 8192,
      gpuMemBytes: parseByteSize('24GiB'),
      gpus: 2,
      expose: true,
      port: 30001,
    });
    // KV: 131,072 B × 8,192 = 1,073,741,824; total 16,060,522,496 + 1,073,741,824 + (1,713,426,432 + 1 GiB) = 19,921,432,576.
    expect(plan.estimate.total).toMatchObject({ value: 19_921_432_576 });
    expect(plan.contextTokens).toMatchObject({ value: 8192, source: 'option:contextTokens' });
    expect(plan.fit).toMatchObject({ status: 'fits', layout: { kind: 'tensor-parallel', size: 1 } });
    expect(plan.commands.steps[0]?.command).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's own ${NAME:?} expansion, printed for the user.
      'python -m sglang.launch_server --model-path meta-llama/Llama-3.1-8B-Instruct --served-model-name meta-llama/Llama-3.1-8B-Instruct --context-length 8192 --tp 1 --host 0.0.0.0 --port 30001 --api-key "${SGLANG_API_KEY:?set SGLANG_API_KEY}"',
    );
    expect(plan.commands.warnings.map((warning) => warning.code)).toEqual(['EXPOSED_ALL_INTERFACES']);
    expect(plan.config.toml).toBe(
      '[providers.sglang]\nbase_url = "http://127.0.0.1:30001/v1"\nmodel = "meta-llama/Llama-3.1-8B-Instruct"\napi_key_env = "SGLANG_API_KEY"\n',
    );
  });

  it('plans a GGUF repository on Ollama: the file size as weights, the GGUF context, hf.co/<repo>:<quant> as served name', async () => {
    const plan = await planServe({ client: await hub(), target: 'ggml-org/gemma-3-1b-it-GGUF', runtime: 'ollama' });
    expect(plan.estimate.weights).toMatchObject({ format: 'gguf', bytes: { value: 806_058_144 } });
    expect(plan.contextTokens).toMatchObject({ value: 32_768, source: 'gguf' });
    // No config.json in the GGUF repo, and google/gemma-3-1b-it has none on this Hub: the KV cache is unknown, said so.
    expect(plan.estimate.kvCache.bytes.known).toBe(false);
    expect(plan.notes).toContain(
      'ggml-org/gemma-3-1b-it-GGUF has no config.json (nor a single base model with one): the KV cache is unknown.',
    );
    expect(plan.servedName).toBe('hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M');
    expect(plan.config.toml).toBe(
      '[providers.ollama]\nbase_url = "http://127.0.0.1:11434/v1"\nmodel = "hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M"\n',
    );
    expect(plan.config.routeRef).toBe('ollama:hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M');
    expect(plan.commands.steps.map((step) => step.command)).toEqual([
      'OLLAMA_HOST=127.0.0.1:11434 ollama serve',
      'OLLAMA_HOST=127.0.0.1:11434 ollama pull hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M',
      'OLLAMA_HOST=127.0.0.1:11434 ollama create hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M -f Modelfile',
    ]);
    const llama = await planServe({
      client: await hub(),
      target: 'ggml-org/gemma-3-1b-it-GGUF',
      runtime: 'llama.cpp',
      quant: 'q8_0',
    });
    expect(llama.servedName).toBe('ggml-org/gemma-3-1b-it-GGUF');
    expect(llama.estimate.weights.bytes).toMatchObject({ value: 1_069_306_016 });
    expect(llama.config.toml).toBe(
      '[providers.llama-cpp]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "ggml-org/gemma-3-1b-it-GGUF"\n',
    );
  });

  it('refuses a runtime the repository cannot feed, and a target it cannot place, naming what to pass', async () => {
    const client = await hub();
    await expect(planServe({ client, target: 'meta-llama/Llama-3.1-8B-Instruct', runtime: 'ollama' })).rejects.toThrow(
      /has no \.gguf files, and ollama serves GGUF files: pass a GGUF repository/,
    );
    await expect(planServe({ client, target: 'ggml-org/gemma-3-1b-it-GGUF', runtime: 'vllm' })).rejects.toThrow(
      /holds GGUF files only, and vllm serves safetensors checkpoints/,
    );
    const error = (() => {
      try {
        resolveServeTarget('not a model', registry);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(ServePlanError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: SERVE_PLAN_ERROR_CODES.invalidOption, option: 'target' });
    expect((error as Error).message).toBe(
      '[serve-plan] "not a model" is not a Hub repository id nor a canonical model or route this installation knows: pass a Hub repository id (owner/name, optionally @revision, e.g. Qwen/Qwen3-8B), a canonical model id of the catalog (`codewhale-route models`), or a route ref (provider:model, e.g. together:Qwen/Qwen3-Coder-480B-A35B-Instruct).',
    );
  });

  it('finds the repository of a canonical model and of a route ref through the catalog and the resolver', () => {
    const profile = registry.models().find((model) => {
      const repo = model.openWeights.huggingFaceRepo;
      return repo !== 'unknown' && typeof repo === 'object' && 'value' in repo;
    });
    expect(profile).toBeDefined();
    if (profile === undefined) return;
    const repo = (profile.openWeights.huggingFaceRepo as { value: string }).value;
    expect(resolveServeTarget(profile.id, registry)).toMatchObject({ kind: 'model', repo, canonicalModel: profile.id });
    const offering = registry.offeringsForModel(profile.id)[0];
    expect(offering).toBeDefined();
    if (offering === undefined) return;
    const ref = `${offering.provider}:${offering.wireId}`;
    expect(resolveServeTarget(ref, registry)).toMatchObject({ kind: 'route', repo, canonicalModel: profile.id });
  });

  it('writes the table with the config editor, keeping what is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codewhale-serve-config-'));
    open.push({ close: async () => rmSync(dir, { recursive: true, force: true }) });
    const path = join(dir, 'config.toml');
    writeFileSync(path, '# my settings\nprovider = "vllm"\n');
    const plan = await planServe({ client: await hub(), target: 'meta-llama/Llama-3.1-8B-Instruct', runtime: 'vllm' });
    const written = await writeServeConfig(plan, { configPath: path });
    expect(written.edits.map((edit) => edit.key)).toEqual(['providers.vllm.base_url', 'providers.vllm.model']);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# my settings\nprovider = "vllm"\n')).toBe(true);
    expect(text).toContain(
      '[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\nmodel = "meta-llama/Llama-3.1-8B-Instruct"\n',
    );
    const loaded = await loadConfig({ explicit: path });
    expect(loaded.config.providers?.vllm).toMatchObject({
      base_url: 'http://127.0.0.1:8000/v1',
      model: 'meta-llama/Llama-3.1-8B-Instruct',
    });
  });
});
