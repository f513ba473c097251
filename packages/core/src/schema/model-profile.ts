import { z } from 'zod';
import { capabilitiesSchema, limitsSchema, textFactSchema } from './facts.js';
import { canonicalModelIdSchema } from './identifiers.js';
import { isoDateSchema, provenanceSchema } from './provenance.js';
import { UNKNOWN } from './constants.js';

/** The reasoning dialect of a model's chat template, with provenance, or `unknown`. */
export const reasoningDialectFactSchema = z
  .union([
    z.literal(UNKNOWN).describe('No source gives this fact.'),
    z.strictObject({
      value: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/)
        .describe(
          'The dialect, named as self-hosted plugins name it (plugin-kit `MODEL_REASONING_DIALECTS`), e.g. `non-thinking`.',
        ),
      source: provenanceSchema,
      note: z.string().min(1).optional(),
    }),
  ])
  .describe('How the chat template takes reasoning controls, with provenance, or "unknown".');

/**
 * A licence id as the Hugging Face Hub spells it (`cardData.license`, the `license:` tag): an SPDX id in lower case
 * (`mit`, `apache-2.0`), a Hub model licence (`llama3.3`, `gemma`) or `other`. Never `unknown` (that is its own form).
 */
export const LICENSE_ID_PATTERN = /^(?!unknown$)[a-z0-9][a-z0-9.+-]*$/;

/** A model's licence with provenance: the Hub licence id, its name, a link to its text, and where it was read. */
export const licenseSchema = z.strictObject({
  value: z
    .string()
    .regex(LICENSE_ID_PATTERN, {
      error: 'Expected the Hub licence id in lower case (e.g. mit, apache-2.0, llama3.3, other).',
    })
    .describe(
      'The licence id as the Hugging Face Hub spells it (card `license:`): an SPDX id in lower case (`mit`, `apache-2.0`), a Hub model licence (`llama3.3`) or `other`.',
    ),
  spdx: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/)
    .optional()
    .describe(
      'The SPDX identifier (`MIT`, `Apache-2.0`) when the licence is an unmodified SPDX licence; absent otherwise.',
    ),
  licenseName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._+-]*$/)
    .optional()
    .describe("The card's `license_name` when the id is `other` (e.g. `modified-mit`)."),
  name: z
    .string()
    .min(1)
    .optional()
    .describe("The licence's display name, e.g. `MIT License`, `Apache License 2.0` (catalog:check requires it)."),
  url: z
    .url()
    .optional()
    .describe(
      "A link to the licence text: the repo's LICENSE file, the card's `license_link`, or the lab's page (catalog:check requires it).",
    ),
  source: provenanceSchema.describe("Where the licence was read: the model card, its LICENSE file, or the lab's page."),
  note: z.string().min(1).optional(),
});

/** A licence no source gives, with the reason (and optionally the sources that were read and did not settle it). */
export const unknownLicenseSchema = z.strictObject({
  value: z.literal(UNKNOWN),
  reason: z.string().min(1).describe('Why no licence is given, e.g. no public weights, or sources disagree.'),
  sources: z.array(provenanceSchema).min(1).optional().describe('What was read and did not settle it.'),
});

/**
 * The licence of a model's weights: a sourced licence, or `unknown` with the reason. The bare string `"unknown"` still
 * loads (data written before licences had a reason) but `catalog:check` rejects it.
 */
export const licenseFactSchema = z
  .union([
    z.literal(UNKNOWN).describe('Legacy: no source gives the licence, without a reason (catalog:check rejects it).'),
    unknownLicenseSchema,
    licenseSchema,
  ])
  .describe('The licence with provenance, or { value: "unknown", reason }.');

const modalitySchema = z.enum(['text', 'image', 'audio', 'video']);

/** A dated deprecation, retirement or rename, with where it was announced. */
export const deprecationSchema = z.strictObject({
  date: isoDateSchema,
  kind: z.enum(['deprecated', 'retired', 'renamed']),
  replacement: z.string().min(1).optional().describe('What to use instead.'),
  note: z.string().min(1),
  source: provenanceSchema,
});

/** Provider-agnostic facts about one canonical model. */
export const modelProfileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: canonicalModelIdSchema,
  displayName: z.string().min(1),
  lab: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe('Who trained it: the lab org name, in lower case.'),
  family: z
    .string()
    .regex(/^[a-z0-9.-]+$/)
    .describe('Model family (the model line), e.g. acme-coder-2.'),
  aliases: z.array(z.string().min(1)).optional().describe('Other canonical spellings (never provider wire ids).'),
  releaseDate: z.strictObject({ value: isoDateSchema, source: provenanceSchema }).optional(),
  limits: limitsSchema,
  modalities: z.union([
    z.literal('unknown'),
    z.strictObject({
      input: z.array(modalitySchema).min(1),
      output: z.array(modalitySchema).min(1),
      source: provenanceSchema,
    }),
  ]),
  capabilities: capabilitiesSchema,
  openWeights: z.strictObject({
    license: licenseFactSchema,
    huggingFaceRepo: textFactSchema.describe(
      'The Hugging Face repo id (`org/Name`, mixed case): also the default served name on self-hosted servers.',
    ),
    reasoningDialect: reasoningDialectFactSchema
      .optional()
      .describe(
        'How the chat template takes reasoning controls on a self-hosted server (absent: unknown). Self-hosted plugins read it.',
      ),
  }),
  deprecations: z.array(deprecationSchema).optional(),
  note: z.string().min(1).optional(),
});

/** A canonical model's provider-agnostic facts. */
export type ModelProfile = z.infer<typeof modelProfileSchema>;
/** A model's licence fact: sourced, `unknown` with a reason, or the legacy bare `unknown`. */
export type LicenseFact = z.infer<typeof licenseFactSchema>;
/** A sourced licence (the known form of {@link LicenseFact}). */
export type License = z.infer<typeof licenseSchema>;
/** The reasoning dialect fact of a model profile. */
export type ReasoningDialectFact = z.infer<typeof reasoningDialectFactSchema>;
/** A dated deprecation or rename. */
export type Deprecation = z.infer<typeof deprecationSchema>;
