import { CodewhaleError } from '../errors/codewhale-error.js';
import type { RouteError, RouteRequest } from '../resolver/route-request.js';

/** Stable codes of route-session errors. Hosts switch on these; they never change meaning. */
export const SESSION_ERROR_CODES = {
  /** A switch (or the confirmation of a provisional one) failed; `stage` says where. Nothing visible changed. */
  SWITCH_FAILED: 'SESSION_SWITCH_FAILED',
  /** The session was closed; it accepts no more switches. */
  CLOSED: 'SESSION_CLOSED',
} as const;

/** Where a switch failed: resolving the request, building the client, or saving the choice. */
export type SwitchStage = 'resolution' | 'client' | 'persistence';

const switchMarker = Symbol.for('codewhale.error.session-switch');

/** What {@link SessionSwitchError} is made from. */
export interface SessionSwitchErrorInit {
  readonly stage: SwitchStage;
  readonly request: RouteRequest | undefined;
  /** `provider:wire-model` of the route being switched to, once resolved. */
  readonly target: string | undefined;
  /** `provider:wire-model` of the route that stays active, if any. */
  readonly kept: string | undefined;
  readonly routeError?: RouteError;
  readonly cause?: unknown;
  readonly hops?: readonly SessionSwitchError[];
}

const STAGE_TEXT: Readonly<Record<SwitchStage, string>> = {
  resolution: 'the request did not resolve',
  client: 'building the client failed',
  persistence: 'saving the route to your config failed',
};

/**
 * A switch that did not happen. Names the stage that failed and keeps the resolver's {@link RouteError} (resolution) or
 * the thrown value as `cause` (client, persistence). The message never repeats a cause's text (it could hold a secret);
 * it says which route stays active.
 */
export class SessionSwitchError extends CodewhaleError {
  readonly [switchMarker] = true;
  /** The stage that failed. For a fallback chain: the last hop's stage. */
  readonly stage: SwitchStage;
  /** The request that was being switched to (for a fallback chain: the last hop's). */
  readonly request: RouteRequest | undefined;
  /** `provider:wire-model` of the route being switched to, when it resolved. */
  readonly target: string | undefined;
  /** The resolver's error, when `stage` is `resolution`. */
  readonly routeError: RouteError | undefined;
  /** Every hop's failure, in order, for {@link RouteSession.switchToFallback}. */
  readonly hops: readonly SessionSwitchError[] | undefined;

  constructor(init: SessionSwitchErrorInit) {
    const to = init.target ? ` to ${init.target}` : '';
    const why = init.hops
      ? init.hops.length === 0
        ? 'the fallback chain is empty'
        : `every hop of the fallback chain failed (${init.hops.map((hop) => `${hop.target ?? 'unresolved'}: ${hop.stage}`).join('; ')})`
      : init.stage === 'resolution' && init.routeError
        ? `the request did not resolve: ${init.routeError.message.replace(/\.$/, '')}`
        : STAGE_TEXT[init.stage];
    const kept = init.kept ? ` ${init.kept} is still the active route.` : ' No route is active.';
    super(
      SESSION_ERROR_CODES.SWITCH_FAILED,
      `Could not switch${to}: ${why}.${kept}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'SessionSwitchError';
    this.stage = init.stage;
    this.request = init.request;
    this.target = init.target;
    this.routeError = init.routeError;
    this.hops = init.hops ? Object.freeze([...init.hops]) : undefined;
  }

  /** True for a `SessionSwitchError` from any copy of this package. */
  static override isInstance(value: unknown): value is SessionSwitchError {
    return CodewhaleError.hasMarker(value, switchMarker);
  }
}
