import { ListingParseError } from '@codewhale/plugin-kit';
import { z } from 'zod';

// Amounts are decimal strings ("110.00"), kept exactly as reported: never parsed into floats.
const decimalStringSchema = z.string().max(64).regex(/^-?\d+(?:\.\d+)?$/, { error: 'expected a decimal string such as "110.00"' });
// Optional fields the parser does not need: a wrong type drops the field instead of failing the body.
const optionalDecimalSchema = decimalStringSchema.optional().catch(undefined);

/**
 * GET /user/balance (https://api-docs.deepseek.com/api/get-user-balance):
 * `{ is_available, balance_infos: [{ currency, total_balance, granted_balance, topped_up_balance }] }`.
 */
export const deepseekBalanceSchema = z.looseObject({
  is_available: z.boolean(),
  balance_infos: z
    .array(
      z.looseObject({
        currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 code such as CNY or USD' }),
        total_balance: decimalStringSchema,
        granted_balance: optionalDecimalSchema,
        topped_up_balance: optionalDecimalSchema,
      }),
    )
    // One entry per currency; anything longer is not a balance body.
    .max(64),
});

/** `balance_infos[0].currency` from a zod issue path. */
function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

/** Parse a body with a schema, or throw a {@link ListingParseError} naming the first problem's path. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, body: unknown, providerId: string): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ListingParseError(providerId, issue ? pathOf(issue.path) : '', issue?.message ?? 'unexpected body', { cause: parsed.error });
}
