import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_OVERHEAD, estimateServeMemory } from './estimate-serve-memory.js';
import type { ServeFact } from './serve-fact.js';
import { ServePlanError } from './serve-plan-error.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const llamaConfig = fixture('config_llama31_8b_instruct_ttmetal_copy.json');
const qwen3Config = fixture('config_qwen3_8b_ttmetal_copy.json');
const deepseekConfig = fixture('config_deepseek_v3_ttmetal_copy.json');
const gptOssConfig = fixture('config_gpt_oss_120b_ttmetal_copy.json');
const qwen35Config = fixture('config_qwen3_5_27b_ttmetal_copy.json');
const llamaInfo = fixture('model_info_gated_llama31_8b_instruct.json') as {
  safetensors: { parameters: Record<string, number> };
};
const deepseekSafetensors = fixture('safetensors_parameters_deepseek_r1.json') as {
  parameters: Record<string, number>;
  total: number;
};

const GIB = 1024 ** 3;

function reasonOf(fact: ServeFact | undefined): string {
  return fact === undefined || fact.known ? '' : fact.reason;
}

function known(fact: { known: boolean; value?: unknown; reason?: string }): number {
  if (!fact.known) throw new Error(`expected a known fact, got unknown: ${fact.reason}`);
  return fact.value as number;
}

describe('estimateServeMemory: three real models by hand', () => {
  it('dense GQA: meta-llama/Llama-3.1-8B-Instruct at its full 131072-token context', () => {
    const estimate = estimateServeMemory({
      parameters: llamaInfo.safetensors.parameters,
      config: llamaConfig,
      contextTokens: 131072,
    });
    // Weights: safetensors.parameters { BF16: 8030261248 } × 2 B = 16060522496 B.
    expect(known(estimate.weights.bytes)).toBe(16_060_522_496);
    expect(estimate.weights.byDtype).toHaveLength(1);
    expect(estimate.weights.byDtype[0]).toMatchObject({ dtype: 'BF16', parameters: 8_030_261_248 });
    // KV per token per layer: 2 (K and V) × 8 num_key_value_heads × 128 head_dim (4096 hidden_size / 32 heads) × 2 B (bfloat16) = 4096 B.
    expect(known(estimate.kvCache.facts.headDim ?? { known: false })).toBe(128);
    expect(estimate.kvCache.facts.headDim).toMatchObject({
      source: 'derived',
      formula: '4096 / 32',
      inputs: ['config.json:hidden_size', 'config.json:num_attention_heads'],
    });
    expect(estimate.kvCache.facts.kvHeads).toMatchObject({ value: 8, source: 'config.json:num_key_value_heads' });
    expect(estimate.kvCache.bytesPerElement).toMatchObject({ value: 2, source: 'config.json:torch_dtype' });
    // × 32 layers = 131072 B per token.
    expect(known(estimate.kvCache.bytesPerToken)).toBe(131_072);
    // × 131072 tokens × 1 sequence = 17179869184 B (exactly 16 GiB).
    expect(known(estimate.kvCache.bytes)).toBe(17_179_869_184);
    // Overhead (default): 0.1 × (16060522496 + 17179869184) = 3324039168, + 1 GiB (1073741824) = 4397780992.
    expect(known(estimate.overhead.bytes)).toBe(4_397_780_992);
    // Total: 16060522496 + 17179869184 + 4397780992 = 37638172672.
    expect(known(estimate.total)).toBe(37_638_172_672);
    expect(estimate.kvCache.attention).toBe('standard');
    expect(estimate.kvCache.groups).toEqual([{ kind: 'full', layers: 32, bytesPerTokenPerLayer: 4096, kvHeads: 8 }]);
  });

  it('dense GQA: Qwen/Qwen3-8B, with use_sliding_window false and no head_dim key', () => {
    const estimate = estimateServeMemory({ config: qwen3Config, contextTokens: 40960, concurrency: 4 });
    // 2 × 8 KV heads × 128 (4096 / 32) × 2 B = 4096 B per layer; × 36 layers = 147456 B per token.
    expect(known(estimate.kvCache.bytesPerToken)).toBe(147_456);
    // × 40960 tokens × 4 sequences = 24159191040 B. sliding_window is null: no window applies.
    expect(known(estimate.kvCache.bytes)).toBe(24_159_191_040);
    expect(estimate.kvCache.groups).toEqual([{ kind: 'full', layers: 36, bytesPerTokenPerLayer: 4096, kvHeads: 8 }]);
    // No parameter counts were given: the weights and the total stay unknown, never 0.
    expect(estimate.weights.bytes.known).toBe(false);
    expect(estimate.total.known).toBe(false);
    expect(estimate.total.known ? '' : estimate.total.reason).toMatch(/no parameter counts/);
  });

  it('MoE + MLA: DeepSeek-V3 config with the mixed-dtype DeepSeek-R1/V3 checkpoint, sized per dtype', () => {
    const estimate = estimateServeMemory({
      parameters: deepseekSafetensors.parameters,
      config: deepseekConfig,
      contextTokens: 32768,
    });
    // Weights per dtype: F8_E4M3 680571043840 × 1 B; BF16 3918786560 × 2 B = 7837573120; F32 41555600 × 4 B = 166222400.
    const rows = Object.fromEntries(estimate.weights.byDtype.map((row) => [row.dtype, known(row.bytes)]));
    expect(rows).toEqual({ BF16: 7_837_573_120, F8_E4M3: 680_571_043_840, F32: 166_222_400 });
    // Sum: 680571043840 + 7837573120 + 166222400 = 688574839360 B (not 684531386000 × 2 B = 1369062772000 as one dtype would say).
    expect(known(estimate.weights.bytes)).toBe(688_574_839_360);
    expect(estimate.weights.byDtype.reduce((sum, row) => sum + row.parameters, 0)).toBe(deepseekSafetensors.total);
    // MLA: one latent of kv_lora_rank 512 + qk_rope_head_dim 64 = 576 values per token per layer, × 2 B (torch_dtype bfloat16) = 1152 B.
    expect(estimate.kvCache.attention).toBe('mla');
    expect(estimate.kvCache.facts.elementsPerTokenPerLayer).toMatchObject({ value: 576, formula: '512 + 64' });
    // × 61 num_hidden_layers = 70272 B per token (the MTP layer, num_nextn_predict_layers, is not counted).
    expect(known(estimate.kvCache.bytesPerToken)).toBe(70_272);
    // × 32768 tokens = 2302672896 B. The naive 2 × 128 KV heads × 56 (7168 / 128) × 2 B × 61 = 1748992 B/token would be ~25× more.
    expect(known(estimate.kvCache.bytes)).toBe(2_302_672_896);
    expect(estimate.kvCache.groups).toEqual([{ kind: 'full', layers: 61, bytesPerTokenPerLayer: 1152 }]);
    expect(estimate.kvCache.notes.join(' ')).toMatch(
      /Mixture of experts \(256 experts, config\.json:n_routed_experts\)/,
    );
    expect(estimate.kvCache.notes.join(' ')).toMatch(/multi-token-prediction/);
    // Overhead: round(0.1 × (688574839360 + 2302672896)) = 69087751226, + 1073741824 = 70161493050.
    expect(known(estimate.overhead.bytes)).toBe(70_161_493_050);
    expect(known(estimate.total)).toBe(688_574_839_360 + 2_302_672_896 + 70_161_493_050);
  });
});

describe('estimateServeMemory: more real configs', () => {
  it('MoE with sliding-window layers: openai/gpt-oss-120b (no torch_dtype, mxfp4-packed experts)', () => {
    // Parameter counts as quoted in a third-party test of the Hub API (only their dtypes matter here).
    const parameters = { BF16: 2_167_371_072, U8: 118_244_966_400 };
    const asIs = estimateServeMemory({ parameters, config: gptOssConfig, contextTokens: 131072 });
    // config.json names no torch_dtype: the KV cache element size is unknown, not assumed.
    expect(asIs.kvCache.bytes.known ? '' : asIs.kvCache.bytes.reason).toMatch(/no torch_dtype: pass kvCacheDtype/);
    // mxfp4 packs expert weights into U8 tensors: the Hub's U8 count is not a byte count, so that row is unknown.
    const u8 = asIs.weights.byDtype.find((row) => row.dtype === 'U8');
    expect(reasonOf(u8?.bytes)).toMatch(/quantization_config\.quant_method is "mxfp4"/);
    expect(asIs.weights.byDtype.find((row) => row.dtype === 'BF16')?.bytes).toMatchObject({ value: 4_334_742_144 });
    expect(asIs.weights.bytes.known).toBe(false);
    expect(asIs.kvCache.notes.join(' ')).toMatch(/Mixture of experts \(128 experts, config\.json:num_local_experts\)/);

    const sized = estimateServeMemory({
      parameters,
      safetensorsBytes: 65_000_000_000, // test input standing for the sum of the .safetensors file sizes
      config: gptOssConfig,
      contextTokens: 131072,
      kvCacheDtype: 'bfloat16',
    });
    expect(sized.weights.bytes).toMatchObject({ value: 65_000_000_000, source: 'safetensors.files' });
    // Per layer per token: 2 × 8 num_key_value_heads × 64 head_dim × 2 B = 2048 B.
    // layer_types: 18 full layers keep 131072 tokens, 18 sliding layers keep sliding_window 128 tokens:
    // 2048 × (18 × 131072 + 18 × 128) = 2048 × 2361600 = 4836556800 B.
    expect(known(sized.kvCache.bytes)).toBe(4_836_556_800);
    expect(sized.kvCache.groups).toEqual([
      { kind: 'sliding', layers: 18, bytesPerTokenPerLayer: 2048, windowTokens: 128, kvHeads: 8 },
      { kind: 'full', layers: 18, bytesPerTokenPerLayer: 2048, kvHeads: 8 },
    ]);
  });

  it('hybrid linear attention in a multimodal config: Qwen/Qwen3.5-27B (text_config, dtype key)', () => {
    const estimate = estimateServeMemory({ config: qwen35Config, contextTokens: 262144 });
    // 16 full_attention layers × 2 × 4 KV heads × 256 head_dim × 2 B (text_config.dtype bfloat16) = 16 × 4096 = 65536 B per token;
    // the 48 linear_attention layers keep no per-token cache.
    expect(known(estimate.kvCache.bytesPerToken)).toBe(65_536);
    // × 262144 tokens = 17179869184 B (16 GiB); counting all 64 layers would say 64 GiB.
    expect(known(estimate.kvCache.bytes)).toBe(17_179_869_184);
    expect(estimate.kvCache.bytesPerElement).toMatchObject({ source: 'config.json:text_config.dtype' });
    expect(estimate.kvCache.facts.kvHeads).toMatchObject({
      value: 4,
      source: 'config.json:text_config.num_key_value_heads',
    });
    expect(estimate.kvCache.groups).toEqual([
      { kind: 'none', layers: 48, bytesPerTokenPerLayer: 0 },
      { kind: 'full', layers: 16, bytesPerTokenPerLayer: 4096, kvHeads: 4 },
    ]);
  });
});

describe('estimateServeMemory: weights', () => {
  it('keeps a dtype it does not know unknown, with the reason, and never guesses its size', () => {
    const estimate = estimateServeMemory({
      parameters: { BF16: 1000, F4: 500 },
      config: llamaConfig,
      contextTokens: 8,
    });
    expect(estimate.weights.byDtype.find((row) => row.dtype === 'BF16')?.bytes).toMatchObject({
      known: true,
      value: 2000,
    });
    const f4 = estimate.weights.byDtype.find((row) => row.dtype === 'F4');
    expect(f4?.bytes.known).toBe(false);
    expect(estimate.weights.bytes.known ? '' : estimate.weights.bytes.reason).toMatch(/"F4" has no known size/);
    expect(estimate.total.known).toBe(false);
  });

  it.each([
    ['F16', 2],
    ['F32', 4],
    ['F8_E5M2', 1],
    ['F8_E4M3FNUZ', 1],
    ['I8', 1],
    ['U8', 1],
    ['I32', 4],
    ['F64', 8],
    ['I64', 8],
    ['BOOL', 1],
  ])('sizes %s at %i byte(s) per parameter', (dtype, size) => {
    const estimate = estimateServeMemory({ parameters: { [dtype]: 1000 }, config: llamaConfig, contextTokens: 1 });
    expect(known(estimate.weights.bytes)).toBe(1000 * size);
  });

  it('sizes the chosen GGUF file, or the largest one with a note', () => {
    const files = { Q4_K_M: 806_000_000, Q8_0: 1_070_000_000, F16: 2_006_573_568 }; // test inputs
    const chosen = estimateServeMemory({ ggufBytes: files, quant: 'q8_0', contextTokens: 4096 });
    expect(chosen.weights).toMatchObject({
      format: 'gguf',
      gguf: { quant: 'Q8_0' },
      bytes: { known: true, value: 1_070_000_000, source: 'gguf' },
    });
    expect(chosen.weights.gguf?.files.map((file) => file.quant)).toEqual(['F16', 'Q8_0', 'Q4_K_M']);
    const largest = estimateServeMemory({ ggufBytes: files, contextTokens: 4096 });
    expect(largest.weights.gguf?.quant).toBe('F16');
    expect(largest.notes.join(' ')).toMatch(/sized the largest GGUF file \(F16\)/);
    // No config.json: the KV cache is unknown and says how to fix it, and the f16 KV assumption is stated.
    expect(largest.kvCache.bytes.known ? '' : largest.kvCache.bytes.reason).toMatch(/base model/);
    expect(largest.kvCache.bytesPerElement).toMatchObject({
      value: 2,
      source: expect.stringMatching(/^assumption: llama\.cpp and Ollama/),
    });
    expect(() => estimateServeMemory({ ggufBytes: files, quant: 'Q2_K', contextTokens: 1 })).toThrow(
      /not one of the GGUF files: F16, Q8_0, Q4_K_M/,
    );
  });
});

describe('estimateServeMemory: KV cache layouts', () => {
  it('caps sliding-window layers at the window (Qwen2 rule: use_sliding_window + max_window_layers)', () => {
    const config = { ...qwen3Config, use_sliding_window: true, sliding_window: 4096, max_window_layers: 28 };
    const estimate = estimateServeMemory({ config, contextTokens: 32768 });
    // Layers 0..27 full, 28..35 slide: 4096 B × (28 × 32768 + 8 × 4096) = 4096 × 950272 = 3892314112.
    expect(known(estimate.kvCache.bytes)).toBe(3_892_314_112);
    expect(estimate.kvCache.groups).toEqual([
      { kind: 'full', layers: 28, bytesPerTokenPerLayer: 4096, kvHeads: 8 },
      { kind: 'sliding', layers: 8, bytesPerTokenPerLayer: 4096, windowTokens: 4096, kvHeads: 8 },
    ]);
    // Below the window the window changes nothing: 36 × 4096 × 2048.
    expect(known(estimateServeMemory({ config, contextTokens: 2048 }).kvCache.bytes)).toBe(36 * 4096 * 2048);
  });

  it('follows sliding_window_pattern (Gemma 3 style: every 6th layer full) on a nested text_config', () => {
    // Shaped like a Gemma 3 multimodal config; the numbers are test inputs.
    const config = {
      model_type: 'gemma3',
      torch_dtype: 'bfloat16',
      text_config: {
        num_hidden_layers: 26,
        num_attention_heads: 4,
        num_key_value_heads: 1,
        head_dim: 256,
        sliding_window: 512,
        sliding_window_pattern: 6,
      },
    };
    const estimate = estimateServeMemory({ config, contextTokens: 32768 });
    // Full at layers 5, 11, 17, 23 (4); 22 sliding at 512. 2 × 1 × 256 × 2 B = 1024 B per layer per token.
    // 1024 × (4 × 32768 + 22 × 512) = 1024 × 142336 = 145752064.
    expect(known(estimate.kvCache.bytes)).toBe(145_752_064);
    expect(estimate.kvCache.facts.kvHeads).toMatchObject({ source: 'config.json:text_config.num_key_value_heads' });
    expect(estimate.kvCache.bytesPerElement).toMatchObject({ source: 'config.json:torch_dtype' });
  });

  it('reads a nested text_config exactly like the flat one', () => {
    const flat = estimateServeMemory({ config: llamaConfig, contextTokens: 1000 });
    const nested = estimateServeMemory({
      config: { model_type: 'llava', text_config: llamaConfig },
      contextTokens: 1000,
    });
    expect(known(nested.kvCache.bytes)).toBe(known(flat.kvCache.bytes));
    expect(nested.kvCache.facts.layers).toMatchObject({
      value: 32,
      source: 'config.json:text_config.num_hidden_layers',
    });
  });

  it('keeps no per-token cache for linear-attention layers (layer_types, and Qwen3-Next full_attention_interval)', () => {
    // Shaped like Qwen3-Next (48 layers, every 4th full attention); the numbers are test inputs.
    const base = {
      num_hidden_layers: 48,
      num_attention_heads: 16,
      num_key_value_heads: 2,
      head_dim: 256,
      torch_dtype: 'bfloat16',
    };
    const interval = estimateServeMemory({ config: { ...base, full_attention_interval: 4 }, contextTokens: 65536 });
    const layerTypes = Array.from({ length: 48 }, (_, index) =>
      (index + 1) % 4 === 0 ? 'full_attention' : 'linear_attention',
    );
    const listed = estimateServeMemory({ config: { ...base, layer_types: layerTypes }, contextTokens: 65536 });
    // 12 full layers × 2 × 2 × 256 × 2 B (2048 B) × 65536 tokens = 1610612736; the 36 linear layers add nothing per token.
    expect(known(interval.kvCache.bytes)).toBe(1_610_612_736);
    expect(known(listed.kvCache.bytes)).toBe(1_610_612_736);
    expect(listed.kvCache.groups).toContainEqual({ kind: 'none', layers: 36, bytesPerTokenPerLayer: 0 });
    expect(listed.kvCache.notes.join(' ')).toMatch(/36 linear-attention layers keep a fixed-size state/);
  });

  it('counts a window it cannot place, or a layer type it does not know, at the full context and says so', () => {
    const mistralLike = { ...llamaConfig, sliding_window: 4096 };
    const estimate = estimateServeMemory({ config: mistralLike, contextTokens: 32768 });
    expect(known(estimate.kvCache.bytes)).toBe(32 * 4096 * 32768);
    expect(estimate.kvCache.notes.join(' ')).toMatch(/^.*assumption: config\.json:sliding_window = 4096 .*upper bound/);
    const strange = estimateServeMemory({
      config: { ...llamaConfig, layer_types: Array.from({ length: 32 }, () => 'mystery_attention') },
      contextTokens: 10,
    });
    expect(known(strange.kvCache.bytes)).toBe(32 * 4096 * 10);
    expect(strange.kvCache.notes.join(' ')).toMatch(/"mystery_attention" are not known .* upper bound/);
  });

  it('defaults num_key_value_heads to num_attention_heads, and head_dim to hidden_size / heads', () => {
    const { num_key_value_heads: _omitted, ...noKvHeads } = llamaConfig;
    const estimate = estimateServeMemory({ config: noKvHeads, contextTokens: 1 });
    // 2 × 32 × 128 × 2 B × 32 layers = 524288.
    expect(known(estimate.kvCache.bytesPerToken)).toBe(524_288);
    expect(estimate.kvCache.facts.kvHeads).toMatchObject({ value: 32, source: 'config.json:num_attention_heads' });
  });

  it('uses kvCacheDtype over the model dtype, and stays unknown for a dtype it does not know', () => {
    const fp8 = estimateServeMemory({ config: llamaConfig, contextTokens: 131072, kvCacheDtype: 'fp8' });
    expect(known(fp8.kvCache.bytes)).toBe(8 * GIB);
    expect(fp8.kvCache.bytesPerElement).toMatchObject({ value: 1, source: 'option:kvCacheDtype' });
    const odd = estimateServeMemory({ config: llamaConfig, contextTokens: 1, kvCacheDtype: 'int3' });
    expect(odd.kvCache.bytes.known ? '' : odd.kvCache.bytes.reason).toMatch(/"int3" is not a KV cache dtype/);
    const { torch_dtype: _dtype, ...noDtype } = llamaConfig;
    const missing = estimateServeMemory({ config: noDtype, contextTokens: 1 });
    expect(missing.kvCache.bytes.known ? '' : missing.kvCache.bytes.reason).toMatch(/pass kvCacheDtype/);
  });

  it('says what is missing when the config lacks the numbers the cache needs', () => {
    const estimate = estimateServeMemory({
      parameters: { BF16: 10 },
      config: { model_type: 'x', num_hidden_layers: 'lots' },
      contextTokens: 1,
    });
    expect(estimate.kvCache.bytes.known ? '' : estimate.kvCache.bytes.reason).toMatch(
      /config\.json:num_hidden_layers is "lots"/,
    );
    expect(estimate.total.known).toBe(false);
  });
});

describe('estimateServeMemory: overhead and options', () => {
  it('states the default overhead and takes another one', () => {
    const base = { parameters: { BF16: 500_000_000 }, config: llamaConfig, contextTokens: 1000 };
    const byDefault = estimateServeMemory(base);
    expect(byDefault.overhead.fraction).toMatchObject({
      value: DEFAULT_SERVE_OVERHEAD.fraction,
      source: expect.stringMatching(/^assumption: /),
    });
    expect(byDefault.overhead.perGpuBytes).toMatchObject({
      value: GIB,
      source: expect.stringMatching(/^assumption: /),
    });
    const custom = estimateServeMemory({ ...base, overhead: { fraction: 0, perGpuBytes: 0 } });
    // 1e9 weights + 32 × 4096 × 1000 KV, nothing more.
    expect(known(custom.total)).toBe(1_000_000_000 + 131_072_000);
    expect(custom.overhead.fraction).toMatchObject({ source: 'option:overhead.fraction' });
  });

  it.each([
    [{ contextTokens: 0 }, 'contextTokens'],
    [{ contextTokens: 1.5 }, 'contextTokens'],
    [{ contextTokens: 10, concurrency: -1 }, 'concurrency'],
    [{ contextTokens: 10, overhead: { fraction: -0.1 } }, 'overhead.fraction'],
    [{ contextTokens: 10, parameters: { BF16: -5 } }, 'parameters.BF16'],
    [{ contextTokens: 10, parameters: { BF16: 5 }, ggufBytes: { Q4_0: 5 } }, 'parameters'],
  ])('rejects %j with a typed error naming %s', (input, option) => {
    try {
      estimateServeMemory(input as Parameters<typeof estimateServeMemory>[0]);
      expect.unreachable();
    } catch (error) {
      expect(ServePlanError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SERVE_PLAN_INVALID_OPTION', option });
    }
  });
});
