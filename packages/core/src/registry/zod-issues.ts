import type { z } from 'zod';
import type { CatalogIssue } from '../errors/catalog-error.js';

function joinPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
  return out;
}

function fixFor(issue: z.core.$ZodIssue, schemaName: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Remove ${issue.keys.map((key) => `"${key}"`).join(', ')} or correct the spelling (see catalog/schema/${schemaName}).`;
    case 'invalid_type':
      return `Give a value of type ${issue.expected} (see catalog/schema/${schemaName}).`;
    case 'invalid_value':
      return `Use one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'invalid_union':
      return `Use one of the allowed forms, e.g. "unknown" or { value, source } (see catalog/schema/${schemaName}).`;
    default:
      return `Correct the value to match catalog/schema/${schemaName}.`;
  }
}

const isPricePath = (path: readonly PropertyKey[]): boolean => path.includes('rates');

/** Turn zod issues into catalog issues rooted at `basePath`. Price problems get the `INVALID_PRICE` code. */
export function catalogIssuesFromZod(error: z.ZodError, basePath: string, schemaName: string): CatalogIssue[] {
  return error.issues.map((issue) => {
    if (isPricePath(issue.path)) {
      return {
        code: 'INVALID_PRICE',
        path: joinPath(basePath, issue.path),
        message: issue.message,
        fix: "Write the provider's published rate per million tokens, or omit the token class when no source prices it.",
      } satisfies CatalogIssue;
    }
    return {
      code: 'INVALID_DATA',
      path: joinPath(basePath, issue.path),
      message: issue.message.endsWith('.') ? issue.message : `${issue.message}.`,
      fix: fixFor(issue, schemaName),
    } satisfies CatalogIssue;
  });
}
