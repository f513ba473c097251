import { z } from 'zod';
import { providerIdSchema } from './identifiers.js';
import { isoDateSchema, provenanceSchema } from './provenance.js';

/** One retired or renamed wire id and the wire id the provider's API sends it to now. */
export const modelRenameSchema = z.strictObject({
  from: z.string().min(1).describe('The retired or renamed wire id.'),
  to: z.string().min(1).describe("The wire id to send instead: one of the provider's offerings."),
  since: isoDateSchema.describe('When the old id stopped being its own model.'),
  reason: z.string().min(1).describe('Why, in one sentence, for the model-renamed warning.'),
  sources: z.array(provenanceSchema).min(1).describe('Where this is documented or was seen.'),
});

/** `catalog/renames/<plugin-id>.json`: a provider's dated wire-id renames, as sourced data. */
export const modelRenamesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    provider: providerIdSchema,
    renames: z.array(modelRenameSchema).min(1),
  })
  .describe("A provider's retired and renamed wire ids.");

/** One dated wire-id rename. */
export type ModelRename = z.infer<typeof modelRenameSchema>;
/** A `catalog/renames/<plugin-id>.json` file. */
export type ModelRenamesFile = z.infer<typeof modelRenamesFileSchema>;
