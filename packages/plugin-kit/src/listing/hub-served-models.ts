import type { ModelProfile } from '@codewhale/core';
import { isModelReasoningDialect, type ModelReasoningDialect } from '../reasoning/model-reasoning-dialects.js';

/**
 * A model a self-hosted server (vLLM, SGLang) lists under its Hugging Face repo id, the default served name
 * (`--served-model-name` defaults to the model path). Derived from a model profile, never written by hand.
 */
export interface HubServedModel {
  /** The served name: the profile's `openWeights.huggingFaceRepo`, matched byte-for-byte (mixed case). */
  readonly name: string;
  /** The canonical model id (the profile's `id`). */
  readonly canonical: string;
  /** Where the repo id was read (the provenance URL of `openWeights.huggingFaceRepo`). */
  readonly source: string;
  /** How the chat template takes reasoning controls (`openWeights.reasoningDialect`); absent when unknown (or a dialect this plugin-kit does not know). */
  readonly reasoning?: ModelReasoningDialect;
}

/**
 * Served name → model for every profile with a known Hugging Face repo id (profiles without one are skipped; the first
 * profile wins if two name the same repo).
 * @example
 * const known = hubServedModels(catalogModels(gptOss120b, qwen3CoderNext));
 * known.get('openai/gpt-oss-120b'); // { name: 'openai/gpt-oss-120b', canonical: 'gpt-oss-120b', source, reasoning: 'gpt-oss' }
 */
export function hubServedModels(profiles: readonly ModelProfile[]): ReadonlyMap<string, HubServedModel> {
  const byName = new Map<string, HubServedModel>();
  for (const profile of profiles) {
    const repo = profile.openWeights.huggingFaceRepo;
    if (repo === 'unknown' || byName.has(repo.value)) continue;
    const dialect = profile.openWeights.reasoningDialect;
    byName.set(
      repo.value,
      Object.freeze({
        name: repo.value,
        canonical: profile.id,
        source: repo.source.url,
        ...(dialect !== undefined && dialect !== 'unknown' && isModelReasoningDialect(dialect.value)
          ? { reasoning: dialect.value }
          : {}),
      }),
    );
  }
  return byName;
}
