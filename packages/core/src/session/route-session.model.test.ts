// Model-based test of the route session (fast-check asyncModelRun): random sequences of switches, provisional switches,
// fallback switches, confirms, rollbacks and turn failures, with failures injected at every stage. After every step
// the session's visible state must equal the model's, every visible value must belong to one candidate, nothing may
// be persisted for a failed switch, and listeners must hear exactly the committed changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import type { RouteResolver, RouteResult } from '../resolver/create-route-resolver.js';
import type { RouteRequest } from '../resolver/route-request.js';
import { resolver as oracle } from './__fixtures__/session-world.js';
import {
  createRouteSession,
  type RouteSession,
  type RouteSessionEvent,
  type SwitchOptions,
} from './create-route-session.js';
import { SessionSwitchError, type SwitchStage } from './session-error.js';
import { statusLineOf, type SessionRoute } from './session-route.js';
import { expectedCases, propertyRuns } from '../__fixtures__/property-runs.js';

const RUNS = propertyRuns(2000);

/** Where a request makes its switch fail. Carried in `purpose` (part of the resolver's memo key), so it maps 1:1 to a candidate. */
type Inject = 'none' | 'resolution' | 'resolver-throws' | 'client' | 'persistence';
const INJECT_PREFIX = 'inject-';

const injectOf = (request: RouteRequest): Inject =>
  request.purpose?.startsWith(INJECT_PREFIX) ? (request.purpose.slice(INJECT_PREFIX.length) as Inject) : 'none';

// --- The system under test ------------------------------------------------------------------------------------------

interface FakeClient {
  readonly id: number;
  readonly candidate: ReadyRouteCandidate;
  disposals: number;
  disposedWith: ReadyRouteCandidate | undefined;
}

interface Real {
  readonly session: RouteSession<FakeClient>;
  readonly clients: FakeClient[];
  readonly events: string[];
  readonly persisted: string[];
  /** Problems seen while operations were in flight (hooks and listeners must not throw into the session). */
  readonly violations: string[];
  /** The route last announced to listeners: the session's visible route must always be this one. */
  announced: SessionRoute<FakeClient> | undefined;
  /** Candidates of requests that carry an injected failure. */
  readonly injects: Map<ReadyRouteCandidate, Inject>;
}

const label = (candidate: ReadyRouteCandidate | undefined): string =>
  candidate ? `${candidate.toString()}@${candidate.endpoint.baseUrl}${candidate.fromAuto ? '+auto' : ''}` : 'none';

function coherenceProblems(route: SessionRoute<FakeClient> | undefined): string[] {
  if (route === undefined) return [];
  const { candidate } = route;
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${what} does not belong to ${label(candidate)}`);
  };
  check(route.client.candidate === candidate, 'client');
  check(route.provider === candidate.provider.id, 'provider');
  check(route.model === candidate.wireModelId, 'model');
  check(route.endpoint === candidate.endpoint, 'endpoint');
  check(route.meter === candidate.meter, 'meter');
  const context = candidate.limits.contextWindow.value;
  const output = candidate.limits.maxOutput.value;
  check(route.limits.contextWindow === (context === 'unknown' ? undefined : context), 'context window');
  check(route.limits.maxOutput === (output === 'unknown' ? undefined : output), 'max output');
  check(route.statusLine === statusLineOf(candidate), 'status line');
  check(Object.isFrozen(route) && Object.isFrozen(route.limits), 'frozen snapshot');
  check(route.client.disposals === 0, 'a live (undisposed) client');
  return problems;
}

function setupReal(): Real {
  const injects = new Map<ReadyRouteCandidate, Inject>();
  const wrapper: Pick<RouteResolver, 'resolve'> = {
    resolve(request?: RouteRequest): RouteResult {
      const inject = injectOf(request ?? {});
      if (inject === 'resolver-throws') throw new Error('resolver bug');
      if (inject === 'resolution')
        return { ok: false, error: { kind: 'invalid-request', message: 'Injected resolution failure.', details: {} } };
      const result = oracle.resolve(request);
      if (result.ok) injects.set(result.candidate, inject);
      return result;
    },
  };
  const clients: FakeClient[] = [];
  const real: Real = {
    clients,
    events: [],
    persisted: [],
    violations: [],
    announced: undefined,
    injects,
    session: createRouteSession<FakeClient>({
      // A function: the session asks for the resolver at every attempt.
      resolver: () => wrapper,
      disposeClient: async (client, candidate) => {
        await Promise.resolve();
        client.disposals += 1;
        client.disposedWith = candidate;
      },
    }),
  };
  real.session.subscribe((event: RouteSessionEvent<FakeClient>) => {
    // At the moment of the announcement, the visible route is the announced one, whole.
    if (real.session.current !== event.route)
      real.violations.push(`listener saw ${label(real.session.current?.candidate)} while hearing ${event.type}`);
    real.violations.push(...coherenceProblems(event.route));
    real.announced = event.route;
    real.events.push(describeEvent(event));
  });
  return real;
}

function describeEvent(event: RouteSessionEvent<FakeClient>): string {
  switch (event.type) {
    case 'switch':
      return `switch ${label(event.route.candidate)} #${event.route.client.id}${event.route.provisional ? ' provisional' : ''}`;
    case 'confirm':
      return `confirm ${label(event.route.candidate)} #${event.route.client.id}`;
    case 'rollback':
      return `rollback to ${label(event.route?.candidate)} #${event.route?.client.id ?? '-'} from ${label(event.discarded.candidate)} #${event.discarded.client.id} (${event.reason})`;
  }
}

/** Whether the visible state is the last announced one and coherent, right now (called from inside hooks). */
function observeMidFlight(real: Real, where: string): void {
  const visible = real.session.current;
  if (visible !== real.announced)
    real.violations.push(`${where}: visible route ${label(visible?.candidate)} was never announced`);
  real.violations.push(...coherenceProblems(visible).map((problem) => `${where}: ${problem}`));
}

function hooksFor(real: Real, provisional: boolean, persist: boolean): SwitchOptions<FakeClient> {
  return {
    provisional,
    buildClient: async (candidate) => {
      observeMidFlight(real, 'buildClient');
      await Promise.resolve();
      // A client whose construction throws never reaches the session (it has nothing to dispose).
      if (real.injects.get(candidate) === 'client') throw new Error('injected client failure');
      const client: FakeClient = { id: real.clients.length, candidate, disposals: 0, disposedWith: undefined };
      real.clients.push(client);
      return client;
    },
    ...(persist
      ? {
          persist: async (candidate, { fromAuto }) => {
            observeMidFlight(real, 'persist');
            if (fromAuto !== candidate.fromAuto) real.violations.push('persist: fromAuto does not match the candidate');
            await Promise.resolve();
            if (real.injects.get(candidate) === 'persistence') throw new Error('injected persistence failure');
            real.persisted.push(`${label(candidate)}${fromAuto ? ' (model not saved)' : ''}`);
          },
        }
      : {}),
  };
}

// --- The model ------------------------------------------------------------------------------------------------------

interface ModelRoute {
  readonly candidate: ReadyRouteCandidate;
  readonly clientId: number;
}

interface Model {
  current: (ModelRoute & { readonly provisional: boolean }) | undefined;
  trial: { readonly restore: ModelRoute | undefined; readonly persist: 'ok' | 'fail' | undefined } | undefined;
  persisted: string[];
  events: string[];
  builtClients: number;
}

type Op =
  | {
      readonly kind: 'switch';
      readonly request: RouteRequest;
      readonly provisional: boolean;
      readonly persist: boolean;
    }
  | {
      readonly kind: 'fallback';
      readonly requests: readonly RouteRequest[];
      readonly provisional: boolean;
      readonly persist: boolean;
    }
  | { readonly kind: 'confirm'; readonly stale: boolean }
  | { readonly kind: 'rollback'; readonly stale: boolean }
  | { readonly kind: 'turn-failure'; readonly failure: 'auth' | 'other'; readonly stale: boolean };

/** What an operation returned, reduced to what the model can predict. */
type Outcome = string;

const persistedRecord = (candidate: ReadyRouteCandidate) =>
  `${label(candidate)}${candidate.fromAuto ? ' (model not saved)' : ''}`;

function modelAttempt(
  model: Model,
  request: RouteRequest,
  provisional: boolean,
  persist: boolean,
): { ok: true; route: ModelRoute; inject: Inject } | { ok: false; stage: SwitchStage } {
  const inject = injectOf(request);
  if (inject === 'resolution' || inject === 'resolver-throws') return { ok: false, stage: 'resolution' };
  const result = oracle.resolve(request);
  if (!result.ok) return { ok: false, stage: 'resolution' };
  if (inject === 'client') return { ok: false, stage: 'client' };
  const clientId = model.builtClients++;
  if (persist && !provisional) {
    if (inject === 'persistence') return { ok: false, stage: 'persistence' };
    model.persisted.push(persistedRecord(result.candidate));
  }
  return { ok: true, route: { candidate: result.candidate, clientId }, inject };
}

function modelCommit(model: Model, route: ModelRoute, provisional: boolean, persist: boolean, inject: Inject): void {
  const previous = model.current;
  if (provisional) {
    const restore = model.trial
      ? model.trial.restore
      : previous
        ? { candidate: previous.candidate, clientId: previous.clientId }
        : undefined;
    model.trial = { restore, persist: persist ? (inject === 'persistence' ? 'fail' : 'ok') : undefined };
  } else {
    model.trial = undefined;
  }
  model.current = { ...route, provisional };
  model.events.push(`switch ${label(route.candidate)} #${route.clientId}${provisional ? ' provisional' : ''}`);
}

function modelRestore(model: Model, reason: string): void {
  const discarded = model.current;
  const trial = model.trial;
  if (!discarded || !trial) return;
  model.trial = undefined;
  model.current = trial.restore ? { ...trial.restore, provisional: false } : undefined;
  model.events.push(
    `rollback to ${label(trial.restore?.candidate)} #${trial.restore?.clientId ?? '-'} from ${label(discarded.candidate)} #${discarded.clientId} (${reason})`,
  );
}

function applyToModel(model: Model, op: Op): Outcome {
  switch (op.kind) {
    case 'switch': {
      const attempt = modelAttempt(model, op.request, op.provisional, op.persist);
      if (!attempt.ok) return `failed at ${attempt.stage}`;
      modelCommit(model, attempt.route, op.provisional, op.persist, attempt.inject);
      return `switched to ${label(attempt.route.candidate)}`;
    }
    case 'fallback': {
      const stages: SwitchStage[] = [];
      for (const [hop, request] of op.requests.entries()) {
        const attempt = modelAttempt(model, request, op.provisional, op.persist);
        if (attempt.ok) {
          modelCommit(model, attempt.route, op.provisional, op.persist, attempt.inject);
          return `hop ${hop} ${label(attempt.route.candidate)} after [${stages.join(',')}]`;
        }
        stages.push(attempt.stage);
      }
      return `all hops failed [${stages.join(',')}]`;
    }
    case 'confirm': {
      if (op.stale || !model.trial || !model.current) return 'nothing to confirm';
      if (model.trial.persist === 'fail') {
        modelRestore(model, 'persistence');
        return 'failed at persistence';
      }
      if (model.trial.persist === 'ok') model.persisted.push(persistedRecord(model.current.candidate));
      model.trial = undefined;
      model.current = { ...model.current, provisional: false };
      model.events.push(`confirm ${label(model.current.candidate)} #${model.current.clientId}`);
      return `confirmed ${label(model.current.candidate)}`;
    }
    case 'rollback':
      if (op.stale || !model.trial) return 'false';
      modelRestore(model, 'requested');
      return 'true';
    case 'turn-failure':
      if (op.stale || op.failure !== 'auth' || !model.trial) return 'false';
      modelRestore(model, 'auth');
      return 'true';
  }
}

/** Start an operation on the real session (not awaited: bursts start several before any settles). */
function startOnReal(real: Real, op: Op): Promise<Outcome> {
  const { session } = real;
  // A stale route: a copy of the visible one taken now (equal fields, never the same route), as a late report carries.
  const staleRoute = () =>
    Object.freeze({ ...(session.current ?? real.announced ?? ({} as SessionRoute<FakeClient>)) });
  switch (op.kind) {
    case 'switch':
      return session
        .switchTo(op.request, hooksFor(real, op.provisional, op.persist))
        .then((result) =>
          result.ok ? `switched to ${label(result.route.candidate)}` : `failed at ${result.error.stage}`,
        );
    case 'fallback':
      return session
        .switchToFallback(op.requests, hooksFor(real, op.provisional, op.persist))
        .then((result) =>
          result.ok
            ? `hop ${result.hop} ${label(result.route.candidate)} after [${result.skipped.map((error) => error.stage).join(',')}]`
            : `all hops failed [${(result.error.hops ?? []).map((error) => error.stage).join(',')}]`,
        );
    case 'confirm':
      return session
        .confirm(op.stale ? staleRoute() : undefined)
        .then((result) =>
          result === undefined
            ? 'nothing to confirm'
            : result.ok
              ? `confirmed ${label(result.route.candidate)}`
              : `failed at ${result.error.stage}`,
        );
    case 'rollback':
      return session.rollback(op.stale ? staleRoute() : undefined).then(String);
    case 'turn-failure':
      return session.reportTurnFailure({ kind: op.failure, ...(op.stale ? { route: staleRoute() } : {}) }).then(String);
  }
}

function assertMatches(model: Model, real: Real): void {
  expect(real.violations).toEqual([]);
  const visible = real.session.current;
  // Listeners heard every committed change: nothing became visible silently.
  expect(visible).toBe(real.announced);
  expect(coherenceProblems(visible)).toEqual([]);
  expect(visible?.candidate).toBe(model.current?.candidate);
  expect(visible?.client.id).toBe(model.current?.clientId);
  expect(visible?.provisional).toBe(model.current?.provisional);
  expect(real.events).toEqual(model.events);
  expect(real.persisted).toEqual(model.persisted);
  // Every client the session no longer holds was disposed exactly once, with its own candidate; held ones never.
  expect(real.clients.length).toBe(model.builtClients);
  const held = new Set([model.current?.clientId, model.trial?.restore?.clientId]);
  const wrong = real.clients.filter(
    (client) =>
      client.disposals !== (held.has(client.id) ? 0 : 1) ||
      (client.disposals > 0 && client.disposedWith !== client.candidate),
  );
  expect(wrong.map((client) => `#${client.id} disposed ${client.disposals}x`)).toEqual([]);
}

class OpCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: Op) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const expected = applyToModel(model, this.op);
    expect(await startOnReal(real, this.op)).toBe(expected);
    assertMatches(model, real);
  }
  toString = () => describeOp(this.op);
}

/** Several operations started in one tick: they must run one after another, in call order. */
class BurstCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ops: readonly Op[]) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const pending = this.ops.map((op) => startOnReal(real, op));
    const expected = this.ops.map((op) => applyToModel(model, op));
    expect(await Promise.all(pending)).toEqual(expected);
    assertMatches(model, real);
  }
  toString = () => `burst(${this.ops.map(describeOp).join(' | ')})`;
}

function describeRequest(request: RouteRequest): string {
  return JSON.stringify(request);
}

function describeOp(op: Op): string {
  switch (op.kind) {
    case 'switch':
      return `switch${op.provisional ? ' provisional' : ''}${op.persist ? ' persist' : ''} ${describeRequest(op.request)}`;
    case 'fallback':
      return `fallback${op.provisional ? ' provisional' : ''}${op.persist ? ' persist' : ''} [${op.requests.map(describeRequest).join(', ')}]`;
    default:
      return `${op.kind}${'failure' in op ? ` ${op.failure}` : ''}${op.stale ? ' stale' : ''}`;
  }
}

// --- Arbitraries ----------------------------------------------------------------------------------------------------

const requestArb: fc.Arbitrary<RouteRequest> = fc
  .record({
    provider: fc.constantFrom(undefined, 'alpha', 'beta', 'gamma', 'nope'),
    model: fc.constantFrom(undefined, undefined, 'm-one', 'm-two', 'auto', 'llama3:8b', ''),
    baseUrl: fc.constantFrom(undefined, undefined, undefined, 'https://proxy.example.test/v1'),
    inject: fc.constantFrom<Inject>('none', 'none', 'none', 'resolution', 'resolver-throws', 'client', 'persistence'),
  })
  .map(({ provider, model, baseUrl, inject }) => ({
    ...(provider !== undefined ? { provider } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(inject !== 'none' ? { purpose: `${INJECT_PREFIX}${inject}` } : {}),
  }));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('switch' as const),
      request: requestArb,
      provisional: fc.boolean(),
      persist: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fallback' as const),
      requests: fc.array(requestArb, { maxLength: 4 }),
      provisional: fc.boolean(),
      persist: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('confirm' as const), stale: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), stale: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('turn-failure' as const),
      failure: fc.constantFrom<'auth' | 'other'>('auth', 'auth', 'other'),
      stale: fc.boolean(),
    }),
  },
);

const commandsArb = fc.commands(
  [
    opArb.map((op) => new OpCommand(op)),
    fc.array(opArb, { minLength: 2, maxLength: 5 }).map((ops) => new BurstCommand(ops)),
  ],
  { maxCommands: 40, size: 'large' },
);

describe('route session (model-based)', () => {
  it(`keeps the visible state equal to the model's over ${RUNS} random sequences, with failures at every stage`, {
    timeout: 120_000,
  }, async () => {
    const seen = { sequences: 0, steps: 0, outcomes: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(commandsArb, async (commands) => {
        seen.sequences += 1;
        const setup = () => {
          const model: Model = { current: undefined, trial: undefined, persisted: [], events: [], builtClients: 0 };
          return { model, real: setupReal() };
        };
        let last: Model | undefined;
        await fc.asyncModelRun(() => {
          const world = setup();
          last = world.model;
          return world;
        }, commands);
        seen.steps += [...commands].length;
        for (const event of last?.events ?? []) {
          const kind = event.startsWith('rollback')
            ? `rollback ${/\((\w+)\)$/.exec(event)?.[1]}`
            : (event.split(' ')[0] ?? '');
          seen.outcomes.set(kind, (seen.outcomes.get(kind) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.sequences).toBeGreaterThanOrEqual(RUNS);
    expect(seen.steps).toBeGreaterThan(RUNS * 10);
    // Every kind of committed change happened many times (failures are checked on every step above).
    for (const kind of ['switch', 'confirm', 'rollback auth', 'rollback requested', 'rollback persistence'])
      expect(seen.outcomes.get(kind) ?? 0, kind).toBeGreaterThan(expectedCases(100));
  });

  it('exposes SessionSwitchError as the failure type', () => {
    expect(new SessionSwitchError({ stage: 'client', request: {}, target: 'a:b', kept: undefined }).message).toBe(
      'Could not switch to a:b: building the client failed. No route is active.',
    );
  });
});
