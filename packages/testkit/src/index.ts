export { createFakeLiveContext, fakeRouteKey, httpStatusError, type FakeAnswer, type FakeLiveContextOptions } from './fake-live-context.js';
