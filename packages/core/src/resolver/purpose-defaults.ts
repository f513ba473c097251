import type { ReasoningLevel, RoutePreference } from '../schema/constants.js';

/**
 * What a purpose implies when nothing more explicit says otherwise: a cheap summary turn prefers cost with
 * reasoning off; planning and review prefer quality with high reasoning. Provider-neutral policy. The request, the
 * role and the saved config (`[routing] prefer`, `reasoning`) all win over these; a role's `purpose` applies them
 * exactly as a request's does.
 */
export const PURPOSE_DEFAULTS: Readonly<
  Record<string, { readonly prefer: RoutePreference; readonly reasoning?: ReasoningLevel }>
> = {
  main: { prefer: 'quality' },
  plan: { prefer: 'quality', reasoning: 'high' },
  review: { prefer: 'quality', reasoning: 'high' },
  summary: { prefer: 'cost', reasoning: 'off' },
  check: { prefer: 'cost', reasoning: 'off' },
  title: { prefer: 'cost', reasoning: 'off' },
  compact: { prefer: 'cost', reasoning: 'off' },
};

// A map, not an object look-up: only the table's own purposes have defaults ("constructor" or "__proto__" has none).
const byPurpose: ReadonlyMap<string | undefined, (typeof PURPOSE_DEFAULTS)[string]> = new Map(
  Object.entries(PURPOSE_DEFAULTS),
);

/** The defaults of a purpose (own entries only: a purpose named "constructor" has none). */
export function defaultsForPurpose(purpose: string | undefined): (typeof PURPOSE_DEFAULTS)[string] | undefined {
  return byPurpose.get(purpose);
}
