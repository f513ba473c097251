// Bytes per element of the safetensors dtypes the Hub counts in `safetensors.parameters`
// (https://github.com/huggingface/safetensors, `Dtype`). Sub-byte or unknown dtypes are not in the table: a guess
// there is wrong by a factor, so they stay unknown.
const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

/** Bytes per element of a safetensors dtype (`BF16` → 2, any `F8_*` → 1), or `undefined` when the dtype is not known. */
export function safetensorsDtypeBytes(dtype: string): number | undefined {
  const known = SAFETENSORS_DTYPE_BYTES[dtype];
  if (known !== undefined) return known;
  // Every 8-bit float variant (F8_E4M3FNUZ, F8_E5M2FNUZ...) is one byte per element.
  return /^F8_[A-Z0-9]+$/.test(dtype) ? 1 : undefined;
}

// KV cache element sizes: vLLM/SGLang `--kv-cache-dtype` values, config.json `torch_dtype`/`dtype` values, and
// llama.cpp `--cache-type-k` values (block formats: q8_0 stores 32 values in 34 bytes, q4_0 in 18, q4_1 in 20,
// q5_0 in 22, q5_1 in 24, iq4_nl in 18; ggml/src/ggml-common.h block structs).
const KV_DTYPE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  float: 4,
  f32: 4,
  fp32: 4,
  bfloat16: 2,
  bf16: 2,
  float16: 2,
  half: 2,
  f16: 2,
  fp16: 2,
  fp8: 1,
  fp8_e4m3: 1,
  fp8_e5m2: 1,
  fp8_inc: 1,
  float8_e4m3fn: 1,
  float8_e5m2: 1,
  q8_0: 34 / 32,
  q5_1: 24 / 32,
  q5_0: 22 / 32,
  q4_1: 20 / 32,
  q4_0: 18 / 32,
  iq4_nl: 18 / 32,
};

/** Bytes per cached element for a KV cache dtype name (`bfloat16` → 2, `fp8` → 1, `q8_0` → 34/32), or `undefined`. */
export function kvCacheDtypeBytes(dtype: string): number | undefined {
  return KV_DTYPE_BYTES[dtype.toLowerCase().replace(/^torch\./, '')];
}
