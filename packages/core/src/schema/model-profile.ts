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
    license: textFactSchema,
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
/** The reasoning dialect fact of a model profile. */
export type ReasoningDialectFact = z.infer<typeof reasoningDialectFactSchema>;
/** A dated deprecation or rename. */
export type Deprecation = z.infer<typeof deprecationSchema>;
