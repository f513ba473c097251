import { describe, expectTypeOf, it } from 'vitest';
import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { resolver } from './__fixtures__/session-world.js';
import { createRouteSession, type RouteSessionEvent, type SwitchResult } from './create-route-session.js';
import type { SessionSwitchError, SwitchStage } from './session-error.js';
import type { SessionRoute } from './session-route.js';

interface ChatClient {
  readonly baseUrl: string;
  close(): Promise<void>;
}

const buildClient = (candidate: ReadyRouteCandidate): ChatClient => ({
  baseUrl: candidate.endpoint.baseUrl,
  close: async () => {},
});

describe('route session types follow the client type', () => {
  it('infers the client from disposeClient, and types routes, results and events with it', async () => {
    const session = createRouteSession({ resolver, disposeClient: (client: ChatClient) => client.close() });
    expectTypeOf(session.current).toEqualTypeOf<SessionRoute<ChatClient> | undefined>();
    expectTypeOf(session.current?.client).toEqualTypeOf<ChatClient | undefined>();
    const result = await session.switchTo({ provider: 'alpha' }, { buildClient });
    expectTypeOf(result).toEqualTypeOf<SwitchResult<ChatClient>>();
    if (!result.ok) {
      expectTypeOf(result.error).toEqualTypeOf<SessionSwitchError>();
      expectTypeOf(result.error.stage).toEqualTypeOf<SwitchStage>();
    }
    session.subscribe((event) => expectTypeOf(event).toEqualTypeOf<RouteSessionEvent<ChatClient>>());
  });

  it('rejects a client builder of another type and fields a request does not have', () => {
    const session = createRouteSession<ChatClient>({ resolver });
    // @ts-expect-error the builder must make the session's client type
    void session.switchTo({}, { buildClient: () => 42 });
    // @ts-expect-error requests carry no prompt text
    void session.switchTo({ prompt: 'hello' }, { buildClient });
    expectTypeOf(session.reportTurnFailure).parameter(0).toHaveProperty('kind').toEqualTypeOf<'auth' | 'other'>();
  });
});
