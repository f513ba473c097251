import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { canonicalByNameOrRoot, parseModelCards } from '@codewhale/plugin-kit';
import { findVllmKnownModel } from './vllm-known-models.js';

// An adapter is not its base model: only base-model cards are mapped through `root`.
const canonicalForServedName = canonicalByNameOrRoot((name) => findVllmKnownModel(name)?.canonical);

/**
 * Parse vLLM's `GET /v1/models`: `{ object: "list", data: [{ id, owned_by, created, root, parent, max_model_len }] }`.
 * `contextWindow` is `max_model_len` (the effective context; LoRA adapter cards have null); `root` is the real model
 * path, `parent` the base model of an adapter. A well-known served name, or a base model whose `root` is one, gets its
 * canonical model. Only these fields are read (`permission` and anything else is dropped). Pure; throws
 * `ListingParseError` for bodies that do not fit.
 */
export function parseVllmModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseModelCards(body, { providerId: context.providerId, canonicalFor: canonicalForServedName });
}

/** vLLM discovery: the default `GET {base}/models` fetch, parsed by {@link parseVllmModels}. */
export const vllmDiscovery: DiscoveryPart = { parseModels: parseVllmModels };
