import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size.js';
import { estimateServeMemory } from './estimate-serve-memory.js';
import { planServeFit } from './plan-serve-fit.js';
import { ServePlanError } from './serve-plan-error.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const llamaConfig = fixture('config_llama31_8b_instruct_ttmetal_copy.json');
const deepseekConfig = fixture('config_deepseek_v3_ttmetal_copy.json');
const llamaParameters = (
  fixture('model_info_gated_llama31_8b_instruct.json') as { safetensors: { parameters: Record<string, number> } }
).safetensors.parameters;
const deepseekParameters = (
  fixture('safetensors_parameters_deepseek_r1.json') as { parameters: Record<string, number> }
).parameters;

const GIB = 1024 ** 3;
const LLAMA_WEIGHTS = 16_060_522_496; // 8030261248 BF16 parameters × 2 B
const LLAMA_KV_PER_TOKEN = 131_072; // 32 layers × 2 × 8 KV heads × 128 × 2 B

/** Per-GPU bytes written out by hand: (weights/size + kv) + round(0.1 × that) + 1 GiB. */
function llamaPerGpu(contextTokens: number, size: number): number {
  const base = Math.ceil(LLAMA_WEIGHTS / size) + (LLAMA_KV_PER_TOKEN / size) * contextTokens;
  return base + Math.round(base * 0.1) + GIB;
}

describe('planServeFit', () => {
  it('fits Llama-3.1-8B at 131072 tokens on 2 × 24 GiB with tensor parallel 2, not 1', () => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, config: llamaConfig, contextTokens: 131072 });
    const plan = planServeFit(estimate, { gpuMemBytes: parseByteSize('24GiB'), gpus: 2 });
    expect(plan.status).toBe('fits');
    // TP 1: 37638172672 B > 25769803776 B; TP 2: (8030261248 + 8589934592) × 1.1 + 1 GiB = 16620195840 + 1662019584 + 1073741824 = 19355957248 B.
    expect(plan.candidates[0]).toMatchObject({ size: 1, usable: true, fits: false, perGpuBytes: 37_638_172_672 });
    expect(plan.layout).toEqual({ kind: 'tensor-parallel', size: 2, perGpuBytes: llamaPerGpu(131072, 2) });
    expect(plan.layout?.perGpuBytes).toBe(19_355_957_248);
    expect(plan.maxContextTokens).toBeUndefined();
  });

  it('gives the largest context that fits on one 24 GiB GPU when 131072 tokens do not', () => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, config: llamaConfig, contextTokens: 131072 });
    const budget = 24 * GIB;
    const plan = planServeFit(estimate, { gpuMemBytes: budget, gpus: 1 });
    expect(plan.status).toBe('does-not-fit');
    // By hand: ((24 GiB − 1 GiB) / 1.1 − 16060522496) / 131072 B per token ≈ 48755 tokens.
    expect(plan.maxContextTokens).toBe(48_755);
    expect(llamaPerGpu(48_755, 1)).toBeLessThanOrEqual(budget);
    expect(llamaPerGpu(48_756, 1)).toBeGreaterThan(budget);
    expect(plan.reason).toMatch(/48755 tokens would fit/);
  });

  it('plans against vLLM’s 0.9 memory utilisation when asked', () => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, config: llamaConfig, contextTokens: 8192 });
    const plan = planServeFit(estimate, { gpuMemBytes: 24 * GIB, memoryUtilization: 0.9 });
    expect(plan.perGpuBudgetBytes).toBe(Math.floor(24 * GIB * 0.9));
    expect(plan.status).toBe('fits');
  });

  it('skips tensor-parallel sizes that do not divide the attention heads', () => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, config: llamaConfig, contextTokens: 8192 });
    const plan = planServeFit(estimate, { gpuMemBytes: 8 * GIB, gpus: 64 });
    expect(plan.candidates.map((candidate) => candidate.size)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(plan.candidates.at(-1)).toMatchObject({
      size: 64,
      usable: false,
      reason: '64 does not divide the 32 attention heads',
    });
    // 16 and 32 ranks with 8 KV heads: each rank keeps one replicated KV head.
    expect(plan.candidates.find((candidate) => candidate.size === 16)?.usable).toBe(true);
    expect(plan.layout?.size).toBe(4);
  });

  it('needs 8 × 141 GB for DeepSeek-V3 (MLA cache whole on every rank), and does not fit 8 × 80 GiB at all', () => {
    const estimate = estimateServeMemory({
      parameters: deepseekParameters,
      config: deepseekConfig,
      contextTokens: 32768,
    });
    const h200 = planServeFit(estimate, { gpuMemBytes: parseByteSize('141GB'), gpus: 8 });
    expect(h200.status).toBe('fits');
    // Per rank: ceil(688574839360 / 8) = 86071854920 weights + 2302672896 MLA cache (not divided) = 88374527816;
    // + round(0.1 × 88374527816) = 8837452782 + 1 GiB = 98285722422 B.
    expect(h200.layout).toEqual({ kind: 'tensor-parallel', size: 8, perGpuBytes: 98_285_722_422 });
    const h100 = planServeFit(estimate, { gpuMemBytes: parseByteSize('80GiB'), gpus: 8 });
    expect(h100.status).toBe('does-not-fit');
    expect(h100.maxContextTokens).toBeUndefined();
    expect(h100.reason).toMatch(/the weights do not fit/);
  });

  it('names the largest GGUF quantisation that fits', () => {
    // Test inputs: three files of one GGUF repo and a small Gemma-3-shaped config.
    const config = {
      torch_dtype: 'bfloat16',
      num_hidden_layers: 26,
      num_attention_heads: 4,
      num_key_value_heads: 1,
      head_dim: 256,
    };
    const estimate = estimateServeMemory({
      ggufBytes: { Q4_K_M: 806_000_000, Q8_0: 1_070_000_000, F16: 2_006_573_568 },
      config,
      contextTokens: 8192,
    });
    // KV: 26 × 2 × 1 × 256 × 2 B (f16 cache) × 8192 = 218103808 B.
    expect(estimate.kvCache.bytes).toMatchObject({ known: true, value: 218_103_808 });
    const plan = planServeFit(estimate, { gpuMemBytes: parseByteSize('2.5GiB') });
    // F16: (2006573568 + 218103808) × 1.1 + 1 GiB = 3520886938 > 2684354560; Q8_0: (1070000000 + 218103808) × 1.1 + 1 GiB = 2490656013.
    expect(plan.status).toBe('does-not-fit');
    expect(plan.quantisations?.map((quant) => [quant.quant, quant.fits])).toEqual([
      ['F16', false],
      ['Q8_0', true],
      ['Q4_K_M', true],
    ]);
    expect(plan.largestFittingQuant).toBe('Q8_0');
    const two = planServeFit(estimate, { gpuMemBytes: parseByteSize('2.5GiB'), gpus: 2 });
    expect(two.layout).toMatchObject({ kind: 'layer-split', size: 2 });
  });

  it('is unknown, never a fit, when the estimate has an unknown', () => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, contextTokens: 8192 });
    const plan = planServeFit(estimate, { gpuMemBytes: 1024 * GIB, gpus: 8 });
    expect(plan.status).toBe('unknown');
    expect(plan.layout).toBeUndefined();
    expect(plan.reason).toMatch(/KV cache: no config\.json/);
  });

  it.each([
    [{ gpuMemBytes: 0 }, 'gpuMemBytes'],
    [{ gpuMemBytes: GIB, gpus: 0 }, 'gpus'],
    [{ gpuMemBytes: GIB, memoryUtilization: 1.5 }, 'memoryUtilization'],
  ])('rejects %j', (options, option) => {
    const estimate = estimateServeMemory({ parameters: llamaParameters, config: llamaConfig, contextTokens: 1 });
    try {
      planServeFit(estimate, options);
      expect.unreachable();
    } catch (error) {
      expect(ServePlanError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SERVE_PLAN_INVALID_OPTION', option });
    }
  });
});
