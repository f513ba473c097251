import { z } from 'zod';
import { CANONICAL_MODEL_ID_PATTERN, ENV_VAR_NAME_PATTERN, PROVIDER_ID_PATTERN } from './constants.js';

/** A provider id: kebab-case, lower-case, never renamed (e.g. `acme-cloud`). */
export const providerIdSchema = z
  .string()
  .regex(PROVIDER_ID_PATTERN, { error: 'Expected a kebab-case id such as "acme-cloud".' });

/** A canonical model id: lower-case letters, digits, dots and dashes (e.g. `acme-coder-480b-a35b`). */
export const canonicalModelIdSchema = z
  .string()
  .regex(CANONICAL_MODEL_ID_PATTERN, { error: 'Expected a lower-case canonical id such as "acme-coder-7b".' });

/** An environment variable name (upper-case, digits, underscores). */
export const envVarNameSchema = z
  .string()
  .regex(ENV_VAR_NAME_PATTERN, { error: 'Expected an environment variable name such as ACME_API_KEY.' });

/** A model id as a provider spells it on the wire: kept byte-for-byte, only surrounding whitespace is refused. */
export const wireModelIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((value) => value.trim() === value, { error: 'A wire id cannot start or end with whitespace.' });
