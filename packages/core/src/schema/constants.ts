/**
 * The catalog's fixed vocabularies and patterns, with no dependency: the schemas build on them, and the registry and
 * resolver use them without loading zod.
 */

/** The literal that stands for a fact no source gives. Never replaced by 0. */
export const UNKNOWN = 'unknown' as const;

/** The capabilities a route can require, each three-state. */
export const CAPABILITY_NAMES = ['reasoning', 'tools', 'json', 'streaming', 'vision'] as const;
/** One capability name. */
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/** Wire protocols a provider endpoint can speak. Open set: the resolver rejects ones it cannot serialise. */
export const KNOWN_WIRE_PROTOCOLS = ['chat-completions', 'anthropic-messages', 'responses', 'completions'] as const;

/** Above this, a per-million-token rate is treated as a data error (no real SKU costs that much). */
export const MAX_PRICE_PER_MILLION = 100_000;

/** Token classes a price can be given for. */
export const TOKEN_CLASSES = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'] as const;
/** One token class: `input` (cache miss), `cachedInput` (cache hit), `cacheWrite`, `output`, `reasoning`. */
export type TokenClass = (typeof TOKEN_CLASSES)[number];

/** Provider-neutral reasoning levels. */
export const REASONING_LEVELS = ['off', 'low', 'medium', 'high', 'max'] as const;
/** A provider-neutral reasoning level. */
export type ReasoningLevel = (typeof REASONING_LEVELS)[number];

/** What `auto` optimises for after hard requirements are met. */
export const ROUTE_PREFERENCES = ['cost', 'latency', 'quality'] as const;
/** A routing preference. */
export type RoutePreference = (typeof ROUTE_PREFERENCES)[number];

/** Requirements a route can demand (capabilities; context is separate). */
export const ROUTE_REQUIREMENTS = CAPABILITY_NAMES;

/** The inputs of a route request that a person chooses (a route error names one of them as the field at fault). */
export const ROUTE_INPUT_FIELDS = [
  'provider',
  'model',
  'baseUrl',
  'role',
  'purpose',
  'requires',
  'prefer',
  'reasoning',
  'contextTokens',
] as const;
/** One input of a route request, as {@link ROUTE_INPUT_FIELDS} lists them. */
export type RouteInputField = (typeof ROUTE_INPUT_FIELDS)[number];

/** How a `[providers.<id>]` table's credential is presented (`none`: no credential at all). */
export const AUTH_MODES = ['auto', 'bearer', 'x-api-key', 'none'] as const;

/** A provider id: kebab-case, lower-case, never renamed (e.g. `acme-cloud`). */
export const PROVIDER_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A canonical model id: lower-case letters, digits, dots and dashes (e.g. `acme-coder-480b-a35b`). */
export const CANONICAL_MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9.]*(?:-[a-z0-9.]+)*$/;
/** An environment variable name (upper-case, digits, underscores). */
export const ENV_VAR_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
/** A calendar date, `YYYY-MM-DD`. */
export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
