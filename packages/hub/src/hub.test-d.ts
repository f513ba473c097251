import type { ReadyRouteCandidate } from '@codewhale/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  buildPassport,
  createHubClient,
  fetchPassport,
  passportRouteJson,
  passportRoutes,
  type HubClient,
  type HubErrorCode,
  type HubModelInfo,
  type HubSearchPage,
  type ModelPassport,
  type PassportRoute,
  type PassportWithRoutes,
} from './index.js';

/** @see issue 17 (the API names the CLI calls) */
describe('the public API types', () => {
  it('client, passport and routes fit together', () => {
    expectTypeOf(createHubClient).returns.toEqualTypeOf<HubClient>();
    expectTypeOf<HubClient['searchModels']>().returns.resolves.toEqualTypeOf<HubSearchPage>();
    expectTypeOf<HubClient['modelInfo']>().returns.resolves.toEqualTypeOf<HubModelInfo>();
    expectTypeOf(buildPassport).parameter(0).toEqualTypeOf<HubModelInfo>();
    expectTypeOf(buildPassport).returns.toEqualTypeOf<ModelPassport>();
    expectTypeOf(passportRoutes).returns.toEqualTypeOf<PassportRoute[]>();
    expectTypeOf(fetchPassport).returns.resolves.toEqualTypeOf<PassportWithRoutes>();
    expectTypeOf<HubErrorCode>().toEqualTypeOf<
      | 'HUB_UNAUTHORIZED'
      | 'HUB_GATED'
      | 'HUB_NOT_FOUND'
      | 'HUB_RATE_LIMITED'
      | 'HUB_HTTP_STATUS'
      | 'HUB_NETWORK'
      | 'HUB_TOO_LARGE'
      | 'HUB_INVALID_BODY'
      | 'HUB_REDIRECT_REFUSED'
      | 'HUB_INVALID_INPUT'
      | 'HUB_ABORTED'
    >();
  });

  it('only an ok route carries a candidate, and a fact narrows on known', () => {
    const route = {} as PassportRoute;
    if (route.ok) expectTypeOf(route.candidate).toEqualTypeOf<ReadyRouteCandidate>();
    else expectTypeOf(route.reason).toEqualTypeOf<string>();
    expectTypeOf(passportRouteJson(route)).not.toHaveProperty('candidate');
    const passport = {} as ModelPassport;
    if (passport.parameters.byDtype.known)
      expectTypeOf(passport.parameters.byDtype.value).toEqualTypeOf<Record<string, number>>();
    else expectTypeOf(passport.parameters.byDtype.reason).toEqualTypeOf<string>();
  });
});
