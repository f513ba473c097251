import { z } from 'zod';

/** A provider id: kebab-case, lower-case, never renamed (e.g. `acme-cloud`). */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: 'Expected a kebab-case id such as "acme-cloud".' });

/** A canonical model id: lower-case letters, digits, dots and dashes (e.g. `acme-coder-480b-a35b`). */
export const canonicalModelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.]*(?:-[a-z0-9.]+)*$/, { error: 'Expected a lower-case canonical id such as "acme-coder-7b".' });

/** An environment variable name (upper-case, digits, underscores). */
export const envVarNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'Expected an environment variable name such as ACME_API_KEY.' });

/** A model id as a provider spells it on the wire: kept byte-for-byte, only surrounding whitespace is refused. */
export const wireModelIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((value) => value.trim() === value, { error: 'A wire id cannot start or end with whitespace.' });
