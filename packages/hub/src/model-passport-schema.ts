import { z } from 'zod';

/** Version of the passport record; bumped on incompatible changes. */
export const MODEL_PASSPORT_VERSION = 1;

const unknownFact = z.strictObject({
  known: z.literal(false),
  reason: z.string().min(1).describe('Why the value is unknown, in a sentence.'),
});

/** A fact the Hub answer gave (with where in the answer), or `unknown` with why. Never a 0 standing for unknown. */
function fact<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('known', [
    z.strictObject({
      known: z.literal(true),
      value,
      source: z.string().min(1).describe('Where in the Hub answer the value comes from, e.g. `cardData.license`.'),
    }),
    unknownFact,
  ]);
}

const count = z.number().int().nonnegative();

const licenceSchema = z.strictObject({
  id: z.string().min(1).describe('Licence id as the card or tag gives it, e.g. `apache-2.0`, `llama3.1`, `other`.'),
  name: z.string().optional().describe('`license_name` for `other` licences.'),
  link: z.string().optional().describe('`license_link`, as written in the card (not fetched).'),
});

const quantisationSchema = z.strictObject({
  name: z.string().min(1).describe('Quantisation as in the file name, upper case, e.g. `Q4_K_M`, `Q8_0`, `F16`.'),
  files: z.array(z.string().min(1)).min(1),
  bytes: fact(count).describe('Summed size of its files, when the Hub listed every size.'),
});

const lineageRelation = z.enum(['adapter', 'merge', 'quantized', 'finetune', 'unknown']);

const providerMappingSchema = z.strictObject({
  provider: z.string().min(1),
  providerId: z.string().min(1).describe("The provider's own wire id."),
  status: z.string().min(1),
  task: z.string().optional(),
  adapter: z.string().optional(),
});

const derivedSchema = z.strictObject({
  repos: z.array(z.string().min(1)),
  more: z.boolean().describe('True when the Hub has more than listed.'),
});

/** The model passport: what a Hub model is, each fact with its source or `unknown` with why. */
export const modelPassportSchema = z.strictObject({
  version: z.literal(MODEL_PASSPORT_VERSION),
  repo: z.string().min(1).describe('Repository id the Hub answered with.'),
  requested: z.string().min(1).describe('Repository id as asked for.'),
  renamed: z
    .strictObject({ from: z.string().min(1), to: z.string().min(1) })
    .optional()
    .describe('Set when the name asked for moved: the Hub answered a same-origin redirect to `to`.'),
  revision: z.string().optional().describe('Revision asked for, when one was.'),
  sha: fact(z.string().min(1)),
  url: z.string().min(1).describe('The model page on the Hub.'),
  licence: fact(licenceSchema),
  gating: z.strictObject({
    gated: fact(z.union([z.literal(false), z.literal('auto'), z.literal('manual')])),
    access: z
      .enum(['granted', 'denied', 'no-token', 'not-gated', 'not-checked'])
      .describe('Whether the token used can read the files of a gated repository.'),
    private: fact(z.boolean()),
  }),
  task: fact(z.string().min(1)),
  library: fact(z.string().min(1)),
  parameters: z.strictObject({
    byDtype: fact(z.record(z.string().min(1), count)).describe(
      'Parameter count per dtype from `safetensors.parameters`.',
    ),
    total: fact(count).describe(
      'One total, only for a single-dtype repository (a mixed-dtype total is not one number).',
    ),
  }),
  gguf: fact(
    z.strictObject({
      architecture: fact(z.string().min(1)),
      contextLength: fact(z.number().int().positive()),
      parameters: fact(count),
      quantisations: z.array(quantisationSchema),
    }),
  ),
  lineage: z.strictObject({
    baseModels: z.array(
      z.strictObject({
        repo: z.string().min(1),
        relation: lineageRelation,
        source: z.string().min(1),
      }),
    ),
    datasets: z.array(z.string().min(1)),
    quantizations: fact(derivedSchema).describe('Repositories tagged `base_model:quantized:<repo>`.'),
    adapters: fact(derivedSchema).describe('Repositories tagged `base_model:adapter:<repo>`.'),
  }),
  card: fact(
    z.strictObject({
      summary: z.string().describe('The card text as plain text (no markup, no HTML, no control characters), capped.'),
      truncated: z.boolean(),
    }),
  ),
  lastModified: fact(z.string().min(1)),
  providers: fact(z.array(providerMappingSchema)).describe('The Inference Providers mapping.'),
  source: z.strictObject({
    url: z.string().min(1).describe('`origin + path` of the model info request.'),
    fetchedAt: z.string().min(1),
    fromCache: z.boolean(),
    token: z.string().min(1).describe('Token source class (`env:HF_TOKEN`, `explicit`, `none`), never the value.'),
  }),
});

/** A model passport (see {@link modelPassportSchema}). */
export type ModelPassport = z.infer<typeof modelPassportSchema>;
/** A known fact with its source, or unknown with a reason. */
export type PassportFact<T> =
  | { readonly known: true; readonly value: T; readonly source: string }
  | {
      readonly known: false;
      readonly reason: string;
    };
/** How a repository derives from its base model. @useDeclaredType */
export type LineageRelation = z.infer<typeof lineageRelation>;
/** One quantisation of a GGUF repository. @useDeclaredType */
export type PassportQuantisation = z.infer<typeof quantisationSchema>;

/** The JSON Schema (draft 2020-12) of a model passport, for `--json` consumers. */
export function modelPassportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://codewhale.github.io/codewhale-route-catalog/schemas/model-passport.schema.json',
    title: 'CodeWhale model passport',
    ...(z.toJSONSchema(modelPassportSchema, {
      target: 'draft-2020-12',
      io: 'output',
      unrepresentable: 'any',
    }) as Record<string, unknown>),
  };
}
