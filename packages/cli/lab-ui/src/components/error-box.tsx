import type { LabApiError } from '../api.js';
import { TESTIDS } from '../testids.js';

/** An API error as the CLI states it: the message, the hint, and the code. */
export function ErrorBox({ error }: { readonly error: LabApiError }) {
  return (
    <div class="error" role="alert" data-testid={TESTIDS.error} data-code={error.code}>
      <p class="error-message">{error.message}</p>
      {error.hint !== undefined ? <p class="error-hint">{error.hint}</p> : null}
      <p class="error-code">
        {error.category} · <code>{error.code}</code>
        {error.status > 0 ? ` · HTTP ${error.status}` : ''}
      </p>
    </div>
  );
}

/** A polite status line for a call under way. */
export function Loading({ label }: { readonly label: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}
