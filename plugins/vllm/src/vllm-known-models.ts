import { catalogHubServedModels, type HubServedModel } from '@codewhale/plugin-kit';

/** A well-known served name and the canonical model it serves, derived from its model profile. Not an offering: used by discovery and reasoning only. */
export type VllmKnownModel = HubServedModel;

// The served name defaults to the model path, i.e. the Hugging Face repo id when the model is pulled from the Hub
// (docs.vllm.ai OpenAI-compatible server, --served-model-name).
// Every catalog profile with a known `openWeights.huggingFaceRepo` is recognised, with the reasoning dialect of its chat
// template (`openWeights.reasoningDialect`): plugin-kit derives the table from catalog/models.
const known = catalogHubServedModels;

/** Well-known Hugging Face repo ids served under their default name, from the model profiles in catalog/models. */
export const vllmKnownModels: readonly VllmKnownModel[] = [...known.values()];

/** The well-known model a served name (or a model card's `root`, the real model path) refers to, byte-for-byte. */
export function findVllmKnownModel(name: string): VllmKnownModel | undefined {
  return known.get(name);
}
