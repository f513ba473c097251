import { REASONING_LEVELS } from '@codewhale/core';
import { z } from 'zod';

const positiveInt = z.number().int().positive().max(1_000_000);

/** Generation settings: the same for every route (a case may override some). */
export const generationSettingsSchema = z
  .strictObject({
    max_output_tokens: positiveInt.optional().describe('Most output tokens (sent as `max_tokens`).'),
    temperature: z.number().min(0).max(2).optional().describe('Sampling temperature (sent as `temperature`).'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('Sampling seed, for routes that honour one.'),
  })
  .describe('Generation settings sent to every route.');

const jsonSchemaObject = z.record(z.string(), z.unknown());

/** The tool policy: no tools, or tool schemas with a `tool_choice`. */
export const toolPolicySchema = z
  .strictObject({
    choice: z
      .union([z.enum(['none', 'auto', 'required']), z.strictObject({ name: z.string().min(1) })])
      .default('auto')
      .describe('`tool_choice`: none, auto, required, or { name } to force one tool.'),
    functions: z
      .array(
        z.strictObject({
          name: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name is letters, digits, `_` and `-`, 1 to 64 characters'),
          description: z.string().optional(),
          parameters: jsonSchemaObject.describe('JSON Schema of the arguments.'),
        }),
      )
      .min(1)
      .describe('The tools offered, as function schemas.'),
  })
  .describe('Tools offered on every request.');

/** The suite file (`suite.toml` or `suite.json`). */
export const evalSuiteSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a suite name is lower-case letters, digits, `.`, `_` and `-`'),
    description: z.string().max(2000).optional(),
    cases: z.string().min(1).describe('The cases file (JSON Lines), relative to the suite file.'),
    reasoning: z
      .enum(REASONING_LEVELS)
      .optional()
      .describe('Reasoning level asked of every route (each route maps it to its own parameters).'),
    settings: generationSettingsSchema.default({}),
    tools: toolPolicySchema.optional().describe('Omitted: no tools.'),
  })
  .describe('A CodeWhale eval suite: cases sent as the same request to every route and graded the same way.');

/** One chat message of a case (system, user or assistant text). */
export const evalMessageSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('system'), content: z.string() }),
  z.strictObject({ role: z.literal('user'), content: z.string() }),
  z.strictObject({ role: z.literal('assistant'), content: z.string() }),
]);

/** One grader of a case. */
export const graderSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('exact'),
    value: z.string(),
    trim: z.boolean().default(true).describe('Compare without leading and trailing white space.'),
  }),
  z.strictObject({
    type: z.literal('contains'),
    value: z.string().min(1),
    ignore_case: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'flags are among i, m, s, u')
      .default(''),
  }),
  z.strictObject({
    type: z.literal('json-schema'),
    schema: jsonSchemaObject.describe('JSON Schema the answer (JSON, a ```json fence allowed) must match.'),
  }),
  z.strictObject({
    type: z.literal('tool-call'),
    name: z.string().min(1).describe('The tool the answer must call.'),
    arguments: jsonSchemaObject.optional().describe('JSON Schema its arguments must match.'),
  }),
  z.strictObject({
    type: z.literal('command'),
    argv: z
      .array(z.string().min(1))
      .min(1)
      .describe('Program and arguments, run without a shell; the answer on stdin; exit 0 passes.'),
    timeout_ms: z.number().int().min(100).max(600_000).default(30_000),
    cwd: z.string().optional().describe('Working directory, relative to the suite file (default: the suite folder).'),
  }),
]);

/** One case: one line of the cases file. */
export const evalCaseSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a case id is letters, digits, `.`, `_` and `-`'),
    messages: z.array(evalMessageSchema).min(1),
    settings: generationSettingsSchema.optional().describe('Overrides of the suite settings for this case.'),
    graders: z.array(graderSchema).min(1),
  })
  .describe('One eval case: one line of the cases file (JSON Lines).');

/** A suite as validated. */
export type EvalSuite = z.output<typeof evalSuiteSchema>;
/** A case as validated. */
export type EvalCase = z.output<typeof evalCaseSchema>;
/** A grader as validated. */
export type Grader = z.output<typeof graderSchema>;
/** Generation settings. */
export type GenerationSettings = z.output<typeof generationSettingsSchema>;
/** The tool policy (absent: no tools). */
export type ToolPolicy = z.output<typeof toolPolicySchema>;
/** A chat message of a case. */
export type EvalMessage = z.output<typeof evalMessageSchema>;

/** The JSON Schema (draft 2020-12) of a suite file. */
export function evalSuiteJsonSchema(): Record<string, unknown> {
  return {
    title: 'CodeWhale eval suite (suite.toml or suite.json)',
    ...(z.toJSONSchema(evalSuiteSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>),
  };
}

/** The JSON Schema (draft 2020-12) of one case, i.e. one line of the cases file. */
export function evalCaseJsonSchema(): Record<string, unknown> {
  return {
    title: 'CodeWhale eval case (one line of the cases file, JSON Lines)',
    ...(z.toJSONSchema(evalCaseSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>),
  };
}
