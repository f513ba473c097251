import { z } from 'zod';
import { capabilityOverridesSchema, limitOverridesSchema } from './facts.js';
import { canonicalModelIdSchema, providerIdSchema, wireModelIdSchema } from './identifiers.js';
import { deprecationSchema } from './model-profile.js';
import { provenanceSchema } from './provenance.js';
import { usageMeterSchema } from './usage-meter.js';

/**
 * How a hosted provider takes reasoning controls for one model: a control its plugin declares
 * (`ReasoningPart.controls`), with the source that documents it. Absent: the plugin's generic form.
 */
export const reasoningControlFactSchema = z
  .strictObject({
    value: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe("A reasoning control the provider's plugin declares (its `reasoning.controls`)."),
    source: provenanceSchema,
    note: z.string().min(1).optional(),
  })
  .describe('How this provider takes reasoning controls for this model, with provenance.');

/** The reasoning control of an offering (see {@link reasoningControlFactSchema}). */
export type ReasoningControlFact = z.infer<typeof reasoningControlFactSchema>;

/** One offering as written in a catalog file (the provider is the file's / plugin's). */
export const offeringEntrySchema = z.strictObject({
  model: canonicalModelIdSchema.describe('Canonical model id (a ModelProfile).'),
  wireId: wireModelIdSchema.describe('The id sent on the wire, byte-for-byte.'),
  aliases: z.array(z.string().min(1)).optional().describe('Provider-scoped aliases users may type.'),
  endpoint: z.string().min(1).optional().describe("Endpoint key; defaults to the descriptor's defaultEndpoint."),
  default: z.boolean().optional().describe("The provider's default offering (at most one)."),
  limits: limitOverridesSchema.optional().describe('Limits that differ from the model profile at this provider.'),
  capabilities: capabilityOverridesSchema.optional().describe('Capabilities that differ at this provider.'),
  reasoningControl: reasoningControlFactSchema
    .optional()
    .describe("The plugin's reasoning control for this model (absent: the plugin's generic form)."),
  meter: usageMeterSchema,
  status: z.enum(['active', 'preview', 'deprecated', 'retired']).optional(),
  deprecations: z.array(deprecationSchema).optional(),
  note: z.string().min(1).optional(),
});

/** A provider's offering of a canonical model, as held by the registry (provider id attached). */
export type ProviderModelOffering = z.infer<typeof offeringEntrySchema> & {
  /** The provider that offers it. */
  readonly provider: string;
};

/** One offering entry as written in a catalog file or passed to `definePlugin`. */
export type OfferingEntry = z.infer<typeof offeringEntrySchema>;

/** A `catalog/offerings/<plugin-id>.json` file. */
export const offeringsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  provider: providerIdSchema,
  offerings: z.array(offeringEntrySchema),
});

/** Contents of a `catalog/offerings/<plugin-id>.json` file. */
export type OfferingsFile = z.infer<typeof offeringsFileSchema>;
