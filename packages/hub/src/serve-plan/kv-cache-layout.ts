import { kvCacheDtypeBytes } from './dtype-bytes.js';
import {
  type KnownServeFact,
  knownFact,
  type ServeFact,
  type ServeFactSource,
  sourcesOf,
  unknownFact,
} from './serve-fact.js';

/** What one group of decoder layers keeps per token: all of it (`full`), the last window (`sliding`, `chunked`), or nothing (`none`). */
export type KvCacheLayerKind = 'full' | 'sliding' | 'chunked' | 'none';

/** Decoder layers that cache alike: how many, how much per token, and the window that caps their cache. */
export interface KvCacheLayerGroup {
  readonly kind: KvCacheLayerKind;
  /** Number of decoder layers in this group. */
  readonly layers: number;
  /** Cache bytes per token per layer on one GPU when the model is not split (0 for `none`). */
  readonly bytesPerTokenPerLayer: number;
  /** Tokens kept at most per sequence (`sliding_window` or `attention_chunk_size`); absent: the whole context. */
  readonly windowTokens?: number;
  /**
   * KV heads that tensor parallelism splits across GPUs (standard attention). Absent for MLA: the compressed latent
   * cache is one per layer, and every tensor-parallel rank keeps all of it.
   */
  readonly kvHeads?: number;
}

/** How a model's KV cache is laid out, read from its `config.json`, with a source on every number. */
export interface KvCacheLayout {
  /** `standard` (`2 × kv_heads × head_dim` per layer) or `mla` (DeepSeek-style `kv_lora_rank + qk_rope_head_dim`). */
  readonly attention: 'standard' | 'mla' | 'unknown';
  /** Layer groups (empty when the layout is unknown). */
  readonly groups: readonly KvCacheLayerGroup[];
  /** Bytes per cached element. */
  readonly bytesPerElement: ServeFact;
  /** Cache bytes per token per sequence over every caching layer, before any window caps it. */
  readonly bytesPerToken: ServeFact;
  /** The config values used, each with its source (`layers`, `attentionHeads`, `kvHeads`, `headDim`, `kvLoraRank`, `qkRopeHeadDim`, `slidingWindow`...). */
  readonly facts: Readonly<Record<string, ServeFact>>;
  /** Why the layout is what it is (window rules applied, layers without a cache, upper-bound assumptions). */
  readonly notes: readonly string[];
}

type JsonObject = Readonly<Record<string, unknown>>;

interface ConfigView {
  readonly text: JsonObject;
  readonly root: JsonObject;
  readonly nested: boolean;
}

interface Found<T> {
  readonly value: T;
  readonly source: ServeFactSource;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function viewOf(config: JsonObject): ConfigView {
  const text = config.text_config;
  return isObject(text) ? { text, root: config, nested: true } : { text: config, root: config, nested: false };
}

/** A key of the text config (nested `text_config` first, then the top level), with the path it was read from. */
function read(view: ConfigView, key: string): Found<unknown> | undefined {
  if (view.nested && view.text[key] !== undefined && view.text[key] !== null) {
    return { value: view.text[key], source: `config.json:text_config.${key}` };
  }
  if (view.root[key] !== undefined && view.root[key] !== null)
    return { value: view.root[key], source: `config.json:${key}` };
  return undefined;
}

type IntRead = { readonly ok: true; readonly fact: KnownServeFact } | { readonly ok: false; readonly fact: ServeFact };

function readPositiveInt(view: ConfigView, key: string): IntRead {
  const found = read(view, key);
  if (found === undefined) return { ok: false, fact: unknownFact(`config.json has no ${key}`) };
  if (typeof found.value !== 'number' || !Number.isSafeInteger(found.value) || found.value <= 0) {
    return {
      ok: false,
      fact: unknownFact(`${found.source} is ${JSON.stringify(found.value)}, not a positive integer`),
    };
  }
  return { ok: true, fact: knownFact(found.value, found.source) };
}

function optionalPositiveInt(view: ConfigView, key: string): KnownServeFact | undefined {
  const result = readPositiveInt(view, key);
  return result.ok ? result.fact : undefined;
}

const MOE_KEYS = ['n_routed_experts', 'num_experts', 'num_local_experts'] as const;

/** @internal Reads the KV-cache layout of a `config.json` object; `kvCacheDtype` overrides the dtype the config gives. */
export function readKvCacheLayout(
  config: unknown,
  options: { readonly format: 'safetensors' | 'gguf'; readonly kvCacheDtype?: string | undefined },
): KvCacheLayout {
  const facts: Record<string, ServeFact> = {};
  const notes: string[] = [];
  const unknownLayout = (reason: string, bytesPerElement: ServeFact = unknownFact(reason)): KvCacheLayout =>
    Object.freeze({
      attention: 'unknown' as const,
      groups: Object.freeze([]),
      bytesPerElement,
      bytesPerToken: unknownFact(reason),
      facts: Object.freeze(facts),
      notes: Object.freeze(notes),
    });

  const bytesPerElement = readBytesPerElement(isObject(config) ? viewOf(config) : undefined, options);
  if (!isObject(config)) {
    return unknownLayout(
      options.format === 'gguf'
        ? 'no config.json: the KV cache needs the layer and head counts of the base model; pass its config.json (the GGUF repo’s base_model)'
        : 'no config.json: fetch /{repo}/resolve/{revision}/config.json and pass it as `config`',
      bytesPerElement,
    );
  }
  const view = viewOf(config);
  if (view.nested) notes.push('Read the language model’s numbers from config.json:text_config (a multimodal config).');

  const layers = readPositiveInt(view, 'num_hidden_layers');
  facts.layers = layers.fact;
  if (!layers.ok)
    return unknownLayout(
      `the number of layers is unknown (${layers.fact.known ? '' : layers.fact.reason})`,
      bytesPerElement,
    );
  const layerCount = layers.fact.value;

  for (const key of MOE_KEYS) {
    const experts = optionalPositiveInt(view, key);
    if (experts !== undefined) {
      facts.experts = experts;
      notes.push(
        `Mixture of experts (${experts.value} experts, ${experts.source}): every expert's weights stay in GPU memory, so the weights are the total parameter count, not the active one. The KV cache does not depend on the experts.`,
      );
      break;
    }
  }
  const mtp = optionalPositiveInt(view, 'num_nextn_predict_layers');
  if (mtp !== undefined) {
    notes.push(
      `The ${mtp.value} multi-token-prediction layer(s) (${mtp.source}) are not counted in the KV cache: runtimes load them only for speculative decoding.`,
    );
  }

  // Per-layer cache shape: MLA (one compressed latent per token) or standard (K and V per KV head).
  let attention: 'standard' | 'mla';
  let elementsPerTokenPerLayer: KnownServeFact;
  let kvHeads: number | undefined;
  const kvLoraRank = read(view, 'kv_lora_rank');
  if (kvLoraRank !== undefined) {
    attention = 'mla';
    const rank = readPositiveInt(view, 'kv_lora_rank');
    const rope = readPositiveInt(view, 'qk_rope_head_dim');
    facts.attentionHeads = readPositiveInt(view, 'num_attention_heads').fact;
    facts.kvLoraRank = rank.fact;
    facts.qkRopeHeadDim = rope.fact;
    if (!rank.ok || !rope.ok) {
      return unknownLayout(
        'an MLA config (kv_lora_rank) without a usable kv_lora_rank and qk_rope_head_dim',
        bytesPerElement,
      );
    }
    elementsPerTokenPerLayer = knownFact(rank.fact.value + rope.fact.value, 'derived', {
      formula: `${rank.fact.value} + ${rope.fact.value}`,
      inputs: [rank.fact.source, rope.fact.source],
    });
    notes.push(
      `Multi-head latent attention: each layer caches one compressed latent of kv_lora_rank + qk_rope_head_dim = ${elementsPerTokenPerLayer.value} values per token (not separate K and V per head), and every tensor-parallel GPU keeps all of it.`,
    );
  } else {
    attention = 'standard';
    const heads = readPositiveInt(view, 'num_attention_heads');
    facts.attentionHeads = heads.fact;
    if (!heads.ok) return unknownLayout('the number of attention heads is unknown', bytesPerElement);
    let kvHeadsFact: KnownServeFact;
    if (read(view, 'num_key_value_heads') === undefined) {
      kvHeadsFact = knownFact(heads.fact.value, heads.fact.source);
      notes.push(
        `config.json has no num_key_value_heads: every attention head keeps its own K and V (${heads.fact.source}).`,
      );
    } else {
      const kv = readPositiveInt(view, 'num_key_value_heads');
      if (!kv.ok) {
        facts.kvHeads = kv.fact;
        return unknownLayout('num_key_value_heads is not a positive integer', bytesPerElement);
      }
      kvHeadsFact = kv.fact;
    }
    facts.kvHeads = kvHeadsFact;
    let headDim: KnownServeFact;
    if (read(view, 'head_dim') !== undefined) {
      const explicit = readPositiveInt(view, 'head_dim');
      if (!explicit.ok) {
        facts.headDim = explicit.fact;
        return unknownLayout('head_dim is not a positive integer', bytesPerElement);
      }
      headDim = explicit.fact;
    } else {
      const hidden = readPositiveInt(view, 'hidden_size');
      if (!hidden.ok || hidden.fact.value % heads.fact.value !== 0) {
        facts.headDim = unknownFact(
          'config.json has no head_dim, and hidden_size / num_attention_heads is not a whole number',
        );
        return unknownLayout('the head dimension is unknown', bytesPerElement);
      }
      headDim = knownFact(hidden.fact.value / heads.fact.value, 'derived', {
        formula: `${hidden.fact.value} / ${heads.fact.value}`,
        inputs: [hidden.fact.source, heads.fact.source],
      });
    }
    facts.headDim = headDim;
    kvHeads = kvHeadsFact.value;
    elementsPerTokenPerLayer = knownFact(2 * kvHeadsFact.value * headDim.value, 'derived', {
      formula: `2 × ${kvHeadsFact.value} × ${headDim.value}`,
      inputs: sourcesOf(kvHeadsFact, headDim),
    });
  }
  facts.elementsPerTokenPerLayer = elementsPerTokenPerLayer;

  const kinds = layerKinds(view, layerCount, facts, notes);
  if (!kinds.ok) return unknownLayout(kinds.reason, bytesPerElement);
  if (!bytesPerElement.known) {
    return Object.freeze({
      attention,
      groups: Object.freeze([]),
      bytesPerElement,
      bytesPerToken: unknownFact(bytesPerElement.reason),
      facts: Object.freeze(facts),
      notes: Object.freeze(notes),
    });
  }

  const bytesPerTokenPerLayer = elementsPerTokenPerLayer.value * bytesPerElement.value;
  const grouped = new Map<string, { kind: KvCacheLayerKind; layers: number; windowTokens?: number }>();
  for (const layer of kinds.layers) {
    const key = `${layer.kind}:${layer.windowTokens ?? ''}`;
    const group = grouped.get(key);
    if (group === undefined) grouped.set(key, { ...layer, layers: 1 });
    else group.layers += 1;
  }
  const groups = [...grouped.values()].map((group) =>
    Object.freeze({
      kind: group.kind,
      layers: group.layers,
      bytesPerTokenPerLayer: group.kind === 'none' ? 0 : bytesPerTokenPerLayer,
      ...(group.windowTokens !== undefined ? { windowTokens: group.windowTokens } : {}),
      ...(kvHeads !== undefined && group.kind !== 'none' ? { kvHeads } : {}),
    }),
  );
  const cachingLayers = groups.reduce((sum, group) => sum + (group.kind === 'none' ? 0 : group.layers), 0);
  const bytesPerToken = knownFact(cachingLayers * bytesPerTokenPerLayer, 'derived', {
    formula: `${cachingLayers} layers × ${elementsPerTokenPerLayer.formula ?? elementsPerTokenPerLayer.value} × ${bytesPerElement.value} B`,
    inputs: [layers.fact.source, ...sourcesOf(elementsPerTokenPerLayer), bytesPerElement.source],
  });
  return Object.freeze({
    attention,
    groups: Object.freeze(groups),
    bytesPerElement,
    bytesPerToken,
    facts: Object.freeze(facts),
    notes: Object.freeze(notes),
  });
}

function readBytesPerElement(
  view: ConfigView | undefined,
  options: { readonly format: 'safetensors' | 'gguf'; readonly kvCacheDtype?: string | undefined },
): ServeFact {
  const requested = options.kvCacheDtype;
  if (requested !== undefined && requested !== 'auto') {
    const bytes = kvCacheDtypeBytes(requested);
    return bytes === undefined
      ? unknownFact(
          `kvCacheDtype "${requested}" is not a KV cache dtype this planner knows (bfloat16, float16, float32, fp8, q8_0, q4_0...)`,
        )
      : knownFact(bytes, 'option:kvCacheDtype');
  }
  if (options.format === 'gguf') {
    return knownFact(2, 'assumption: llama.cpp and Ollama keep the KV cache in f16 by default (--cache-type-k/-v f16)');
  }
  const dtype = view === undefined ? undefined : (read(view, 'torch_dtype') ?? read(view, 'dtype'));
  if (dtype === undefined) {
    return unknownFact(
      'config.json gives no torch_dtype: pass kvCacheDtype (vLLM and SGLang cache in the model dtype by default)',
    );
  }
  const bytes = typeof dtype.value === 'string' ? kvCacheDtypeBytes(dtype.value) : undefined;
  return bytes === undefined
    ? unknownFact(
        `${dtype.source} is ${JSON.stringify(dtype.value)}, not a dtype this planner knows: pass kvCacheDtype`,
      )
    : knownFact(bytes, dtype.source);
}

interface LayerKind {
  readonly kind: KvCacheLayerKind;
  readonly windowTokens?: number;
}

type LayerKinds =
  | { readonly ok: true; readonly layers: readonly LayerKind[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Which layers cache what, following the rules of the Hugging Face config classes: an explicit `layer_types` list
 * wins; else Qwen3-Next's `full_attention_interval` (every n-th layer full, the rest linear attention); else a
 * `sliding_window` with Gemma's `sliding_window_pattern` (every n-th layer full), or Qwen2's `use_sliding_window` +
 * `max_window_layers` (layers from that index on slide). A window the config does not place is not applied: every
 * layer is counted at the full context, an upper bound said in the notes.
 */
function layerKinds(
  view: ConfigView,
  layerCount: number,
  facts: Record<string, ServeFact>,
  notes: string[],
): LayerKinds {
  const slidingWindow = read(view, 'sliding_window');
  const window = optionalPositiveInt(view, 'sliding_window');
  if (window !== undefined) facts.slidingWindow = window;
  const layerTypes = read(view, 'layer_types');

  if (layerTypes !== undefined) {
    if (!Array.isArray(layerTypes.value) || layerTypes.value.length !== layerCount) {
      return { ok: false, reason: `${layerTypes.source} is not a list of ${layerCount} layer types (one per layer)` };
    }
    const chunk = optionalPositiveInt(view, 'attention_chunk_size');
    const unrecognised = new Set<string>();
    let windowless = 0;
    const layers = layerTypes.value.map((type): LayerKind => {
      switch (type) {
        case 'full_attention':
        case 'attention':
          return { kind: 'full' };
        case 'linear_attention':
          return { kind: 'none' };
        case 'sliding_attention':
          if (window !== undefined) return { kind: 'sliding', windowTokens: window.value };
          windowless += 1;
          return { kind: 'full' };
        case 'chunked_attention':
          if (chunk !== undefined) return { kind: 'chunked', windowTokens: chunk.value };
          windowless += 1;
          return { kind: 'full' };
        default:
          unrecognised.add(String(type));
          return { kind: 'full' };
      }
    });
    const count = (kind: KvCacheLayerKind) => layers.filter((layer) => layer.kind === kind).length;
    notes.push(
      `Layer types from ${layerTypes.source}: ${count('full')} full-attention, ${count('sliding')} sliding-window, ${count('chunked')} chunked, ${count('none')} without a per-token cache.`,
    );
    if (chunk !== undefined && count('chunked') > 0) facts.attentionChunkSize = chunk;
    if (count('none') > 0) {
      notes.push(
        `The ${count('none')} linear-attention layers keep a fixed-size state per sequence, not a per-token cache; that state is not counted here (the overhead covers it).`,
      );
    }
    if (windowless > 0) {
      notes.push(
        `assumption: ${windowless} windowed layer(s) name no window size in config.json; counted at the full context (an upper bound).`,
      );
    }
    if (unrecognised.size > 0) {
      notes.push(
        `assumption: layer type(s) ${[...unrecognised].map((type) => JSON.stringify(type)).join(', ')} are not known to this planner; counted as full attention (an upper bound).`,
      );
    }
    return { ok: true, layers };
  }

  const interval = optionalPositiveInt(view, 'full_attention_interval');
  if (interval !== undefined) {
    facts.fullAttentionInterval = interval;
    const layers = Array.from(
      { length: layerCount },
      (_, index): LayerKind => ((index + 1) % interval.value === 0 ? { kind: 'full' } : { kind: 'none' }),
    );
    const full = layers.filter((layer) => layer.kind === 'full').length;
    notes.push(
      `${interval.source} = ${interval.value}: ${full} of ${layerCount} layers are full attention, the other ${layerCount - full} linear attention with a fixed-size state per sequence (not counted per token; the overhead covers it).`,
    );
    return { ok: true, layers };
  }

  const allFull = (): LayerKinds => ({
    ok: true,
    layers: Array.from({ length: layerCount }, () => ({ kind: 'full' as const })),
  });
  if (window === undefined) {
    if (slidingWindow !== undefined)
      notes.push(`${slidingWindow.source} is ${JSON.stringify(slidingWindow.value)}: no sliding window.`);
    return allFull();
  }
  const useSliding = read(view, 'use_sliding_window');
  if (useSliding?.value === false) {
    notes.push(
      `${useSliding.source} is false: the sliding_window of ${window.value} is not used; every layer caches the whole context.`,
    );
    return allFull();
  }
  const pattern = optionalPositiveInt(view, 'sliding_window_pattern');
  if (pattern !== undefined) {
    facts.slidingWindowPattern = pattern;
    const layers = Array.from(
      { length: layerCount },
      (_, index): LayerKind =>
        (index + 1) % pattern.value === 0 ? { kind: 'full' } : { kind: 'sliding', windowTokens: window.value },
    );
    const full = layers.filter((layer) => layer.kind === 'full').length;
    notes.push(
      `${pattern.source} = ${pattern.value}: every ${pattern.value}th layer is full attention (${full} of ${layerCount}); the others keep the last ${window.value} tokens (${window.source}).`,
    );
    return { ok: true, layers };
  }
  if (useSliding?.value === true) {
    const maxWindowLayers = optionalPositiveInt(view, 'max_window_layers');
    if (maxWindowLayers !== undefined) {
      facts.maxWindowLayers = maxWindowLayers;
      const layers = Array.from(
        { length: layerCount },
        (_, index): LayerKind =>
          index >= maxWindowLayers.value ? { kind: 'sliding', windowTokens: window.value } : { kind: 'full' },
      );
      const sliding = layers.filter((layer) => layer.kind === 'sliding').length;
      notes.push(
        `${useSliding.source} is true: layers from index ${maxWindowLayers.value} (${maxWindowLayers.source}) keep the last ${window.value} tokens (${sliding} of ${layerCount}), as transformers' Qwen2 config places them.`,
      );
      return { ok: true, layers };
    }
  }
  notes.push(
    `assumption: ${window.source} = ${window.value} but config.json does not say which layers slide (no layer_types, sliding_window_pattern or max_window_layers); every layer is counted at the full context (an upper bound).`,
  );
  return allFull();
}
