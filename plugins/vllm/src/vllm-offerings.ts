import { catalogOfferings, type OfferingEntry } from '@codewhale/core';
import file from '../../../catalog/offerings/vllm.json' with { type: 'json' };

/**
 * vLLM has no fixed roster: it serves what its operator started, under any name (`--served-model-name`), so it has
 * no catalog offerings (and never joins a cross-provider ambiguity). Well-known served names are recognised in
 * discovery instead (see `vllm-known-models.ts`).
 */
export const vllmOfferings: readonly OfferingEntry[] = catalogOfferings(file);
