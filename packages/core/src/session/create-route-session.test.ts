import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { CodewhaleError } from '../errors/codewhale-error.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import { config, credentials, registry, resolver } from './__fixtures__/session-world.js';
import {
  createRouteSession,
  DEFAULT_CLOSE_TIMEOUT_MS,
  type PersistRoute,
  type RouteSessionEvent,
} from './create-route-session.js';
import { SESSION_ERROR_CODES, SessionSwitchError } from './session-error.js';

interface Client {
  readonly id: number;
  readonly candidate: ReadyRouteCandidate;
}

function harness() {
  let next = 0;
  const disposed: number[] = [];
  const events: RouteSessionEvent<Client>[] = [];
  const saved: string[] = [];
  const session = createRouteSession<Client>({ resolver, disposeClient: (client) => void disposed.push(client.id) });
  session.subscribe((event) => events.push(event));
  const buildClient = (candidate: ReadyRouteCandidate): Client => ({ id: ++next, candidate });
  const persist: PersistRoute = (candidate, { fromAuto }) =>
    void saved.push(`${candidate.toString()}${fromAuto ? ' (auto)' : ''}`);
  return { session, disposed, events, saved, buildClient, persist };
}

describe('createRouteSession', () => {
  it('commits a resolved route with its client and derived values, and tells listeners', async () => {
    const { session, events, buildClient } = harness();
    expect(session.current).toBeUndefined();
    const result = await session.switchTo({ provider: 'alpha', model: 'm-three' }, { buildClient });
    expect(result.ok).toBe(true);
    const route = session.current;
    expect(route).toMatchObject({
      provider: 'alpha',
      model: 'org/m-three',
      endpoint: { baseUrl: 'https://api.alpha.example.test/v1', official: true },
      limits: { contextWindow: 512_000, maxOutput: undefined },
      meter: { kind: 'token-pricing', rates: { input: 2.1, output: 4.4 } },
      statusLine: 'alpha · m-three · 512K ctx · $2.10/$4.40',
      provisional: false,
      revision: 1,
    });
    expect(route?.client.candidate).toBe(route?.candidate);
    expect(Object.isFrozen(route)).toBe(true);
    expect(events).toEqual([{ type: 'switch', route, previous: undefined }]);
  });

  it('projects unknown limits as undefined and every meter kind into the status line', async () => {
    const { session, buildClient } = harness();
    await session.switchTo({ provider: 'beta', model: 'm-one' }, { buildClient });
    expect(session.current?.statusLine).toBe('beta · m-one · 131K ctx · $0.066/$0.30');
    await session.switchTo({ provider: 'beta' }, { buildClient });
    expect(session.current?.limits).toEqual({ contextWindow: undefined, maxOutput: undefined });
    expect(session.current?.statusLine).toBe('beta · m-three · ? ctx · price unknown');
    await session.switchTo({ provider: 'gamma', model: 'llama3:8b' }, { buildClient });
    expect(session.current?.statusLine).toBe('gamma · llama3:8b · ? ctx · local');
  });

  it("a switch without a model lands on the target provider's own default, never the previous model", async () => {
    const { session, buildClient } = harness();
    await session.switchTo({}, { buildClient });
    expect(session.current?.model).toBe('org/m-two'); // saved for alpha
    await session.switchTo({ provider: 'beta' }, { buildClient });
    expect(session.current?.model).toBe(registry.provider('beta').defaultOffering?.wireId);
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    expect(session.current?.model).toBe('org/m-two');
    // A runtime without a default says so instead of borrowing the previous model; nothing changes.
    const failed = await session.switchTo({ provider: 'gamma' }, { buildClient });
    expect(!failed.ok && failed.error.routeError?.kind).toBe('empty-model');
    expect(session.current?.model).toBe('org/m-two');
  });

  it.each([
    ['resolution', { provider: 'nope' }],
    ['client', { provider: 'beta' }],
    ['persistence', { provider: 'beta' }],
  ] as const)(
    'a failure at stage %s changes nothing visible, disposes what was built, and names the stage',
    async (stage, request) => {
      const { session, disposed, events, saved, buildClient, persist } = harness();
      await session.switchTo({ provider: 'alpha' }, { buildClient, persist });
      const before = session.current;
      const boom = new Error('boom');
      const result = await session.switchTo(request, {
        buildClient: stage === 'client' ? () => Promise.reject(boom) : buildClient,
        persist:
          stage === 'persistence'
            ? () => {
                throw boom;
              }
            : persist,
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(SessionSwitchError);
      expect(SessionSwitchError.isInstance(result.error)).toBe(true);
      expect(result.error).toMatchObject({ code: SESSION_ERROR_CODES.SWITCH_FAILED, stage, request });
      if (stage === 'resolution') {
        expect(result.error.routeError?.kind).toBe('unknown-provider');
        expect(result.error.message).toMatch(/^Could not switch: the request did not resolve: Unknown provider/);
      } else {
        expect(result.error.cause).toBe(boom);
        expect(result.error.target).toBe('beta:m-three-beta');
        expect(result.error.message).not.toContain('boom');
      }
      expect(result.error.message).toMatch(/alpha:org\/m-two is still the active route\.$/);
      expect(session.current).toBe(before);
      expect(events).toHaveLength(1);
      expect(saved).toEqual(['alpha:org/m-two']);
      // The client built for a route that failed to persist is disposed; the active one never is.
      expect(disposed).toEqual(stage === 'persistence' ? [2] : []);
    },
  );

  it('disposes the replaced client after the commit, and hands auto routes to persistence as fromAuto', async () => {
    const { session, disposed, saved, buildClient, persist } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    await session.switchTo({ provider: 'beta', model: 'auto' }, { buildClient, persist });
    expect(session.current?.candidate.fromAuto).toBe(true);
    expect(saved).toEqual([`beta:${session.current?.model} (auto)`]);
    expect(disposed).toEqual([1]);
  });

  it('confirms a provisional switch after a successful turn, persisting only then', async () => {
    const { session, disposed, events, saved, buildClient, persist } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    const switched = await session.switchTo({ provider: 'beta' }, { buildClient, persist, provisional: true });
    expect(switched.ok && switched.route.provisional).toBe(true);
    expect(saved).toEqual([]);
    expect(disposed).toEqual([]); // the previous client is kept for a rollback
    expect(await session.reportTurnFailure({ kind: 'other' })).toBe(false);
    const confirmed = await session.confirm();
    expect(confirmed?.ok && confirmed.route).toMatchObject({ provider: 'beta', provisional: false, revision: 3 });
    expect(saved).toEqual(['beta:m-three-beta']);
    expect(disposed).toEqual([1]);
    expect(events.map((event) => event.type)).toEqual(['switch', 'switch', 'confirm']);
    expect(await session.confirm()).toBeUndefined();
  });

  it('rolls a provisional switch back as one unit on an auth failure', async () => {
    const { session, disposed, events, saved, buildClient, persist } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    const original = session.current;
    await session.switchTo({ provider: 'beta' }, { buildClient, persist, provisional: true });
    const trial = session.current;
    // A report about a route that is no longer current is ignored.
    expect(await session.reportTurnFailure({ kind: 'auth', route: original })).toBe(false);
    expect(await session.reportTurnFailure({ kind: 'auth', route: trial })).toBe(true);
    expect(session.current).toMatchObject({
      candidate: original?.candidate,
      client: original?.client,
      provisional: false,
      revision: 3,
    });
    expect(saved).toEqual([]);
    expect(disposed).toEqual([2]);
    expect(events.at(-1)).toMatchObject({ type: 'rollback', route: session.current, discarded: trial, reason: 'auth' });
    expect(await session.rollback()).toBe(false);
  });

  it('rolls back when saving a confirmed trial fails, and a trial over a trial returns to the last confirmed route', async () => {
    const { session, disposed, buildClient } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    await session.switchTo({ provider: 'beta' }, { buildClient, provisional: true });
    await session.switchTo(
      { provider: 'beta', model: 'm-one' },
      { buildClient, provisional: true, persist: () => Promise.reject(new Error('disk full')) },
    );
    expect(disposed).toEqual([2]);
    const result = await session.confirm();
    expect(result?.ok).toBe(false);
    expect(!result?.ok && result?.error).toMatchObject({ stage: 'persistence', target: 'beta:m-one-beta' });
    expect(session.current).toMatchObject({ provider: 'alpha', client: { id: 1 }, provisional: false });
    expect(disposed).toEqual([2, 3]);
  });

  it('serialises concurrent switches: results and commits in call order', async () => {
    const { session, events, buildClient } = harness();
    const slow = async (candidate: ReadyRouteCandidate) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return buildClient(candidate);
    };
    const results = await Promise.all([
      session.switchTo({ provider: 'alpha' }, { buildClient: slow }),
      session.switchTo({ provider: 'beta' }, { buildClient }),
      session.switchTo({ provider: 'nope' }, { buildClient }),
      session.switchTo({ provider: 'beta', model: 'm-one' }, { buildClient: slow }),
    ]);
    expect(results.map((result) => (result.ok ? result.route.candidate.toString() : result.error.stage))).toEqual([
      'alpha:org/m-two',
      'beta:m-three-beta',
      'resolution',
      'beta:m-one-beta',
    ]);
    expect(events.map((event) => (event.type === 'switch' ? event.route.revision : 0))).toEqual([1, 2, 3]);
    expect(session.current?.model).toBe('m-one-beta');
  });

  it('fallback switches try each hop through the same stages and report skipped hops', async () => {
    const { session, disposed, buildClient, persist, saved } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    let builds = 0;
    const result = await session.switchToFallback(
      [{ provider: 'nope' }, { provider: 'gamma' }, { provider: 'beta' }, { provider: 'alpha', model: 'm-one' }],
      {
        buildClient: (candidate) => {
          builds += 1;
          if (candidate.provider.id === 'beta') throw new Error('no route to host');
          return buildClient(candidate);
        },
        persist,
      },
    );
    expect(builds).toBe(2);
    expect(result.ok && [result.hop, result.route.model, result.skipped.map((error) => error.stage)]).toEqual([
      3,
      'org/M-One',
      ['resolution', 'resolution', 'client'],
    ]);
    expect(saved).toEqual(['alpha:org/M-One']);
    expect(disposed).toEqual([1]);
    const none = await session.switchToFallback([{ provider: 'nope' }, { provider: 'gamma' }], { buildClient });
    expect(!none.ok && none.error).toMatchObject({
      code: 'SESSION_SWITCH_FAILED',
      stage: 'resolution',
      hops: [{ stage: 'resolution' }, { stage: 'resolution' }],
    });
    expect(!none.ok && none.error.message).toContain('every hop of the fallback chain failed');
    const empty = await session.switchToFallback([], { buildClient });
    expect(!empty.ok && empty.error.message).toContain('the fallback chain is empty');
  });

  it('asks a resolver function for the current resolver at every switch; a resolver that throws fails at resolution', async () => {
    let current = resolver;
    const session = createRouteSession<number>({ resolver: () => current });
    await session.switchTo({}, { buildClient: () => 1 });
    expect(session.current?.model).toBe('org/m-two');
    current = createRouteResolver({
      registry,
      config: { ...config, providers: { alpha: { model: 'org/M-One' } } },
      credentials,
    });
    await session.switchTo({}, { buildClient: () => 2 });
    expect(session.current?.model).toBe('org/M-One');
    const broken = createRouteSession<number>({
      resolver: {
        resolve: () => {
          throw new Error('bug');
        },
      },
    });
    const result = await broken.switchTo({}, { buildClient: () => 1 });
    expect(!result.ok && result.error.stage).toBe('resolution');
    const fake = createRouteSession<number>({
      resolver: { resolve: () => ({ ok: true, candidate: JSON.parse('{}') as ReadyRouteCandidate }) },
    });
    const forged = await fake.switchTo({}, { buildClient: () => 1 });
    expect(!forged.ok && forged.error.cause).toBeInstanceOf(TypeError);
  });

  it('isolates listener errors and stops calling unsubscribed listeners', async () => {
    const { session, buildClient } = harness();
    const heard: string[] = [];
    session.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = session.subscribe((event) => heard.push(event.type));
    expect((await session.switchTo({ provider: 'alpha' }, { buildClient })).ok).toBe(true);
    stop();
    await session.switchTo({ provider: 'beta' }, { buildClient });
    expect(heard).toEqual(['switch']);
  });

  it('close disposes every held client and refuses further operations', async () => {
    const { session, disposed, buildClient } = harness();
    await session.switchTo({ provider: 'alpha' }, { buildClient });
    await session.switchTo({ provider: 'beta' }, { buildClient, provisional: true });
    await session.close();
    expect(disposed.sort()).toEqual([1, 2]);
    expect(session.current).toBeUndefined();
    const refused = session.switchTo({}, { buildClient });
    await expect(refused).rejects.toMatchObject({ code: SESSION_ERROR_CODES.CLOSED });
    await expect(refused).rejects.toSatisfy(CodewhaleError.isInstance);
  });

  /** @see issue 13 item 14 */
  describe('close deadline', () => {
    const never = <T>() => new Promise<T>(() => undefined);
    afterEach(() => {
      vi.useRealTimers();
    });

    it('a buildClient that never settles cannot block close(): after closeTimeoutMs the switch is abandoned and held clients are disposed', async () => {
      vi.useFakeTimers();
      const disposed: number[] = [];
      const session = createRouteSession<Client>({
        resolver,
        disposeClient: (client) => void disposed.push(client.id),
        closeTimeoutMs: 2_000,
      });
      await session.switchTo({ provider: 'alpha' }, { buildClient: (candidate) => ({ id: 1, candidate }) });
      let release: (() => void) | undefined;
      const hanging = session.switchTo(
        { provider: 'beta' },
        {
          buildClient: (candidate) => new Promise<Client>((resolve) => (release = () => resolve({ id: 2, candidate }))),
        },
      );
      const queued = session.switchTo({ provider: 'alpha' }, { buildClient: (candidate) => ({ id: 3, candidate }) });
      const outcomes = Promise.allSettled([hanging, queued]);
      let closed = false;
      const closing = session.close().then(() => (closed = true));
      await vi.advanceTimersByTimeAsync(1_999);
      expect(closed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await closing;
      expect(closed).toBe(true);
      expect(session.current).toBeUndefined();
      expect(disposed).toEqual([1]);
      const closedError = { status: 'rejected', reason: expect.objectContaining({ code: SESSION_ERROR_CODES.CLOSED }) };
      expect(await outcomes).toEqual([closedError, closedError]);
      // The late client is disposed when it arrives, never committed.
      release?.();
      await vi.advanceTimersByTimeAsync(0);
      expect(disposed).toEqual([1, 2]);
      expect(session.current).toBeUndefined();
      expect(session.close()).toBe(session.close());
      await expect(
        session.switchTo({}, { buildClient: (built) => ({ id: 4, candidate: built }) }),
      ).rejects.toMatchObject({ code: SESSION_ERROR_CODES.CLOSED });
    });

    it('a disposeClient or persist that never settles cannot block close() either', async () => {
      const stuckDispose = createRouteSession<number>({
        resolver,
        disposeClient: () => never<void>(),
        closeTimeoutMs: 20,
      });
      await stuckDispose.switchTo({ provider: 'alpha' }, { buildClient: () => 1 });
      await stuckDispose.close();
      expect(stuckDispose.current).toBeUndefined();

      const disposed: number[] = [];
      const stuckPersist = createRouteSession<number>({
        resolver,
        disposeClient: (client) => void disposed.push(client),
        closeTimeoutMs: 20,
      });
      const switching = stuckPersist.switchTo(
        { provider: 'alpha' },
        { buildClient: () => 7, persist: () => never<void>() },
      );
      const outcome = Promise.allSettled([switching]);
      await stuckPersist.close();
      expect((await outcome)[0]?.status).toBe('rejected');
      await expect(switching).rejects.toMatchObject({ code: SESSION_ERROR_CODES.CLOSED });
      expect(stuckPersist.current).toBeUndefined();
      expect(disposed).toEqual([7]);
    });

    it('close() waits for a switch that settles before the deadline, then disposes its client', async () => {
      const disposed: number[] = [];
      const session = createRouteSession<number>({
        resolver,
        disposeClient: (client) => void disposed.push(client),
        closeTimeoutMs: 60_000,
      });
      const slow = session.switchTo(
        { provider: 'alpha' },
        { buildClient: () => new Promise<number>((resolve) => setTimeout(() => resolve(5), 20)) },
      );
      await session.close();
      expect((await slow).ok).toBe(true);
      expect(disposed).toEqual([5]);
    });

    it('refuses a deadline that is not a usable number of milliseconds', () => {
      for (const closeTimeoutMs of [-1, Number.NaN, 2 ** 31, '5' as unknown as number]) {
        expect(() => createRouteSession<number>({ resolver, closeTimeoutMs })).toThrow(RangeError);
      }
      expect(() => createRouteSession<number>({ resolver, closeTimeoutMs: Number.POSITIVE_INFINITY })).not.toThrow();
      expect(DEFAULT_CLOSE_TIMEOUT_MS).toBe(10_000);
    });
  });
});
