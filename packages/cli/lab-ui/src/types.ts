// The shapes of the lab API's answers: the CLI's own --json types, imported as types only (no bytes in the bundle).
import type { z } from 'zod';
import type { CompareOutput } from '../../src/commands/compare.js';
import type { ModelRow } from '../../src/commands/models.js';
import type { ExplainOutput } from '../../src/commands/route.js';
import type {
  errorOutputSchema,
  healthOutputSchema,
  hubSearchOutputSchema,
  passportOutputSchema,
  providersOutputSchema,
  receiptsSummaryOutputSchema,
  servePlanOutputSchema,
} from '../../src/output/schemas.js';

export type { CompareOutput, ExplainOutput, ModelRow };

/** `providers --json`. */
export type ProvidersOutput = z.infer<typeof providersOutputSchema>;
/** One row of `providers --json`. */
export type ProviderRow = ProvidersOutput['providers'][number];
/** `models --json`. */
export interface ModelsOutput {
  readonly schemaVersion: 1;
  readonly models: readonly ModelRow[];
}
/** `health --json`. */
export type HealthOutput = z.infer<typeof healthOutputSchema>;
/** `receipts summary --json`. */
export type ReceiptsSummaryOutput = z.infer<typeof receiptsSummaryOutputSchema>;
/** One group (or the total) of `receipts summary --json`. */
export type SummaryGroup = ReceiptsSummaryOutput['total'];
/** `hub search --json`. */
export type HubSearchOutput = z.infer<typeof hubSearchOutputSchema>;
/** `passport --json`. */
export type PassportOutput = z.infer<typeof passportOutputSchema>;
/** `serve-plan --json`. */
export type ServePlanOutput = z.infer<typeof servePlanOutputSchema>;
/** The CLI's error document (any failing command with --json). */
export type ErrorOutput = z.infer<typeof errorOutputSchema>;
/** A price summary of an offering (rates per million tokens). */
export type MeterSummary = ModelRow['meter'];

/** `GET /api/meta`: what the page needs to start. */
export interface LabMeta {
  readonly schemaVersion: 1;
  readonly version: string;
  readonly ledgerDir?: string;
}
