import { z } from 'zod';
import { routeReceiptSchema } from '../ledger/route-receipt.js';

/** One ledger line that was not a receipt (the ledger's `SkippedLine`). */
const skippedLineSchema = z.strictObject({
  file: z.string().describe('File name inside the ledger directory.'),
  line: z.number().int().positive().describe('1-based line number.'),
  torn: z.boolean().describe('A last line without its newline (a crash mid-append, or an append still being written).'),
  reason: z.string(),
});

/** `codewhale-route receipts --json`: the receipts a query matched, and the ledger lines skipped on the way. */
const receiptListSchema = z.strictObject({
  schemaVersion: z.literal(1),
  ledgerDir: z.string().describe('The ledger directory that was read.'),
  receipts: z.array(routeReceiptSchema).describe('The matching receipts, oldest first.'),
  skipped: z
    .array(skippedLineSchema)
    .describe('Lines that were not receipts: torn last lines, damaged or foreign lines.'),
});

/** The `receipts --json` output: the receipts a query matched and the lines skipped (schema version 1). @useDeclaredType */
export type ReceiptList = z.output<typeof receiptListSchema>;

/** The JSON Schema (draft 2020-12) of `codewhale-route receipts --json` ({@link ReceiptList}). */
export function receiptListJsonSchema(): Record<string, unknown> {
  return {
    title: 'codewhale-route receipts --json',
    ...(z.toJSONSchema(receiptListSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >),
  };
}

/** Check a value against the `receipts --json` schema (for tests of the CLI's output); never throws. */
export function checkReceiptList(
  value: unknown,
): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const parsed = receiptListSchema.safeParse(value);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'receipts'}: ${issue?.message ?? 'invalid'}` };
}
