import { isReadyRouteCandidate, type ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { CodewhaleError } from '../errors/codewhale-error.js';
import type { RouteResolver } from '../resolver/create-route-resolver.js';
import type { RouteRequest } from '../resolver/route-request.js';
import { SESSION_ERROR_CODES, SessionSwitchError, type SwitchStage } from './session-error.js';
import { sessionRouteOf, type SessionRoute } from './session-route.js';

/** What a persistence hook learns besides the candidate. */
export interface PersistDetails {
  /** True when `auto` chose the model: save the provider, never a model (`auto` is not a model id). */
  readonly fromAuto: boolean;
}

/** Saves a route the user switched to (e.g. `createRoutePersister(configPath)` from `@codewhale/node`). Throw to fail the switch. */
export type PersistRoute = (candidate: ReadyRouteCandidate, details: PersistDetails) => void | Promise<void>;

/** The hooks of one switch. */
export interface SwitchOptions<Client> {
  /** Build the client for the resolved candidate (throw or reject to fail the switch at stage `client`). */
  readonly buildClient: (candidate: ReadyRouteCandidate) => Client | Promise<Client>;
  /** Save the route. Runs before the commit; for a provisional switch, when it is confirmed. */
  readonly persist?: PersistRoute;
  /** Commit for a trial: `confirm()` after the first successful turn, or roll back as one unit on an auth failure. */
  readonly provisional?: boolean;
}

/** The outcome of a switch: the new committed route, or a typed error (and nothing visible changed). */
export type SwitchResult<Client> =
  | { readonly ok: true; readonly route: SessionRoute<Client> }
  | { readonly ok: false; readonly error: SessionSwitchError };

/** The outcome of a fallback switch: which hop was committed and why the earlier ones were skipped. */
export type FallbackSwitchResult<Client> =
  | {
      readonly ok: true;
      readonly route: SessionRoute<Client>;
      readonly hop: number;
      readonly skipped: readonly SessionSwitchError[];
    }
  | { readonly ok: false; readonly error: SessionSwitchError };

/** Why a provisional route was rolled back. */
export type RollbackReason = 'auth' | 'requested' | 'persistence';

/** A committed change, as listeners hear it. Failed switches are never announced. */
export type RouteSessionEvent<Client> =
  | {
      readonly type: 'switch';
      readonly route: SessionRoute<Client>;
      readonly previous: SessionRoute<Client> | undefined;
    }
  | { readonly type: 'confirm'; readonly route: SessionRoute<Client> }
  | {
      readonly type: 'rollback';
      readonly route: SessionRoute<Client> | undefined;
      readonly discarded: SessionRoute<Client>;
      readonly reason: RollbackReason;
    };

/** A failed turn reported to the session. Only `auth` failures roll a provisional route back. */
export interface TurnFailure<Client> {
  readonly kind: 'auth' | 'other';
  /** The route the turn ran on; a report about a route that is no longer current is ignored. */
  readonly route?: SessionRoute<Client>;
}

/** Options of {@link createRouteSession}. */
export interface RouteSessionOptions<Client> {
  /** The resolver, or a function returning the current one (called at every switch, e.g. after the config changed). */
  readonly resolver: Pick<RouteResolver, 'resolve'> | (() => Pick<RouteResolver, 'resolve'>);
  /** Release a client the session no longer holds (replaced, rolled back, failed to persist, closed). Errors are ignored. */
  readonly disposeClient?: (client: Client, candidate: ReadyRouteCandidate) => void | Promise<void>;
  /**
   * How long `close()` waits (milliseconds) for the operation in progress and for disposals before it gives up on
   * them; default {@link DEFAULT_CLOSE_TIMEOUT_MS} (10 s), `Infinity` for no deadline. A `buildClient`, `persist` or
   * `disposeClient` that never settles cannot keep `close()` pending longer than this.
   */
  readonly closeTimeoutMs?: number;
}

/** Default of {@link RouteSessionOptions.closeTimeoutMs}: 10 seconds. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

// The longest delay timers accept (about 24.8 days); a longer one fires at once.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Holds the committed route of a host session and switches it atomically. Every operation that changes the route
 * (switches, confirms, rollbacks, close) runs in one queue, in call order; each settles before the next starts.
 */
export interface RouteSession<Client> {
  /** The committed route, or `undefined` before the first switch. Replaced as a whole; never half-applied. */
  readonly current: SessionRoute<Client> | undefined;
  /** Resolve → build the client → persist (if asked) → commit. Any failure leaves the current route as it was. */
  switchTo(request: RouteRequest, options: SwitchOptions<Client>): Promise<SwitchResult<Client>>;
  /** Try each hop in order through the same stages as {@link RouteSession.switchTo}; commit the first that succeeds. */
  switchToFallback(
    requests: readonly RouteRequest[],
    options: SwitchOptions<Client>,
  ): Promise<FallbackSwitchResult<Client>>;
  /** Confirm the provisional route (after a successful turn), persisting it if its switch asked to. `undefined` when nothing is provisional. */
  confirm(route?: SessionRoute<Client>): Promise<SwitchResult<Client> | undefined>;
  /** Roll a provisional route back as one unit to the route before it. Resolves `false` when nothing was provisional. */
  rollback(route?: SessionRoute<Client>): Promise<boolean>;
  /** Report a failed turn: an `auth` failure rolls the provisional route back. Resolves `true` when it did. */
  reportTurnFailure(failure: TurnFailure<Client>): Promise<boolean>;
  /** Hear committed changes only. Returns the unsubscribe function. */
  subscribe(listener: (event: RouteSessionEvent<Client>) => void): () => void;
  /**
   * Dispose every client the session holds and refuse further operations (they reject with `SESSION_CLOSED`). Waits for
   * the operations already queued, at most `closeTimeoutMs`: then the operation still running is abandoned (its promise
   * rejects with `SESSION_CLOSED`, and a client it builds later is disposed when it arrives), queued ones are refused,
   * held clients are disposed without waiting, and `close()` resolves. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

type Attempt<Client> =
  | { readonly ok: true; readonly candidate: ReadyRouteCandidate; readonly client: Client }
  | { readonly ok: false; readonly error: SessionSwitchError };

/** The route a provisional switch replaced, kept until the trial ends. */
interface Trial<Client> {
  readonly restore: SessionRoute<Client> | undefined;
  readonly request: RouteRequest;
  readonly persist: PersistRoute | undefined;
}

/**
 * Create a route session: the one place a host's active route changes. A switch resolves the request, builds the
 * client, persists the choice (if asked), then commits everything in one assignment; a failure at any stage disposes
 * what was built and returns a {@link SessionSwitchError} naming the stage, with the previous route untouched.
 * @example
 * const session = createRouteSession<OpenAI>({ resolver, disposeClient: (client) => client.close() });
 * const result = await session.switchTo({ provider: 'acme' }, { buildClient: makeClient, persist });
 * if (!result.ok) console.error(result.error.message); // the previous route is still active
 */
export function createRouteSession<Client>(options: RouteSessionOptions<Client>): RouteSession<Client> {
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  if (
    typeof closeTimeoutMs !== 'number' ||
    Number.isNaN(closeTimeoutMs) ||
    closeTimeoutMs < 0 ||
    (closeTimeoutMs > MAX_TIMER_MS && closeTimeoutMs !== Number.POSITIVE_INFINITY)
  ) {
    throw new RangeError(
      `closeTimeoutMs must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, or Infinity to wait without a deadline.`,
    );
  }
  const listeners = new Set<(event: RouteSessionEvent<Client>) => void>();
  let current: SessionRoute<Client> | undefined;
  let trial: Trial<Client> | undefined;
  let revision = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  // Set when close() stopped waiting: everything still running or queued is abandoned.
  let abandoned = false;
  let abandon: (() => void) | undefined;
  const abandonment = new Promise<never>((_, reject) => {
    abandon = () => reject(closedError());
  });
  abandonment.catch(() => undefined);

  const resolver = () => (typeof options.resolver === 'function' ? options.resolver() : options.resolver);

  function closedError(): CodewhaleError {
    return new CodewhaleError(SESSION_ERROR_CODES.CLOSED, 'This route session is closed; create a new one.');
  }

  /** Wait for a host hook, unless close() gives up first (then reject with `SESSION_CLOSED`). */
  function untilAbandoned<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, abandonment]);
  }

  function enqueue<T>(operation: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(closedError());
    const run = tail.then(() => (abandoned ? Promise.reject(closedError()) : operation()));
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  function emit(event: RouteSessionEvent<Client>): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not undo or interrupt a committed change; the route is already applied.
      }
    }
  }

  /** Dispose clients no longer held by the session (each once; never the current or restorable one). */
  async function release(
    routes: readonly { readonly client: Client; readonly candidate: ReadyRouteCandidate }[],
  ): Promise<void> {
    const held = new Set<Client>();
    if (current) held.add(current.client);
    if (trial?.restore) held.add(trial.restore.client);
    const seen = new Set<Client>();
    for (const { client, candidate } of routes) {
      if (held.has(client) || seen.has(client)) continue;
      seen.add(client);
      try {
        await untilAbandoned(Promise.resolve().then(() => options.disposeClient?.(client, candidate)));
      } catch {
        // Disposal is best effort: the session no longer holds the client either way.
      }
    }
  }

  const label = (route: SessionRoute<Client> | undefined) => route?.candidate.toString();

  function failure(
    stage: SwitchStage,
    request: RouteRequest,
    extra: { target?: string; cause?: unknown; routeError?: SessionSwitchError['routeError'] } = {},
  ): { ok: false; error: SessionSwitchError } {
    return {
      ok: false,
      error: new SessionSwitchError({
        stage,
        request,
        target: extra.target,
        kept: label(current),
        routeError: extra.routeError,
        cause: extra.cause,
      }),
    };
  }

  /** Resolve, build and (unless provisional) persist; commits nothing. */
  async function attempt(request: RouteRequest, hooks: SwitchOptions<Client>): Promise<Attempt<Client>> {
    let candidate: ReadyRouteCandidate;
    try {
      const result = resolver().resolve(request);
      if (!result.ok) return failure('resolution', request, { routeError: result.error });
      if (!isReadyRouteCandidate(result.candidate))
        throw new TypeError('The resolver returned something that is not a ReadyRouteCandidate.');
      candidate = result.candidate;
    } catch (cause) {
      return failure('resolution', request, { cause });
    }
    const target = candidate.toString();
    let client: Client;
    const building = Promise.resolve().then(() => hooks.buildClient(candidate));
    try {
      client = await untilAbandoned(building);
    } catch (cause) {
      if (abandoned) {
        // close() gave up on this switch: a client that still arrives is disposed, never committed.
        building.then(
          (late) => release([{ client: late, candidate }]),
          () => undefined,
        );
        throw closedError();
      }
      return failure('client', request, { target, cause });
    }
    if (hooks.persist && hooks.provisional !== true) {
      try {
        await untilAbandoned(
          Promise.resolve().then(() => hooks.persist?.(candidate, { fromAuto: candidate.fromAuto })),
        );
      } catch (cause) {
        await release([{ client, candidate }]);
        if (abandoned) throw closedError();
        return failure('persistence', request, { target, cause });
      }
    }
    if (abandoned) {
      await release([{ client, candidate }]);
      throw closedError();
    }
    return { ok: true, candidate, client };
  }

  /** Apply a built route in one assignment, announce it, then dispose what it replaced. */
  async function commit(
    request: RouteRequest,
    built: { candidate: ReadyRouteCandidate; client: Client },
    hooks: SwitchOptions<Client>,
  ): Promise<SessionRoute<Client>> {
    const previous = current;
    const replaced: SessionRoute<Client>[] = previous ? [previous] : [];
    const provisional = hooks.provisional === true;
    if (provisional) {
      // A trial replacing a trial keeps the route from before the first one: a rollback returns to the last confirmed route.
      trial = { restore: trial ? trial.restore : previous, request, persist: hooks.persist };
    } else {
      if (trial?.restore) replaced.push(trial.restore);
      trial = undefined;
    }
    const route = sessionRouteOf(built.candidate, built.client, provisional, ++revision);
    current = route;
    emit({ type: 'switch', route, previous });
    await release(replaced);
    return route;
  }

  /** End a trial by returning to the route before it, as one unit. */
  async function restore(reason: RollbackReason): Promise<SessionRoute<Client> | undefined> {
    const discarded = current;
    const ended = trial;
    if (!discarded || !ended) return current;
    trial = undefined;
    const back = ended.restore
      ? sessionRouteOf(ended.restore.candidate, ended.restore.client, false, ++revision)
      : undefined;
    current = back;
    emit({ type: 'rollback', route: back, discarded, reason });
    await release([discarded]);
    return back;
  }

  const isTrialRoute = (route: SessionRoute<Client> | undefined) =>
    trial !== undefined && current !== undefined && (route === undefined || route === current);

  return Object.freeze({
    get current() {
      return current;
    },

    switchTo(request: RouteRequest, hooks: SwitchOptions<Client>) {
      return enqueue(async (): Promise<SwitchResult<Client>> => {
        const built = await attempt(request, hooks);
        if (!built.ok) return built;
        return { ok: true, route: await commit(request, built, hooks) };
      });
    },

    switchToFallback(requests: readonly RouteRequest[], hooks: SwitchOptions<Client>) {
      return enqueue(async (): Promise<FallbackSwitchResult<Client>> => {
        const skipped: SessionSwitchError[] = [];
        for (const [hop, request] of requests.entries()) {
          const built = await attempt(request, hooks);
          if (built.ok) return { ok: true, route: await commit(request, built, hooks), hop, skipped };
          skipped.push(built.error);
        }
        const last = skipped.at(-1);
        return {
          ok: false,
          error: new SessionSwitchError({
            stage: last?.stage ?? 'resolution',
            request: last?.request,
            target: last?.target,
            kept: label(current),
            hops: skipped,
          }),
        };
      });
    },

    confirm(route?: SessionRoute<Client>) {
      return enqueue(async (): Promise<SwitchResult<Client> | undefined> => {
        const ended = trial;
        const trialRoute = current;
        if (!isTrialRoute(route) || !ended || !trialRoute) return undefined;
        if (ended.persist) {
          const persist = ended.persist;
          try {
            await untilAbandoned(
              Promise.resolve().then(() => persist(trialRoute.candidate, { fromAuto: trialRoute.candidate.fromAuto })),
            );
          } catch (cause) {
            if (abandoned) throw closedError();
            await restore('persistence');
            return failure('persistence', ended.request, { target: trialRoute.candidate.toString(), cause });
          }
        }
        trial = undefined;
        const confirmed = sessionRouteOf(trialRoute.candidate, trialRoute.client, false, ++revision);
        current = confirmed;
        emit({ type: 'confirm', route: confirmed });
        if (ended.restore) await release([ended.restore]);
        return { ok: true, route: confirmed };
      });
    },

    rollback(route?: SessionRoute<Client>) {
      return enqueue(async () => {
        if (!isTrialRoute(route)) return false;
        await restore('requested');
        return true;
      });
    },

    reportTurnFailure(failed: TurnFailure<Client>) {
      return enqueue(async () => {
        if (failed.kind !== 'auth' || !isTrialRoute(failed.route)) return false;
        await restore('auth');
        return true;
      });
    },

    subscribe(listener: (event: RouteSessionEvent<Client>) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    close() {
      if (closing) return closing;
      const takeHeld = () => {
        const held = [current, trial?.restore].filter((route): route is SessionRoute<Client> => route !== undefined);
        current = undefined;
        trial = undefined;
        return held;
      };
      const done = enqueue(async () => {
        await release(takeHeld());
      });
      closed = true;
      closing = new Promise<void>((resolve) => {
        if (closeTimeoutMs === Number.POSITIVE_INFINITY) {
          done.then(resolve, () => resolve());
          return;
        }
        const timer = setTimeout(() => {
          // Give up waiting: abandon what runs, refuse what is queued, dispose what is held without waiting.
          abandoned = true;
          const held = takeHeld();
          abandon?.();
          void release(held);
          resolve();
        }, closeTimeoutMs);
        done.then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          () => {
            clearTimeout(timer);
            resolve();
          },
        );
      });
      return closing;
    },
  });
}
