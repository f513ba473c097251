import { kvCacheBytesFor, requirePositiveInt, type ServeMemoryEstimate } from './estimate-serve-memory.js';
import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

/** The GPUs to plan for. */
export interface PlanServeFitOptions {
  /** Memory of one GPU in bytes (see `parseByteSize('80GiB')`). */
  readonly gpuMemBytes: number;
  /** Number of GPUs available (default 1). */
  readonly gpus?: number;
  /**
   * Share of each GPU's memory the runtime may use (0 < u ≤ 1, default 1). vLLM takes 0.9 by default
   * (`--gpu-memory-utilization`); pass it to plan against that budget.
   */
  readonly memoryUtilization?: number;
}

/** How the model is split: tensor parallelism (vLLM, SGLang) or layers spread over GPUs (llama.cpp, Ollama). */
export interface ServeLayout {
  readonly kind: 'tensor-parallel' | 'layer-split';
  /** Tensor-parallel size, or number of GPUs the layers are spread over. */
  readonly size: number;
}

/** One layout considered, with why it cannot be used or what it needs per GPU. */
export interface ServeLayoutCandidate extends ServeLayout {
  /** False when the model cannot be split this way (e.g. the size does not divide the attention heads). */
  readonly usable: boolean;
  /** Why an unusable layout cannot be used. */
  readonly reason?: string;
  /** Bytes one GPU needs at the requested context (usable layouts with a known estimate). */
  readonly perGpuBytes?: number;
  readonly fits?: boolean;
}

/** A GGUF quantisation and whether it fits at the requested context on the GPUs given. */
export interface ServeQuantFit {
  readonly quant: string;
  readonly fileBytes: number;
  /** Bytes per GPU with the layers spread over every GPU (undefined when the KV cache is unknown). */
  readonly perGpuBytes?: number;
  readonly fits?: boolean;
}

/** What {@link planServeFit} returns. `status: 'unknown'` when the estimate has an unknown; `reason` says which. */
export interface ServeFitPlan {
  readonly status: 'fits' | 'does-not-fit' | 'unknown';
  /** Why it does not fit, or what is unknown. */
  readonly reason?: string;
  /** Usable bytes per GPU: `gpuMemBytes × memoryUtilization`. */
  readonly perGpuBudgetBytes: number;
  readonly gpus: number;
  /** The smallest layout that fits (status `fits`). */
  readonly layout?: ServeLayout & { readonly perGpuBytes: number };
  /** Every layout considered, smallest first. */
  readonly candidates: readonly ServeLayoutCandidate[];
  /** When the requested context does not fit: the largest context per sequence that does on the largest usable layout (absent when even the weights do not fit). */
  readonly maxContextTokens?: number;
  /** For GGUF: every file offered, largest first, with whether it fits. */
  readonly quantisations?: readonly ServeQuantFit[];
  /** For GGUF: the largest file that fits at the requested context. */
  readonly largestFittingQuant?: string;
  /** Assumptions behind the per-GPU figures. */
  readonly notes: readonly string[];
}

function invalid(option: string, message: string): never {
  throw new ServePlanError(SERVE_PLAN_ERROR_CODES.invalidOption, option, `[serve-plan] ${message}`);
}

/**
 * Says whether an estimate fits on `gpus` GPUs of `gpuMemBytes` each: the smallest tensor-parallel size that fits
 * (powers of two up to `gpus` that divide the attention heads; GGUF runtimes spread layers over 1..`gpus`), the
 * largest context that fits when the requested one does not, and for GGUF the largest quantisation that fits.
 * @throws {ServePlanError} `SERVE_PLAN_INVALID_OPTION` for a non-positive GPU memory or count, or a utilisation outside (0, 1].
 */
export function planServeFit(estimate: ServeMemoryEstimate, options: PlanServeFitOptions): ServeFitPlan {
  const gpuMem = requirePositiveInt(options.gpuMemBytes, 'gpuMemBytes');
  const gpus = options.gpus === undefined ? 1 : requirePositiveInt(options.gpus, 'gpus');
  if (gpus > 1024) invalid('gpus', `gpus must be at most 1024 (one server), got ${gpus}.`);
  const utilisation = options.memoryUtilization ?? 1;
  if (typeof utilisation !== 'number' || !(utilisation > 0 && utilisation <= 1)) {
    invalid(
      'memoryUtilization',
      `memoryUtilization must be above 0 and at most 1, got ${JSON.stringify(utilisation)}.`,
    );
  }
  const budget = Math.floor(gpuMem * utilisation);
  const { weights, kvCache, overhead } = estimate;
  const format = weights.format;
  const notes: string[] = [
    format === 'gguf'
      ? 'assumption: llama.cpp/Ollama spread layers (weights and KV cache) evenly over the GPUs used.'
      : 'assumption: tensor parallelism splits the weights evenly over the ranks; KV heads are split too (each rank keeps at least one), and an MLA latent cache is kept whole on every rank.',
  ];
  const candidates = layoutCandidates(estimate, gpus);
  const fraction = overhead.fraction.known ? overhead.fraction.value : 0;
  const perGpuOverhead = overhead.perGpuBytes.known ? overhead.perGpuBytes.value : 0;
  const perGpu = (weightBytes: number, layout: ServeLayout, contextTokens: number): number => {
    const kv = kvCacheBytesFor(kvCache.groups, contextTokens, kvCache.concurrency, layout);
    const base = Math.ceil(weightBytes / layout.size) + kv;
    return base + Math.round(base * fraction) + perGpuOverhead;
  };

  if (!weights.bytes.known || !kvCache.bytes.known) {
    const reason = estimate.total.known ? 'unknown' : estimate.total.reason;
    return Object.freeze({
      status: 'unknown' as const,
      reason: `Cannot say whether it fits: ${reason}.`,
      perGpuBudgetBytes: budget,
      gpus,
      candidates: Object.freeze(candidates),
      ...(weights.gguf !== undefined
        ? {
            quantisations: Object.freeze(
              weights.gguf.files.map((file) => Object.freeze({ quant: file.quant, fileBytes: file.bytes })),
            ),
          }
        : {}),
      notes: Object.freeze(notes),
    });
  }
  const weightBytes = weights.bytes.value;
  const requested = kvCache.contextTokens;
  const evaluated = candidates.map((candidate): ServeLayoutCandidate => {
    if (!candidate.usable) return candidate;
    const bytes = perGpu(weightBytes, candidate, requested);
    return Object.freeze({ ...candidate, perGpuBytes: bytes, fits: bytes <= budget });
  });
  const fitting = evaluated.find((candidate) => candidate.fits === true);
  const largestUsable = [...evaluated].reverse().find((candidate) => candidate.usable);

  let quantisations: ServeQuantFit[] | undefined;
  let largestFittingQuant: string | undefined;
  if (weights.gguf !== undefined && largestUsable !== undefined) {
    quantisations = weights.gguf.files.map((file) => {
      const bytes = perGpu(file.bytes, largestUsable, requested);
      return Object.freeze({ quant: file.quant, fileBytes: file.bytes, perGpuBytes: bytes, fits: bytes <= budget });
    });
    largestFittingQuant = quantisations.find((quant) => quant.fits === true)?.quant;
  }

  const gguf = {
    ...(quantisations !== undefined ? { quantisations: Object.freeze(quantisations) } : {}),
    ...(largestFittingQuant !== undefined ? { largestFittingQuant } : {}),
  };
  if (fitting?.perGpuBytes !== undefined) {
    return Object.freeze({
      status: 'fits' as const,
      perGpuBudgetBytes: budget,
      gpus,
      layout: Object.freeze({ kind: fitting.kind, size: fitting.size, perGpuBytes: fitting.perGpuBytes }),
      candidates: Object.freeze(evaluated),
      ...gguf,
      notes: Object.freeze(notes),
    });
  }

  let maxContextTokens: number | undefined;
  if (largestUsable !== undefined && perGpu(weightBytes, largestUsable, 1) <= budget) {
    let low = 1;
    let high = requested - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (perGpu(weightBytes, largestUsable, middle) <= budget) low = middle;
      else high = middle - 1;
    }
    maxContextTokens = low;
  }
  const reason =
    largestUsable === undefined
      ? `No usable layout on ${gpus} GPU(s): ${evaluated.map((candidate) => `${candidate.size}: ${candidate.reason ?? ''}`).join('; ')}.`
      : maxContextTokens === undefined
        ? `Even at a 1-token context one GPU would need ${largestUsable.perGpuBytes ?? 0} bytes over a budget of ${budget} on ${largestUsable.size} GPU(s): the weights do not fit.`
        : `At ${requested} tokens × ${kvCache.concurrency} sequence(s) one GPU needs ${largestUsable.perGpuBytes ?? 0} bytes with ${largestUsable.size} GPU(s), over the budget of ${budget}; ${maxContextTokens} tokens would fit.`;
  return Object.freeze({
    status: 'does-not-fit' as const,
    reason,
    perGpuBudgetBytes: budget,
    gpus,
    candidates: Object.freeze(evaluated),
    ...(maxContextTokens !== undefined ? { maxContextTokens } : {}),
    ...gguf,
    notes: Object.freeze(notes),
  });
}

function layoutCandidates(estimate: ServeMemoryEstimate, gpus: number): ServeLayoutCandidate[] {
  if (estimate.weights.format === 'gguf') {
    return Array.from({ length: gpus }, (_, index) =>
      Object.freeze({ kind: 'layer-split' as const, size: index + 1, usable: true }),
    );
  }
  const facts = estimate.kvCache.facts;
  const heads = facts.attentionHeads?.known === true ? facts.attentionHeads.value : undefined;
  const kvHeads = facts.kvHeads?.known === true ? facts.kvHeads.value : undefined;
  const sizes: number[] = [];
  for (let size = 1; size <= gpus; size *= 2) sizes.push(size);
  return sizes.map((size): ServeLayoutCandidate => {
    const base = { kind: 'tensor-parallel' as const, size };
    if (size === 1) return Object.freeze({ ...base, usable: true });
    if (heads === undefined) {
      return Object.freeze({
        ...base,
        usable: false,
        reason: 'the number of attention heads is unknown (config.json:num_attention_heads)',
      });
    }
    if (heads % size !== 0) {
      return Object.freeze({ ...base, usable: false, reason: `${size} does not divide the ${heads} attention heads` });
    }
    if (kvHeads !== undefined && kvHeads % size !== 0 && size % kvHeads !== 0) {
      return Object.freeze({
        ...base,
        usable: false,
        reason: `${size} neither divides nor is a multiple of the ${kvHeads} KV heads`,
      });
    }
    return Object.freeze({ ...base, usable: true });
  });
}
