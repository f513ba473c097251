import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { nonEmptyString, parseOpenAIModelList, positiveInteger } from '@codewhale/plugin-kit';
import { findVllmKnownModel } from './vllm-known-models.js';

/**
 * Parse vLLM's `GET /v1/models`: `{ object: "list", data: [{ id, owned_by, created, root, parent, max_model_len }] }`.
 * `contextWindow` is `max_model_len` (the effective context; LoRA adapter cards have null); `root` is the real model
 * path, `parent` the base model of an adapter. A well-known served name, or a base model whose `root` is one, gets its
 * canonical model. Only these fields are read (`permission` and anything else is dropped). Pure; throws
 * `ListingParseError` for bodies that do not fit.
 */
export function parseVllmModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId }).map(({ id, ownedBy, created, entry }) => {
    const contextWindow = positiveInteger(entry.max_model_len);
    const root = nonEmptyString(entry.root);
    const parent = nonEmptyString(entry.parent);
    // An adapter is not its base model: only base-model cards are mapped through `root`.
    const known = findVllmKnownModel(id) ?? (parent === undefined && root !== undefined ? findVllmKnownModel(root) : undefined);
    return {
      id,
      ...(known ? { canonicalModel: known.canonical } : {}),
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
      ...(contextWindow !== undefined ? { contextWindow } : {}),
      ...(root !== undefined ? { root } : {}),
      ...(parent !== undefined ? { parent } : {}),
    };
  });
}

/** vLLM discovery: the default `GET {base}/models` fetch, parsed by {@link parseVllmModels}. */
export const vllmDiscovery: DiscoveryPart = { parseModels: parseVllmModels };
