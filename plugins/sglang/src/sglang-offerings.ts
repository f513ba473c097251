import { catalogOfferings, type OfferingEntry } from '@codewhale/core';
import file from '../../../catalog/offerings/sglang.json' with { type: 'json' };

/**
 * SGLang has no fixed roster: it serves what its operator started, under any name (`--served-model-name`), so it has
 * no catalog offerings (and never joins a cross-provider ambiguity). Well-known served names are recognised in
 * discovery instead (see `sglang-known-models.ts`).
 */
export const sglangOfferings: readonly OfferingEntry[] = catalogOfferings(file);
