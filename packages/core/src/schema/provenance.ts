import { z } from 'zod';
import { ISO_DATE_PATTERN } from './constants.js';

/** How a fact was learned: the vendor's own docs, a real response, a third party, or the user. */
export const provenanceKindSchema = z
  .enum(['official', 'observed', 'third-party', 'user'])
  .describe(
    'official: vendor docs or repo; observed: a real response; third-party: catalogs, blogs; user: the user said so',
  );

/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(ISO_DATE_PATTERN, { error: 'Expected a date as YYYY-MM-DD.' });

/** Where a catalog fact comes from, when it was read, and how far to trust it. */
export const provenanceSchema = z
  .strictObject({
    url: z.url().describe('The page, file or response the fact was read from.'),
    retrieved: isoDateSchema.describe('When the fact was read from the source.'),
    verified: isoDateSchema.optional().describe('When the fact was last checked to still hold.'),
    kind: provenanceKindSchema,
    uncertain: z.boolean().optional().describe('The source itself is unsure, or sources disagree; `note` says how.'),
    note: z.string().min(1).optional().describe('What the source says exactly, or why it is uncertain.'),
  })
  .describe('Provenance of one fact.');

/** Provenance of one catalog fact. */
export type Provenance = z.infer<typeof provenanceSchema>;
/** Kind of a provenance: `official`, `observed`, `third-party` or `user`. */
export type ProvenanceKind = z.infer<typeof provenanceKindSchema>;
