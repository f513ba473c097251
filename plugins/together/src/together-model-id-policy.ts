import type { ModelIdPolicy } from '@codewhale/core';
import { passThroughModelIdPolicy } from '@codewhale/plugin-kit';
import { togetherOfferings } from './together-offerings.js';

/**
 * Together is an aggregator: its catalog is far larger than ours and changes often, so every syntactically valid id
 * is sent byte-for-byte and Together decides (404 `model_not_found`, or 400 `model_not_available` for dedicated-only
 * models). Namespaced ids of any organisation (`deepseek/…`, `qwen/…`, `openai/…`) are never rejected. Catalog
 * matching is exact (the default look-up key): Together seems to match ids case-insensitively, but that is inferred
 * (HeyPuter/puter#3168), so a differently-cased id passes through unchanged with a note rather than being re-cased.
 */
export const togetherModelIdPolicy: ModelIdPolicy = passThroughModelIdPolicy({
  offerings: togetherOfferings,
  otherCasing: (listed, id) =>
    `Together lists it as "${listed}"; its id matching appears case-insensitive (inferred, not documented), so "${id}" is sent unchanged`,
  unlisted: 'Together serves more models than this catalog lists; the id is sent unchanged and Together decides',
});
