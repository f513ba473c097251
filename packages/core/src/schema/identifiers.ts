import { z } from 'zod';

/** A provider id: kebab-case, lower-case, never renamed (e.g. `nvidia-nim`). */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: 'Expected a kebab-case id such as "nvidia-nim".' });

/** A canonical model id: lower-case letters, digits, dots and dashes (e.g. `qwen3-coder-480b-a35b`). */
export const canonicalModelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.]*(?:-[a-z0-9.]+)*$/, { error: 'Expected a lower-case canonical id such as "deepseek-v4-pro".' });

/** An environment variable name (upper-case, digits, underscores). */
export const envVarNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'Expected an environment variable name such as TOGETHER_API_KEY.' });

/** A model id as a provider spells it on the wire: kept byte-for-byte, only surrounding whitespace is refused. */
export const wireModelIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((value) => value.trim() === value, { error: 'A wire id cannot start or end with whitespace.' });
