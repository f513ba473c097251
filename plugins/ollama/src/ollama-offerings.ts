import { catalogOfferings, type OfferingEntry } from '@codewhale/core';
import file from '../../../catalog/offerings/ollama.json' with { type: 'json' };

/**
 * Ollama has no fixed roster: it serves whatever was pulled, so it has no catalog offerings (and never joins a
 * cross-provider ambiguity). Well-known tags are recognised in discovery instead (see `ollama-known-models.ts`).
 */
export const ollamaOfferings: readonly OfferingEntry[] = catalogOfferings(file);
