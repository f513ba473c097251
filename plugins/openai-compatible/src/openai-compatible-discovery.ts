import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { parseOpenAIModelList } from '@codewhale/plugin-kit';

const byId = (left: LiveModelRecord, right: LiveModelRecord): number =>
  left.id < right.id ? -1 : left.id > right.id ? 1 : 0;

/**
 * Parse a generic OpenAI-compatible `GET {base}/models` body: ids, `owned_by` and `created` only, sorted by id and
 * de-duplicated (as CodeWhale does); `data: null` is an empty list. Server-specific fields are not read: the server
 * behind an endpoint you named is not known. Pure; throws `ListingParseError` for bodies that do not fit.
 */
export function parseOpenAICompatibleModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId, allowNullData: true })
    .map(({ id, ownedBy, created }) => ({
      id,
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
    }))
    .sort(byId);
}

/** Discovery of a generic endpoint: the default `GET {base}/models`, parsed by {@link parseOpenAICompatibleModels}. */
export const openAICompatibleDiscovery: DiscoveryPart = { parseModels: parseOpenAICompatibleModels };
