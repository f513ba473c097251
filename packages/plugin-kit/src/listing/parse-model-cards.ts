import type { LiveModelRecord } from '@codewhale/core';
import { nonEmptyString, positiveInteger } from './listing-fields.js';
import { parseOpenAIModelList } from './parse-openai-model-list.js';

/** Where a model card comes from: `root` is the real model path, `parent` the base model of an adapter (LoRA). */
export interface ModelCardLineage {
  readonly root: string | undefined;
  readonly parent: string | undefined;
}

/** Options of {@link parseModelCards}. */
export interface ParseModelCardsOptions {
  /** Provider id, for error messages. */
  readonly providerId: string;
  /** The canonical model a card stands for (default: none), e.g. {@link canonicalByNameOrRoot} over a table of well-known names. */
  readonly canonicalFor?: (id: string, card: ModelCardLineage) => string | undefined;
}

/**
 * Parse vLLM-style model cards (vLLM, SGLang, self-hosted NIM):
 * `{ object: "list", data: [{ id, owned_by, created, root, parent, max_model_len }] }` into live records with `id`,
 * `canonicalModel`, `ownedBy`, `created`, `contextWindow` (`max_model_len`, the effective context; adapter cards
 * have null), `root` and `parent`. Nothing else is copied (`permission` included). Throws `ListingParseError` for
 * bodies that do not fit.
 * @example
 * parseModelCards(body, { providerId: 'vllm', canonicalFor: canonicalByNameOrRoot((name) => known.get(name)) });
 */
export function parseModelCards(body: unknown, options: ParseModelCardsOptions): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: options.providerId }).map(({ id, ownedBy, created, entry }) => {
    const contextWindow = positiveInteger(entry.max_model_len);
    const root = nonEmptyString(entry.root);
    const parent = nonEmptyString(entry.parent);
    const canonicalModel = options.canonicalFor?.(id, { root, parent });
    return {
      id,
      ...(canonicalModel !== undefined ? { canonicalModel } : {}),
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
      ...(contextWindow !== undefined ? { contextWindow } : {}),
      ...(root !== undefined ? { root } : {}),
      ...(parent !== undefined ? { parent } : {}),
    };
  });
}

/**
 * A `canonicalFor` that looks up served names: the card's id, else, for a base-model card (no `parent`), its `root`
 * (a model served under another name). An adapter is never mapped to its base model.
 */
export function canonicalByNameOrRoot(
  canonicalOf: (name: string) => string | undefined,
): (id: string, card: ModelCardLineage) => string | undefined {
  return (id, card) =>
    canonicalOf(id) ?? (card.parent === undefined && card.root !== undefined ? canonicalOf(card.root) : undefined);
}
