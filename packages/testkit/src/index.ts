export {
  createFakeLiveContext,
  fakeRouteKey,
  httpStatusError,
  type FakeAnswer,
  type FakeLiveContextOptions,
} from './fake-live-context.js';
export {
  describePluginConformance,
  CONFORMANCE_CHECKS,
  type ConformanceCheck,
  type PluginConformanceOptions,
  type RecordedListing,
} from './describe-plugin-conformance.js';
export { CONFORMANCE_MODEL_IDS, type ConformanceModelId } from './conformance-model-ids.js';
export { createRouteProbe, everyDeclaredKeySet, type RouteProbe } from './create-route-probe.js';
export {
  startFakeProvider,
  type FakeProvider,
  type FakeProviderAnswer,
  type FakeProviderOptions,
  type FakeProviderRequest,
} from './fake-provider-server.js';
