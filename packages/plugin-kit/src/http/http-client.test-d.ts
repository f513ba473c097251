import type { HealthState, LiveContext, LiveResponse } from '@codewhale/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { ProviderHttpError } from '../errors/provider-http-error.js';
import { createHttpClient } from './create-http-client.js';
import { createLiveContext } from './create-live-context.js';
import type { HttpRequestInput, HttpResponse } from './http-client-types.js';
import {
  probeEndpoint,
  probeEndpointNeverThrow,
  type ProbeOutcome,
  type UnexpectedProbeFailure,
} from './probe-endpoint.js';
import { probeModelListing, type ModelListingProbe } from './probe-model-listing.js';

describe('types', () => {
  it('the client and the LiveContext adapter fit core', () => {
    const client = createHttpClient();
    expectTypeOf(client.request).returns.resolves.toEqualTypeOf<HttpResponse>();
    expectTypeOf(
      createLiveContext({ client, providerId: 'p', baseUrl: 'http://127.0.0.1' }),
    ).toEqualTypeOf<LiveContext>();
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

  it('the never-throw probe adds only the unexpected failure; a listing probe narrows to models or a state', () => {
    expectTypeOf(probeEndpointNeverThrow).returns.resolves.toEqualTypeOf<ProbeOutcome | UnexpectedProbeFailure>();
    expectTypeOf(probeModelListing).returns.resolves.toEqualTypeOf<ModelListingProbe>();
    const listing = {} as ModelListingProbe;
    if (listing.ok) expectTypeOf(listing.models).toEqualTypeOf<readonly string[]>();
    else expectTypeOf(listing.state).toEqualTypeOf<HealthState>();
  });
});
