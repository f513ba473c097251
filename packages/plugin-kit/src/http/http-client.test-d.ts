import type { HealthState, LiveContext, LiveResponse } from '@codewhale/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { ProviderHttpError } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpRequestInput, HttpResponse } from './http-client-types.js';
import { probeEndpoint, type ProbeOutcome } from './probe-endpoint.js';

describe('types', () => {
  it('the client and the LiveContext adapter fit core', () => {
    const client = createHttpClient();
    expectTypeOf(client.request).returns.resolves.toEqualTypeOf<HttpResponse>();
    expectTypeOf(createLiveContext({ client, providerId: 'p', baseUrl: 'http://127.0.0.1' })).toEqualTypeOf<LiveContext>();
    expectTypeOf<HttpResponse>().toExtend<LiveResponse>();
    expectTypeOf<HttpRequestInput['method']>().toEqualTypeOf<'GET' | 'HEAD' | 'POST' | undefined>();
    expectTypeOf<HttpRequestInput['redirect']>().toEqualTypeOf<'error' | 'follow-same-origin' | undefined>();
  });

  it('a probe outcome narrows on ok', () => {
    expectTypeOf(probeEndpoint).returns.resolves.toEqualTypeOf<ProbeOutcome>();
    const outcome = {} as ProbeOutcome;
    if (outcome.ok) expectTypeOf(outcome.response).toEqualTypeOf<LiveResponse>();
    else {
      expectTypeOf(outcome.error).toEqualTypeOf<ProviderHttpError>();
      expectTypeOf(outcome.state).toEqualTypeOf<HealthState>();
    }
  });
});
