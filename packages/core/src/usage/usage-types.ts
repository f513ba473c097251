/**
 * Normalised usage and request cost: one shape for every protocol and provider. No dependency (no zod), so the
 * resolver, node helpers and hosts can use them without loading schemas.
 */
import type { TokenClass } from '../schema/constants.js';
import type { Provenance } from '../schema/provenance.js';

/** Token counts of one request; a count the answer did not carry is absent, never 0. */
export interface NormalisedUsage {
  /** All input tokens, cached ones included (cache read + cache write + uncached). */
  readonly inputTokens?: number;
  /** Input tokens read from the provider's prompt cache (a subset of inputTokens). */
  readonly cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (a subset of inputTokens; Anthropic-format). */
  readonly cacheWriteTokens?: number;
  /** All output tokens, reasoning included. */
  readonly outputTokens?: number;
  /** Reasoning ("thinking") tokens (a subset of outputTokens). */
  readonly reasoningTokens?: number;
  /** Total tokens as the provider reported or as the sum of input and output when both are known. */
  readonly totalTokens?: number;
  /** Local runtimes: server-side durations in ms when the body gives them (native `*_duration` fields are ns). */
  readonly durations?: {
    readonly totalMs?: number;
    readonly loadMs?: number;
    readonly promptEvalMs?: number;
    readonly evalMs?: number;
  };
}

/** A usage reading: the counts, or why there are none. */
export type UsageReading =
  | { readonly known: true; readonly usage: NormalisedUsage; readonly dialect: UsageDialect }
  | { readonly known: false; readonly reason: string };

/** The usage dialects core understands (a plugin names its endpoints' dialect in its descriptor). */
export type UsageDialect =
  | 'openai-chat'
  | 'deepseek'
  | 'together'
  | 'sglang'
  | 'ollama-native'
  | 'anthropic-messages'
  | 'responses';

/** Every {@link UsageDialect}, for validation. */
export const USAGE_DIALECTS = [
  'openai-chat',
  'deepseek',
  'together',
  'sglang',
  'ollama-native',
  'anthropic-messages',
  'responses',
] as const satisfies readonly UsageDialect[];

/**
 * @internal What a dialect's answers look like: the body shape, and which fields beyond that shape's standard ones
 * carry counts. The readers in this folder work from these features only, never from a dialect's name.
 */
export interface UsageDialectFeatures {
  /**
   * `chat-completions`: a `usage` block of prompt/completion tokens; `anthropic-messages`: input excluding the cache;
   * `responses`: input/output tokens with details; `eval-counts`: top-level `prompt_eval_count` / `eval_count` and
   * `*_duration` in nanoseconds (NDJSON streams end with a `done: true` line).
   */
  readonly shape: 'chat-completions' | 'anthropic-messages' | 'responses' | 'eval-counts';
  /** `usage.prompt_cache_hit_tokens` / `prompt_cache_miss_tokens`: hits are the cached count, hits + misses the prompt. */
  readonly cacheHitMissFields?: true;
  /** `usage.cached_tokens` at the top level of the usage block. */
  readonly topLevelCachedTokens?: true;
  /** `usage.reasoning_tokens` at the top level of the usage block. */
  readonly topLevelReasoningTokens?: true;
  /** Without a `usage` block, counts in `meta_info` (a native generate endpoint; `e2e_latency` in seconds). */
  readonly metaInfoBlock?: true;
}

/**
 * @internal The features of each dialect. This table is the only place core names a provider's usage format; the
 * plugins pick a dialect for each endpoint in their descriptors (`usageDialect`).
 */
export const USAGE_DIALECT_FEATURES: Readonly<Record<UsageDialect, UsageDialectFeatures>> = {
  'openai-chat': { shape: 'chat-completions' },
  // DeepSeek: 2026 bodies also repeat the hit count as prompt_tokens_details.cached_tokens (read once).
  deepseek: { shape: 'chat-completions', cacheHitMissFields: true },
  together: { shape: 'chat-completions', topLevelCachedTokens: true },
  sglang: { shape: 'chat-completions', topLevelReasoningTokens: true, metaInfoBlock: true },
  'ollama-native': { shape: 'eval-counts' },
  'anthropic-messages': { shape: 'anthropic-messages' },
  responses: { shape: 'responses' },
};

/** One priced token class of a {@link UsageCost}. */
export interface UsageCostLine {
  readonly tokenClass: TokenClass;
  readonly tokens: number;
  readonly ratePerMillion: number;
  readonly amount: number;
  readonly free?: true;
}

/** A price of one request, or why there is none (never 0 for unknown). */
export type UsageCost =
  | {
      readonly known: true;
      readonly amount: number;
      readonly currency: string;
      readonly breakdown: readonly UsageCostLine[];
      /** Name of the time tier that applied, e.g. "peak". */
      readonly timeTier?: string;
      /** `minInputTokens` of the context tier that applied. */
      readonly contextTier?: number;
      /** The meter's provenance. */
      readonly source: Provenance;
    }
  | { readonly known: false; readonly reason: string };

/** Options of {@link normaliseUsage} and {@link createUsageAccumulator}. */
export interface NormaliseUsageOptions {
  /** The endpoint's wire protocol: one of KNOWN_WIRE_PROTOCOLS, or another string (then `dialect` decides). */
  readonly protocol: string;
  /** The endpoint's usage dialect when the plugin names one; otherwise the protocol's default. */
  readonly dialect?: UsageDialect;
}

/** Collects the usage of a streamed answer: push every parsed event in order, then read the result. */
export interface UsageAccumulator {
  /** Pushes one parsed SSE `data:` JSON object (or one NDJSON line object of a native local-runtime API). */
  push(event: unknown): void;
  /** The usage from whichever event(s) carried it, or why there is none. */
  result(): UsageReading;
}
