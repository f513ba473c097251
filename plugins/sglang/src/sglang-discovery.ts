import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { canonicalByNameOrRoot, parseModelCards } from '@codewhale/plugin-kit';
import { findSglangKnownModel } from './sglang-known-models.js';

// An adapter is not its base model: only base-model cards are mapped through `root`.
const canonicalForServedName = canonicalByNameOrRoot((name) => findSglangKnownModel(name)?.canonical);

/**
 * Parse SGLang's `GET /v1/models`: `{ object: "list", data: [{ id, owned_by, created, root, parent, max_model_len }] }`.
 * `contextWindow` is `max_model_len` (the effective context; LoRA adapter cards have null); `root` is the real model
 * path, `parent` the base model of an adapter. A well-known served name, or a base model whose `root` is one, gets its
 * canonical model. Only these fields are read: nothing else is ever copied (SGLang bodies are untrusted input). Pure; throws
 * `ListingParseError` for bodies that do not fit.
 */
export function parseSglangModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseModelCards(body, { providerId: context.providerId, canonicalFor: canonicalForServedName });
}

/** SGLang discovery: the default `GET {base}/models` fetch, parsed by {@link parseSglangModels}. */
export const sglangDiscovery: DiscoveryPart = { parseModels: parseSglangModels };
