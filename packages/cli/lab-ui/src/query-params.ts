// The query of each form's API call, from what the person typed: pure, so node tests check it. Empty fields are left
// out, so the CLI's own defaults apply exactly as on the command line.
import type { ApiParams } from './api.js';
import type { CapabilityName } from './capabilities.js';

/** The Explain form. */
export interface ExplainForm {
  readonly ref: string;
  readonly purpose: string;
  readonly require: readonly CapabilityName[];
  readonly prefer: string;
  readonly reasoning: string;
  readonly context: string;
}

/** `/api/explain` parameters: an empty route is `auto`; digit grouping in the context is dropped (`128,000`). */
export function explainParams(form: ExplainForm): ApiParams {
  return {
    ref: form.ref.trim() === '' ? 'auto' : form.ref.trim(),
    purpose: form.purpose.trim(),
    require: form.require,
    prefer: form.prefer,
    reasoning: form.reasoning,
    context: form.context.trim().replace(/[,_\s]/g, ''),
  };
}

/** The Spend page's receipt filters. */
export interface SpendFilter {
  readonly since: string;
  readonly until: string;
  readonly session: string;
}

/** `/api/receipts-summary` filters: a session is the host tag `session=<id>`. */
export function spendParams(filter: SpendFilter): ApiParams {
  const session = filter.session.trim();
  return {
    since: filter.since.trim(),
    until: filter.until.trim(),
    tag: session === '' ? undefined : `session=${session}`,
  };
}
