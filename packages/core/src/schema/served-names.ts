import { z } from 'zod';
import { canonicalModelIdSchema, providerIdSchema } from './identifiers.js';
import { provenanceSchema } from './provenance.js';

/** One name a provider serves a canonical model under (a tag, a served name), with where that was read. */
export const servedNameSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe(
      'The model name as the provider lists it; the plugin decides how it is compared (e.g. case-insensitively).',
    ),
  model: canonicalModelIdSchema.describe('The canonical model it serves: a profile in catalog/models.'),
  source: provenanceSchema.describe('Where the name → model mapping was read.'),
  note: z.string().min(1).optional(),
});

/** `catalog/served-names/<plugin-id>.json`: well-known names of a provider without a fixed roster (not offerings). */
export const servedNamesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    provider: providerIdSchema,
    names: z.array(servedNameSchema).min(1),
  })
  .describe('Well-known served names of one provider: recognised in discovery, never offerings.');

/** One served name of a provider. */
export type ServedName = z.infer<typeof servedNameSchema>;
/** A `catalog/served-names/<plugin-id>.json` file. */
export type ServedNamesFile = z.infer<typeof servedNamesFileSchema>;
