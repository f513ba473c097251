import { z } from 'zod';
import { UNKNOWN } from './constants.js';
import { provenanceSchema } from './provenance.js';

const unknownSchema = z.literal(UNKNOWN).describe('No source gives this fact.');

/** A token count with its provenance, or `unknown`. */
export const tokenLimitSchema = z
  .union([
    unknownSchema,
    z.strictObject({
      value: z.number().int().positive().describe('Tokens.'),
      source: provenanceSchema,
      note: z.string().min(1).optional(),
    }),
  ])
  .describe('A token limit with provenance, or "unknown".');

/** A three-state capability: `yes` or `no` with provenance, or `unknown`. */
export const capabilityFactSchema = z
  .union([
    unknownSchema,
    z.strictObject({
      value: z.enum(['yes', 'no']),
      source: provenanceSchema,
      note: z.string().min(1).optional(),
    }),
  ])
  .describe('A capability: yes/no with provenance, or "unknown".');

/** A short text fact (licence, repository id) with provenance, or `unknown`. */
export const textFactSchema = z
  .union([unknownSchema, z.strictObject({ value: z.string().min(1), source: provenanceSchema })])
  .describe('A text fact with provenance, or "unknown".');

/** The full set of capabilities of a model, each required (write `unknown` when no source says). */
export const capabilitiesSchema = z.strictObject({
  reasoning: capabilityFactSchema.describe('Has a thinking/reasoning mode.'),
  tools: capabilityFactSchema.describe('Function/tool calling.'),
  json: capabilityFactSchema.describe('JSON output mode or structured output.'),
  streaming: capabilityFactSchema.describe('Server-sent streaming of replies.'),
  vision: capabilityFactSchema.describe('Image input.'),
});

/** Overrides of some capabilities (an offering that differs from the model profile). */
export const capabilityOverridesSchema = capabilitiesSchema.partial();

/** Context window and maximum output. */
export const limitsSchema = z.strictObject({
  contextWindow: tokenLimitSchema.describe('Total tokens of prompt plus output the model accepts.'),
  maxOutput: tokenLimitSchema.describe('Most tokens one reply may contain.'),
});

/** Limits an offering overrides (absent: the model profile's value applies). */
export const limitOverridesSchema = limitsSchema.partial();

/** A token limit with provenance, or `unknown`. */
export type TokenLimit = z.infer<typeof tokenLimitSchema>;
/** A three-state capability fact. */
export type CapabilityFact = z.infer<typeof capabilityFactSchema>;
/** A text fact with provenance, or `unknown`. */
export type TextFact = z.infer<typeof textFactSchema>;
/** Capabilities of a model profile. */
export type Capabilities = z.infer<typeof capabilitiesSchema>;
/** Capability overrides of an offering. @useDeclaredType */
export type CapabilityOverrides = z.infer<typeof capabilityOverridesSchema>;
/** Limits of a model profile. */
export type Limits = z.infer<typeof limitsSchema>;
/** Limit overrides of an offering. @useDeclaredType */
export type LimitOverrides = z.infer<typeof limitOverridesSchema>;
