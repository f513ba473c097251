import { safetensorsDtypeBytes } from './dtype-bytes.js';
import { type KvCacheLayerGroup, type KvCacheLayout, readKvCacheLayout } from './kv-cache-layout.js';
import { knownFact, type ServeFact, sourcesOf, unknownFact } from './serve-fact.js';
import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

const GIB = 1024 ** 3;

/**
 * The default overhead on top of weights and KV cache: 10% of (weights + KV cache) for activations, CUDA graphs and
 * allocator fragmentation, plus 1 GiB per GPU for the CUDA context and the runtime. No runtime publishes a fixed
 * figure, so this is a stated assumption (vLLM itself leaves 10% of each GPU alone by default,
 * `--gpu-memory-utilization 0.9`); change it with `overhead`.
 */
export const DEFAULT_SERVE_OVERHEAD: Readonly<Required<ServeOverheadOptions>> = Object.freeze({
  fraction: 0.1,
  perGpuBytes: GIB,
});

/** Memory the runtime needs beyond weights and KV cache. */
export interface ServeOverheadOptions {
  /** Share of (weights + KV cache) added for activations, CUDA graphs and fragmentation (default 0.1). */
  readonly fraction?: number;
  /** Bytes added on every GPU for the CUDA context and runtime (default 1 GiB). */
  readonly perGpuBytes?: number;
}

/**
 * Inputs of {@link estimateServeMemory}. These are this module's own shapes: `parameters` is the Hub's
 * `safetensors.parameters` object (dtype → parameter count), `ggufBytes` maps a GGUF quantisation to its file size
 * in bytes, and `config` is the model's `config.json` object as fetched from `/{repo}/resolve/{revision}/config.json`.
 */
export interface EstimateServeMemoryInput {
  /** Parameters per safetensors dtype, e.g. `{ BF16: 8030261248 }` (the Hub's `safetensors.parameters`). Neither this nor `ggufBytes`: the weights are unknown. */
  readonly parameters?: Readonly<Record<string, number>>;
  /**
   * Total bytes of the repository's `.safetensors` files (the Hub's file sizes). When given, it is the weight size and
   * the per-dtype rows are shown for reference only. Needed for packed quantisations (mxfp4, GPTQ, AWQ...), whose
   * per-dtype counts are not byte counts.
   */
  readonly safetensorsBytes?: number;
  /** GGUF file size in bytes per quantisation, e.g. `{ Q4_K_M: 806058240, Q8_0: 1069306112 }` (sum the parts of a split file). */
  readonly ggufBytes?: Readonly<Record<string, number>>;
  /** The GGUF quantisation to size (a key of `ggufBytes`); default: the largest file. */
  readonly quant?: string;
  /** The model's `config.json` object (for a GGUF repo, its base model's). Absent: the KV cache is unknown. */
  readonly config?: unknown;
  /** Context length per sequence, in tokens. */
  readonly contextTokens: number;
  /** Sequences served at once at the full context (default 1). */
  readonly concurrency?: number;
  /** KV cache dtype (`auto`, `bfloat16`, `fp8`, `q8_0`...); default: the model dtype (vLLM/SGLang) or f16 (GGUF runtimes). */
  readonly kvCacheDtype?: string;
  /** Overhead beyond weights and KV cache; default {@link DEFAULT_SERVE_OVERHEAD}. */
  readonly overhead?: ServeOverheadOptions;
}

/** Weight bytes of one safetensors dtype. */
export interface ServeWeightsDtypeRow {
  readonly dtype: string;
  readonly parameters: number;
  readonly bytesPerParameter: ServeFact;
  readonly bytes: ServeFact;
}

/** Weight memory, per dtype (safetensors) or for the chosen GGUF file. */
export interface ServeWeightsEstimate {
  readonly format: 'safetensors' | 'gguf';
  /** Safetensors rows, one per dtype (empty for GGUF). */
  readonly byDtype: readonly ServeWeightsDtypeRow[];
  /** For GGUF: the quantisation sized, and every file offered (largest first). */
  readonly gguf?: {
    readonly quant: string;
    readonly files: readonly { readonly quant: string; readonly bytes: number }[];
  };
  readonly bytes: ServeFact;
}

/** KV cache memory for the requested context and concurrency, plus the layout it came from. */
export interface ServeKvCacheEstimate extends KvCacheLayout {
  readonly contextTokens: number;
  readonly concurrency: number;
  /** Bytes for `concurrency` sequences of `contextTokens` tokens, windows applied. */
  readonly bytes: ServeFact;
}

/** What {@link estimateServeMemory} returns: every number with its source, unknowns with their reason. */
export interface ServeMemoryEstimate {
  readonly weights: ServeWeightsEstimate;
  readonly kvCache: ServeKvCacheEstimate;
  readonly overhead: {
    readonly fraction: ServeFact;
    readonly perGpuBytes: ServeFact;
    /** Overhead on one GPU holding the whole model. */
    readonly bytes: ServeFact;
  };
  /** Weights + KV cache + overhead on one GPU holding the whole model. */
  readonly total: ServeFact;
  readonly notes: readonly string[];
}

function invalid(option: string, message: string): never {
  throw new ServePlanError(SERVE_PLAN_ERROR_CODES.invalidOption, option, `[serve-plan] ${message}`);
}

/** @internal Throws unless `value` is a positive safe integer. */
export function requirePositiveInt(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    invalid(option, `${option} must be a positive whole number, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function requireCount(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(option, `${option} must be a whole number of at least 0, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** @internal KV cache bytes on one GPU for a layout, context, concurrency and split (tensor-parallel ranks or layer-split GPUs). */
export function kvCacheBytesFor(
  groups: readonly KvCacheLayerGroup[],
  contextTokens: number,
  concurrency: number,
  split: { readonly kind: 'tensor-parallel' | 'layer-split'; readonly size: number } = {
    kind: 'tensor-parallel',
    size: 1,
  },
): number {
  let bytes = 0;
  for (const group of groups) {
    if (group.kind === 'none') continue;
    const tokens = group.windowTokens === undefined ? contextTokens : Math.min(contextTokens, group.windowTokens);
    let perLayer = group.bytesPerTokenPerLayer;
    if (split.kind === 'layer-split') perLayer /= split.size;
    // vLLM/SGLang shard KV heads across ranks, and give each rank one head when there are fewer heads than ranks.
    else if (group.kvHeads !== undefined)
      perLayer = (perLayer / group.kvHeads) * Math.max(1, group.kvHeads / split.size);
    bytes += group.layers * perLayer * tokens;
  }
  return Math.ceil(bytes * concurrency);
}

/**
 * Estimates the GPU memory a model needs to serve `contextTokens` × `concurrency`: weights from parameters per dtype
 * (or a GGUF file size), the KV cache from `config.json` (standard, MLA, sliding-window and linear-attention layers),
 * and a stated overhead. Every number carries its source; what no source gives is `unknown` with the reason.
 * @throws {ServePlanError} `SERVE_PLAN_INVALID_OPTION` for inputs of the wrong shape (both or neither of `parameters`/`ggufBytes`, a non-positive context...).
 */
export function estimateServeMemory(input: EstimateServeMemoryInput): ServeMemoryEstimate {
  const contextTokens = requirePositiveInt(input.contextTokens, 'contextTokens');
  const concurrency = input.concurrency === undefined ? 1 : requirePositiveInt(input.concurrency, 'concurrency');
  const overheadOptions = readOverheadOptions(input.overhead);
  if (input.ggufBytes !== undefined && (input.parameters !== undefined || input.safetensorsBytes !== undefined)) {
    invalid(
      'parameters',
      'Pass `parameters`/`safetensorsBytes` (a safetensors checkpoint) or `ggufBytes` (GGUF file sizes), not both.',
    );
  }
  const notes: string[] = [];
  const weights =
    input.ggufBytes !== undefined
      ? ggufWeights(input.ggufBytes, input.quant, notes)
      : input.parameters !== undefined || input.safetensorsBytes !== undefined
        ? safetensorsWeights(input.parameters ?? {}, packedQuantisation(input.config), input.safetensorsBytes)
        : Object.freeze({
            format: 'safetensors' as const,
            byDtype: Object.freeze([]),
            bytes: unknownFact(
              'no parameter counts: the Hub gave no safetensors.parameters for this repository, and no GGUF file sizes were passed',
            ),
          });

  const layout = readKvCacheLayout(input.config, { format: weights.format, kvCacheDtype: input.kvCacheDtype });
  const kvBytes: ServeFact = layout.bytesPerToken.known
    ? knownFact(kvCacheBytesFor(layout.groups, contextTokens, concurrency), 'derived', {
        formula: kvFormula(layout.groups, contextTokens, concurrency),
        inputs: sourcesOf(layout.bytesPerToken),
      })
    : unknownFact(layout.bytesPerToken.reason);
  const kvCache: ServeKvCacheEstimate = Object.freeze({ ...layout, contextTokens, concurrency, bytes: kvBytes });

  const fraction = overheadOptions.fractionSource;
  const perGpu = overheadOptions.perGpuSource;
  let overheadBytes: ServeFact;
  let total: ServeFact;
  if (weights.bytes.known && kvBytes.known) {
    const base = weights.bytes.value + kvBytes.value;
    overheadBytes = knownFact(Math.round(base * fraction.value) + perGpu.value, 'derived', {
      formula: `${fraction.value} × (${weights.bytes.value} + ${kvBytes.value}) + ${perGpu.value}`,
      inputs: [fraction.source, perGpu.source],
    });
    total = knownFact(base + overheadBytes.value, 'derived', {
      formula: `${weights.bytes.value} weights + ${kvBytes.value} KV cache + ${overheadBytes.value} overhead`,
      inputs: [...sourcesOf(weights.bytes, kvBytes), fraction.source, perGpu.source],
    });
  } else {
    const missing = [
      ...(weights.bytes.known ? [] : [`weights: ${weights.bytes.reason}`]),
      ...(kvBytes.known ? [] : [`KV cache: ${kvBytes.reason}`]),
    ].join('; ');
    overheadBytes = unknownFact(`the overhead is a share of weights + KV cache, and ${missing}`);
    total = unknownFact(missing);
  }
  return Object.freeze({
    weights,
    kvCache,
    overhead: Object.freeze({ fraction, perGpuBytes: perGpu, bytes: overheadBytes }),
    total,
    notes: Object.freeze(notes),
  });
}

function readOverheadOptions(options: ServeOverheadOptions | undefined) {
  const fraction = options?.fraction;
  const perGpu = options?.perGpuBytes;
  if (
    fraction !== undefined &&
    (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0 || fraction > 10)
  ) {
    invalid('overhead.fraction', `overhead.fraction must be a number from 0 to 10, got ${JSON.stringify(fraction)}.`);
  }
  if (perGpu !== undefined) requireCount(perGpu, 'overhead.perGpuBytes');
  return {
    fractionSource:
      fraction === undefined
        ? knownFact(
            DEFAULT_SERVE_OVERHEAD.fraction,
            'assumption: 10% of weights + KV cache for activations, CUDA graphs and fragmentation',
          )
        : knownFact(fraction, 'option:overhead.fraction'),
    perGpuSource:
      perGpu === undefined
        ? knownFact(DEFAULT_SERVE_OVERHEAD.perGpuBytes, 'assumption: 1 GiB per GPU for the CUDA context and runtime')
        : knownFact(perGpu, 'option:overhead.perGpuBytes'),
  };
}

function kvFormula(groups: readonly KvCacheLayerGroup[], contextTokens: number, concurrency: number): string {
  const terms = groups
    .filter((group) => group.kind !== 'none')
    .map((group) => {
      const tokens = group.windowTokens === undefined ? contextTokens : Math.min(contextTokens, group.windowTokens);
      return `${group.layers} × ${group.bytesPerTokenPerLayer} B × ${tokens} tokens`;
    });
  return `${concurrency} × (${terms.length > 0 ? terms.join(' + ') : '0'})`;
}

// Integer dtypes that quantisation methods pack several sub-byte weights into (MXFP4 in U8, GPTQ/AWQ int4 in I32...).
const PACKING_DTYPES = new Set(['U8', 'I8', 'U16', 'I16', 'U32', 'I32']);

/** `config.json:quantization_config.quant_method` when the checkpoint may pack weights into integer tensors (not FP8). */
function packedQuantisation(config: unknown): { readonly method: string; readonly source: string } | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const record = config as Record<string, unknown>;
  const text = record.text_config;
  const holders: [Record<string, unknown> | undefined, string][] = [
    [record, ''],
    [typeof text === 'object' && text !== null ? (text as Record<string, unknown>) : undefined, 'text_config.'],
  ];
  for (const [holder, prefix] of holders) {
    const quantisation = holder?.quantization_config;
    if (typeof quantisation !== 'object' || quantisation === null) continue;
    const method = (quantisation as Record<string, unknown>).quant_method;
    if (typeof method === 'string' && !/fp8/i.test(method)) {
      return { method, source: `config.json:${prefix}quantization_config.quant_method` };
    }
  }
  return undefined;
}

function safetensorsWeights(
  parameters: Readonly<Record<string, number>>,
  packed: { readonly method: string; readonly source: string } | undefined,
  fileBytes: number | undefined,
): ServeWeightsEstimate {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    invalid(
      'parameters',
      'parameters must be an object of dtype → parameter count (the Hub’s safetensors.parameters).',
    );
  }
  if (fileBytes !== undefined) requirePositiveInt(fileBytes, 'safetensorsBytes');
  const entries = Object.entries(parameters);
  if (entries.length === 0 && fileBytes === undefined) {
    invalid('parameters', 'parameters is empty: the Hub gave no safetensors parameter counts.');
  }
  const byDtype = entries.map(([dtype, count]): ServeWeightsDtypeRow => {
    requireCount(count, `parameters.${dtype}`);
    if (packed !== undefined && PACKING_DTYPES.has(dtype)) {
      const reason = `${packed.source} is "${packed.method}": its weights are packed into ${dtype} tensors, so the Hub's ${count} ${dtype} "parameters" are not a byte count; pass safetensorsBytes (the sum of the .safetensors file sizes)`;
      return Object.freeze({
        dtype,
        parameters: count,
        bytesPerParameter: unknownFact(reason),
        bytes: unknownFact(reason),
      });
    }
    const size = safetensorsDtypeBytes(dtype);
    if (size === undefined) {
      const reason = `dtype ${JSON.stringify(dtype)} has no known size per parameter (a sub-byte or new format); its ${count} parameters cannot be sized`;
      return Object.freeze({
        dtype,
        parameters: count,
        bytesPerParameter: unknownFact(reason),
        bytes: unknownFact(reason),
      });
    }
    const bytesPerParameter = knownFact(size, 'assumption: safetensors dtype size (BF16/F16 2, F32 4, F8 1...)');
    return Object.freeze({
      dtype,
      parameters: count,
      bytesPerParameter,
      bytes: knownFact(count * size, 'derived', {
        formula: `${count} × ${size} B`,
        inputs: ['safetensors.parameters', bytesPerParameter.source],
      }),
    });
  });
  if (fileBytes !== undefined) {
    return Object.freeze({
      format: 'safetensors' as const,
      byDtype: Object.freeze(byDtype),
      bytes: knownFact(fileBytes, 'safetensors.files', {
        formula: `sum of the .safetensors file sizes: ${fileBytes} B`,
      }),
    });
  }
  const unknownRows = byDtype.filter((row) => !row.bytes.known);
  const bytes: ServeFact =
    unknownRows.length > 0
      ? unknownFact(unknownRows.map((row) => (row.bytes.known ? '' : row.bytes.reason)).join('; '))
      : knownFact(
          byDtype.reduce((sum, row) => sum + (row.bytes.known ? row.bytes.value : 0), 0),
          'derived',
          {
            formula: byDtype.map((row) => (row.bytes.known ? `${row.dtype} ${row.bytes.formula}` : '')).join(' + '),
            inputs: ['safetensors.parameters', 'assumption: safetensors dtype size (BF16/F16 2, F32 4, F8 1...)'],
          },
        );
  return Object.freeze({ format: 'safetensors' as const, byDtype: Object.freeze(byDtype), bytes });
}

function ggufWeights(
  files: Readonly<Record<string, number>>,
  quant: string | undefined,
  notes: string[],
): ServeWeightsEstimate {
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    invalid('ggufBytes', 'ggufBytes must be an object of quantisation → file size in bytes.');
  }
  const list = Object.entries(files)
    .map(([name, bytes]) => ({ quant: name, bytes: requirePositiveInt(bytes, `ggufBytes.${name}`) }))
    .sort((left, right) => right.bytes - left.bytes);
  const largest = list[0];
  if (largest === undefined) invalid('ggufBytes', 'ggufBytes is empty: name at least one GGUF file and its size.');
  let chosen = largest;
  if (quant !== undefined) {
    const match =
      list.find((file) => file.quant === quant) ??
      list.find((file) => file.quant.toLowerCase() === quant.toLowerCase());
    if (match === undefined) {
      invalid(
        'quant',
        `quant ${JSON.stringify(quant)} is not one of the GGUF files: ${list.map((file) => file.quant).join(', ')}.`,
      );
    }
    chosen = match;
  } else if (list.length > 1) {
    notes.push(`No quant chosen: sized the largest GGUF file (${largest.quant}); pass quant to size another.`);
  }
  return Object.freeze({
    format: 'gguf' as const,
    byDtype: Object.freeze([]),
    gguf: Object.freeze({ quant: chosen.quant, files: Object.freeze(list.map((file) => Object.freeze(file))) }),
    bytes: knownFact(chosen.bytes, 'gguf', { formula: `${chosen.quant} file: ${chosen.bytes} B` }),
  });
}
