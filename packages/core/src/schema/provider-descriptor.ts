import { z } from 'zod';
import { USAGE_DIALECTS } from '../usage/usage-types.js';
import { KNOWN_WIRE_PROTOCOLS } from './constants.js';
import { envVarNameSchema, providerIdSchema } from './identifiers.js';

/** Provider classes: a vendor's own API, an aggregator, a local runtime, or a user-named endpoint. */
export const providerClassSchema = z.enum(['direct', 'aggregator', 'local', 'custom']);

/** How a credential is presented: `Authorization: Bearer`, an `x-api-key` header, or nothing. */
export const authSchemeSchema = z.enum(['bearer', 'x-api-key', 'none']);

/** One endpoint of a provider: base URL and the protocol spoken there. */
export const endpointDescriptorSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .describe('Official base URL (for local runtimes: the default loopback URL).'),
  protocol: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .describe(`Wire protocol, e.g. ${KNOWN_WIRE_PROTOCOLS.join(', ')}.`),
  alternateBaseUrls: z
    .array(z.url({ protocol: /^https?$/ }))
    .optional()
    .describe('Other official spellings of the same endpoint.'),
  authScheme: authSchemeSchema.optional().describe('Overrides the provider auth scheme on this endpoint.'),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe('Fixed non-secret headers this endpoint needs, e.g. anthropic-version.'),
  usageDialect: z
    .enum(USAGE_DIALECTS)
    .optional()
    .describe(
      'How answers here report token usage, when it differs from the protocol default (chat-completions: openai-chat; anthropic-messages; responses).',
    ),
  note: z.string().min(1).optional(),
});

/** One environment variable name, or several read in order (the first non-blank one wins). */
const envVarNamesSchema = z.union([envVarNameSchema, z.array(envVarNameSchema).min(1)]);

/**
 * The provider's own environment variables besides its key (read with `providerEnvValues`): base URL and model
 * overrides, and a host variable holding `[scheme://]host[:port]` as local runtimes' own tools read it (turned into a base URL).
 */
export const providerEnvSchema = z.strictObject({
  baseUrl: envVarNamesSchema
    .optional()
    .describe('Provider-scoped base URL override(s), read in order, e.g. ACME_BASE_URL.'),
  model: envVarNamesSchema.optional().describe('Provider-scoped model override(s), read in order, e.g. ACME_MODEL.'),
  host: z
    .strictObject({
      name: envVarNameSchema.describe('The variable, e.g. ACME_HOST.'),
      path: z
        .string()
        .regex(/^(?:\/[^\s?#]*)?$/, {
          error: 'Expected an empty path or one starting with "/", without query or fragment, e.g. "/v1".',
        })
        .describe('Path appended to http://host:port to make the base URL, e.g. /v1.'),
    })
    .optional()
    .describe(
      "A variable holding [scheme://]host[:port] (read after the baseUrl names); without a scheme: http and the default endpoint's port.",
    ),
});

/** Facts a provider owns about itself: identity, class, endpoints, auth and live listing. */
export const providerDescriptorSchema = z.strictObject({
  id: providerIdSchema,
  displayName: z.string().min(1),
  aliases: z
    .array(providerIdSchema)
    .optional()
    .describe('Other names users type for this provider, e.g. a short form of the id.'),
  configKey: z.string().min(1).optional().describe('Key of its [providers.<key>] config table; defaults to the id.'),
  class: providerClassSchema,
  auth: z.strictObject({
    scheme: authSchemeSchema,
    envVars: z
      .array(envVarNameSchema)
      .describe('Environment variables that may hold the key, in the order they are read.'),
    optional: z.boolean().describe('True when requests work without a key (local runtimes).'),
    keyUrl: z.url().optional().describe('Where a user creates a key.'),
  }),
  endpoints: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), endpointDescriptorSchema),
  defaultEndpoint: z.string().min(1),
  liveListing: z.strictObject({
    supported: z.boolean(),
    path: z.string().startsWith('/').optional().describe('Path of the listing, relative to the endpoint base URL.'),
    authRequired: z.boolean().optional(),
  }),
  env: providerEnvSchema.optional(),
  modelIds: z
    .strictObject({
      style: z.enum(['strict', 'aggregator', 'local-tag', 'opaque']),
      caseSensitive: z.boolean(),
      note: z.string().min(1).optional(),
    })
    .describe('Summary of the model-id policy (the plugin code implements it).'),
  docsUrl: z.url().optional(),
});

/** A provider's self-description. */
export type ProviderDescriptor = z.infer<typeof providerDescriptorSchema>;
/** Provider class. @useDeclaredType */
export type ProviderClass = z.infer<typeof providerClassSchema>;
/** Auth scheme. @useDeclaredType */
export type AuthScheme = z.infer<typeof authSchemeSchema>;
/** One endpoint of a provider. @useDeclaredType */
export type EndpointDescriptor = z.infer<typeof endpointDescriptorSchema>;
/** A provider's own environment variables (base URL, model, host). @useDeclaredType */
export type ProviderEnv = z.infer<typeof providerEnvSchema>;
