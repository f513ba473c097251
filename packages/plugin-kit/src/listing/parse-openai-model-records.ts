import type { LiveModelRecord } from '@codewhale/core';
import { parseOpenAIModelList, type ParseModelListOptions } from './parse-openai-model-list.js';

/** Options of {@link parseOpenAIModelRecords}: the listing options plus how a listed id maps to a canonical model. */
export interface ParseModelRecordsOptions extends ParseModelListOptions {
  /** The canonical model a listed id stands for (from catalog data), or `undefined`. */
  readonly canonicalFor?: (id: string) => string | undefined;
}

/**
 * Parse an OpenAI-compatible `/models` body into live records with `id`, `canonicalModel`, `ownedBy` and `created`,
 * for providers whose listing says nothing more (nothing else is copied). Throws `ListingParseError` like
 * {@link parseOpenAIModelList}.
 * @example
 * parseOpenAIModelRecords(body, { providerId: 'acme', canonicalFor: (id) => wireIds.get(id) });
 */
export function parseOpenAIModelRecords(body: unknown, options: ParseModelRecordsOptions): LiveModelRecord[] {
  return parseOpenAIModelList(body, options).map(({ id, ownedBy, created }) => {
    const canonicalModel = options.canonicalFor?.(id);
    return {
      id,
      ...(canonicalModel !== undefined ? { canonicalModel } : {}),
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
    };
  });
}
