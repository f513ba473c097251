import { z } from 'zod';

const liveRatesSchema = z.strictObject({
  input: z.number().nonnegative().optional(),
  output: z.number().nonnegative().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/** What one upstream provider behind an aggregator reports for a model (Hugging Face router `providers[]`). */
export const liveUpstreamSchema = z.strictObject({
  provider: z.string().min(1),
  status: z.string().min(1).optional(),
  contextWindow: z.number().int().positive().optional(),
  pricePerMillion: liveRatesSchema.optional(),
  supportsTools: z.boolean().optional(),
  supportsStructuredOutput: z.boolean().optional(),
});

/**
 * One model as a provider's live listing reports it. Secret-free by construction: ids, limits and
 * price hints only. Absent means "not reported", never zero.
 */
export const liveModelRecordSchema = z.strictObject({
  id: z.string().min(1).max(512).describe('Wire id exactly as listed.'),
  canonicalModel: z
    .string()
    .min(1)
    .optional()
    .describe("Canonical model id, when the plugin recognises the listed id (e.g. a runtime's well-known tag)."),
  ownedBy: z.string().optional(),
  created: z.number().int().optional().describe('Unix seconds, as reported.'),
  kind: z.string().optional().describe('Listing type, e.g. chat, embedding.'),
  displayName: z.string().optional(),
  contextWindow: z.number().int().positive().optional().describe('Provider-reported context window (tokens).'),
  maxOutput: z.number().int().positive().optional(),
  pricePerMillion: liveRatesSchema.optional().describe('Provider-reported price hint.'),
  capabilities: z.array(z.string().min(1)).optional().describe('Capabilities the listing names, e.g. tools, vision.'),
  root: z.string().optional().describe('Underlying model path (self-hosted runtimes).'),
  parent: z.string().optional().describe('Base model of an adapter (self-hosted LoRA adapters).'),
  upstream: z.array(liveUpstreamSchema).optional(),
});

/** One model from a live `/models` listing. */
export type LiveModelRecord = z.infer<typeof liveModelRecordSchema>;
/** One upstream provider entry of a live record. @useDeclaredType */
export type LiveUpstream = z.infer<typeof liveUpstreamSchema>;
