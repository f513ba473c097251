import { z } from 'zod';
import { AUTH_MODES, REASONING_LEVELS, ROUTE_PREFERENCES, ROUTE_REQUIREMENTS } from './constants.js';
import { envVarNameSchema } from './identifiers.js';

const reasoningLevelSchema = z.enum(REASONING_LEVELS);
const preferenceSchema = z.enum(ROUTE_PREFERENCES);
const requirementSchema = z.enum(ROUTE_REQUIREMENTS);

/** A `[providers.<id>]` table: intent and overrides for one provider. Unknown keys are kept (and warned about). */
export const providerConfigSchema = z.looseObject({
  model: z.string().min(1).optional().describe('Model to use with this provider when none is given.'),
  base_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Endpoint override. Not the official endpoint: the route becomes custom.'),
  endpoint: z.string().min(1).optional().describe('Endpoint key of the provider (e.g. anthropic).'),
  api_key: z
    .string()
    .min(1)
    .optional()
    .describe('A key bound to this table only. Prefer api_key_env or api_key_command.'),
  api_key_env: envVarNameSchema.optional().describe('Environment variable that holds the key for this table.'),
  api_key_command: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Command (argv, no shell) that prints the key.'),
  auth_mode: z.enum(AUTH_MODES).optional().describe('"none" sends no credential at all.'),
  context_window: z.number().int().positive().optional().describe('Your context window override (tokens).'),
  max_output: z.number().int().positive().optional().describe('Your max output override (tokens).'),
  custom_models: z
    .array(z.string().min(1))
    .optional()
    .describe('Model ids you use here that the catalog does not know.'),
  reasoning: reasoningLevelSchema.optional(),
  fallback: z
    .array(z.string().min(1))
    .optional()
    .describe('Route refs (provider:model) to try when this provider fails.'),
});

/** A `[roles.<name>]` table: routing policy for one role (e.g. summary, review). */
export const roleConfigSchema = z.looseObject({
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional().describe('A model id, or "auto".'),
  purpose: z.string().min(1).optional(),
  requires: z.array(requirementSchema).optional(),
  min_context: z.number().int().positive().optional(),
  prefer: preferenceSchema.optional(),
  reasoning: reasoningLevelSchema.optional(),
  allow_providers: z.array(z.string().min(1)).optional().describe('Other providers auto may pick for this role.'),
});

/** The user's config file: intent and overrides only, never provider facts. */
export const userConfigSchema = z.looseObject({
  $schema: z.string().optional(),
  provider: z.string().min(1).optional().describe('Default provider id or alias.'),
  model: z.string().min(1).optional().describe('Default model (applies only where coherent for the provider).'),
  base_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Legacy: a base URL that may identify the provider.'),
  reasoning: reasoningLevelSchema.optional(),
  fallback: z.array(z.string().min(1)).optional().describe('Fallback chain of route refs (provider:model).'),
  providers: z.record(z.string(), providerConfigSchema).optional(),
  roles: z.record(z.string(), roleConfigSchema).optional(),
  routing: z
    .looseObject({
      prefer: preferenceSchema.optional(),
      allow_providers: z.array(z.string().min(1)).optional().describe('Providers auto may leave the active one for.'),
      cost_saving: z.boolean().optional(),
    })
    .optional(),
  receipts: z
    .looseObject({
      dir: z.string().min(1).optional().describe('Where the receipts ledger lives (default: <state dir>/receipts).'),
      keep_days: z.int().positive().optional().describe('Retention: UTC days of receipts kept, today included.'),
      max_bytes: z.int().positive().optional().describe('Size cap of the ledger; the oldest days go first.'),
      hash_request_body: z
        .boolean()
        .optional()
        .describe('Record a SHA-256 of each request body (never the body itself). Default: off.'),
    })
    .optional()
    .describe('The local route-receipts ledger (see docs/receipts-and-privacy.md).'),
});

/** The user's config file, parsed. */
export type UserConfig = z.infer<typeof userConfigSchema>;
/** One `[providers.<id>]` table. */
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
/** One `[roles.<name>]` table. */
export type RoleConfig = z.infer<typeof roleConfigSchema>;
