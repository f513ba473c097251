import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { asRecord, nonEmptyString, parseOpenAIModelList, positivePrice, positiveInteger } from '@codewhale/plugin-kit';
import { togetherCanonicalByWireId } from './together-offerings.js';

/**
 * Parse Together's `GET /v1/models`: a bare JSON array of `{ id, object, created, type, display_name, organization,
 * link, license, context_length, pricing: { hourly, input, output, base, finetune } }` (docs.together.ai/reference/models).
 * A `{ data: [...] }` wrapper is accepted too. Only id, type, display_name, organization, created, context_length and
 * pricing.input/output are read; nothing else is copied. Prices are USD per million tokens: the unit is not stated in
 * the reference and is inferred from the values (0.3 for a 13B model). A 0 price is dropped, never recorded.
 * A listing proves reachability only: Together lists dedicated-only models that fail on serverless.
 * Throws `ListingParseError` for bodies that do not fit.
 */
export function parseTogetherModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId, allowBareArray: true }).map(
    ({ id, ownedBy, created, entry }) => {
      const canonicalModel = togetherCanonicalByWireId.get(id);
      const organization = ownedBy ?? nonEmptyString(entry.organization);
      const kind = nonEmptyString(entry.type);
      const displayName = nonEmptyString(entry.display_name);
      const contextWindow = positiveInteger(entry.context_length);
      const pricing = asRecord(entry.pricing);
      const input = positivePrice(pricing?.input);
      const output = positivePrice(pricing?.output);
      return {
        id,
        ...(canonicalModel !== undefined ? { canonicalModel } : {}),
        ...(organization !== undefined ? { ownedBy: organization } : {}),
        ...(created !== undefined ? { created } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(displayName !== undefined ? { displayName } : {}),
        ...(contextWindow !== undefined ? { contextWindow } : {}),
        ...(input !== undefined || output !== undefined
          ? {
              pricePerMillion: {
                ...(input !== undefined ? { input } : {}),
                ...(output !== undefined ? { output } : {}),
                currency: 'USD',
              },
            }
          : {}),
      };
    },
  );
}

/** Together's live `/models` discovery (the host GETs the descriptor's listing path). */
export const togetherDiscovery: DiscoveryPart = { parseModels: parseTogetherModels };
