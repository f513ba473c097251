import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import type { RouteEndpoint, RouteLimit } from '../candidate/route-facts.js';
import type { UsageMeter } from '../schema/usage-meter.js';

/** Token budgets of a route as plain numbers, for compaction: `undefined` means unknown (never 0). */
export interface SessionRouteLimits {
  /** Context window in tokens, or `undefined` when no source gives it. */
  readonly contextWindow: number | undefined;
  /** Maximum output tokens, or `undefined` when no source gives it. */
  readonly maxOutput: number | undefined;
}

/**
 * The committed route of a {@link RouteSession}: the candidate, the client built for it, and the values derived from
 * it. One frozen object: every field belongs to the same candidate, and a switch replaces the whole object at once.
 */
export interface SessionRoute<Client> {
  /** The route, as the resolver made it. */
  readonly candidate: ReadyRouteCandidate;
  /** The client built for this candidate by the switch's `buildClient`. */
  readonly client: Client;
  /** Provider id (`candidate.provider.id`). */
  readonly provider: string;
  /** Wire model id (`candidate.wireModelId`). */
  readonly model: string;
  /** Endpoint (`candidate.endpoint`). */
  readonly endpoint: RouteEndpoint;
  /** Budgets for compaction, from `candidate.limits`. */
  readonly limits: SessionRouteLimits;
  /** How usage is metered (`candidate.meter`). */
  readonly meter: UsageMeter;
  /** One-line summary for a status bar, e.g. `acme · acme-large · 512K ctx · $2.10/$4.40`. */
  readonly statusLine: string;
  /** True until a provisional switch is confirmed; a rollback returns to the route before it. */
  readonly provisional: boolean;
  /** Increases by one at every committed change (switch, confirm, rollback). */
  readonly revision: number;
}

const limitValue = (limit: RouteLimit): number | undefined => (limit.value === 'unknown' ? undefined : limit.value);

/** Token count in the short form of status bars: `512K`, `1.05M`, `900`. */
function shortTokens(value: number): string {
  if (value >= 1_000_000) return `${Number((value / 1_000_000).toFixed(2))}M`;
  if (value >= 1000) return `${Math.round(value / 1000)}K`;
  return String(value);
}

/** A per-million rate with two decimals (more significant digits for rates under 0.1). */
function rate(value: number | undefined, currency: string): string {
  if (value === undefined) return '?';
  const text = value >= 0.1 ? value.toFixed(2) : String(Number(value.toPrecision(2)));
  return currency === 'USD' ? `$${text}` : text;
}

function meterShort(meter: UsageMeter): string {
  switch (meter.kind) {
    case 'token-pricing': {
      const pair = `${rate(meter.rates.input, meter.currency)}/${rate(meter.rates.output, meter.currency)}`;
      return meter.currency === 'USD' ? pair : `${pair} ${meter.currency}`;
    }
    case 'subscription-quota':
      return 'quota';
    case 'account-credits':
      return 'credits';
    case 'local':
      return 'local';
    case 'unknown':
      return 'price unknown';
  }
}

/** The status-line projection of a candidate: provider, logical model, context window, input/output price per million. */
export function statusLineOf(candidate: ReadyRouteCandidate): string {
  const context = limitValue(candidate.limits.contextWindow);
  return [
    candidate.provider.id,
    candidate.logicalModel,
    `${context === undefined ? '?' : shortTokens(context)} ctx`,
    meterShort(candidate.meter),
  ].join(' · ');
}

/** Build the frozen route snapshot for a candidate and its client. */
export function sessionRouteOf<Client>(
  candidate: ReadyRouteCandidate,
  client: Client,
  provisional: boolean,
  revision: number,
): SessionRoute<Client> {
  return Object.freeze({
    candidate,
    client,
    provider: candidate.provider.id,
    model: candidate.wireModelId,
    endpoint: candidate.endpoint,
    limits: Object.freeze({
      contextWindow: limitValue(candidate.limits.contextWindow),
      maxOutput: limitValue(candidate.limits.maxOutput),
    }),
    meter: candidate.meter,
    statusLine: statusLineOf(candidate),
    provisional,
    revision,
  });
}
