import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { nonEmptyString, parseOpenAIModelList, positiveInteger } from '@codewhale/plugin-kit';
import { nvidiaNimCanonicalByWireId } from './nvidia-nim-offerings.js';

/**
 * Parse a NIM `GET /v1/models` body. Two shapes share it:
 * - the hosted API (integrate.api.nvidia.com): `{ object: "list", data: [{ id, object, created, owned_by }] }` with no
 *   context or pricing. The hosted list includes stale entries (57 of 136 listed models returned 404,
 *   github.com/apmantza/pi-free/pull/94): a listed id is reachable at best, never proven to run.
 * - a self-hosted container (vLLM-backed): cards with `root`, `parent` and `max_model_len`, the effective context window.
 * Only id, owned_by, created, max_model_len, root and parent are read; `permission[]` and anything else is not copied.
 * Throws `ListingParseError` for bodies that do not fit.
 */
export function parseNvidiaNimModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId }).map(({ id, ownedBy, created, entry }) => {
    const canonicalModel = nvidiaNimCanonicalByWireId.get(id);
    const contextWindow = positiveInteger(entry.max_model_len);
    const root = nonEmptyString(entry.root);
    const parent = nonEmptyString(entry.parent);
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

/** NVIDIA NIM's live `/models` discovery (the host GETs the descriptor's listing path). */
export const nvidiaNimDiscovery: DiscoveryPart = { parseModels: parseNvidiaNimModels };
