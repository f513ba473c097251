import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { parseModelCards } from '@codewhale/plugin-kit';
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
  // Only the listed id is looked up, never `root`.
  return parseModelCards(body, {
    providerId: context.providerId,
    canonicalFor: (id) => nvidiaNimCanonicalByWireId.get(id),
  });
}

/** NVIDIA NIM's live `/models` discovery (the host GETs the descriptor's listing path). */
export const nvidiaNimDiscovery: DiscoveryPart = { parseModels: parseNvidiaNimModels };
