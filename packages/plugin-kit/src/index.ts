// Errors
export {
  ProviderHttpError,
  ListingParseError,
  PROVIDER_HTTP_ERROR_CODES,
  type ProviderHttpErrorKind,
  type ProviderHttpErrorDetails,
} from './errors/provider-http-error.js';
export {
  InvalidHttpRequestError,
  INVALID_HTTP_REQUEST_CODE,
  type InvalidHttpRequestReason,
} from './errors/invalid-http-request-error.js';
export {
  normalizeProviderError,
  type NormalizedProviderError,
  type ProviderErrorShape,
} from './errors/normalize-provider-error.js';
export { redactSecrets, REDACTED } from './errors/redact-secrets.js';
export { PluginConfigError, pluginConfigError } from './errors/plugin-config-error.js';

// Plugin settings
export {
  pluginBaseUrl,
  loopbackBaseUrl,
  type PluginBaseUrlRule,
  type LoopbackBaseUrlRule,
  type BaseUrlErrorCodes,
} from './settings/plugin-base-url.js';
export { reasoningDialectsSetting, type ReasoningDialectsRule } from './settings/reasoning-dialects-setting.js';

// Concurrency
export { mapWithLimit } from './concurrency/map-with-limit.js';

// HTTP
export { createHttpClient } from './http/create-http-client.js';
export type {
  HttpClient,
  HttpClientOptions,
  HttpCredential,
  HttpMethod,
  HttpRedirectPolicy,
  HttpRequestInput,
  HttpResponse,
} from './http/http-client-types.js';
export {
  DEFAULT_HTTP_TIMEOUTS,
  LISTING_MAX_BYTES,
  SMALL_BODY_MAX_BYTES,
  MAX_REDIRECTS,
  type HttpTimeouts,
} from './http/http-limits.js';
export { parseRetryAfter, RETRY_AFTER_MAX_MS } from './http/parse-retry-after.js';
export { sanitizeUrl } from './http/sanitize-url.js';
export { createLiveContext, type LiveContextOptions } from './http/create-live-context.js';
export {
  probeEndpoint,
  probeEndpointNeverThrow,
  healthStateForError,
  describeHttpFailure,
  type ProbeOutcome,
  type ProbeOptions,
  type UnexpectedProbeFailure,
} from './http/probe-endpoint.js';
export {
  probeModelListing,
  type ModelListingProbe,
  type ModelListingProbeOptions,
} from './http/probe-model-listing.js';
export { probeServingEngine, type ServingEngineProbe } from './http/probe-serving-engine.js';
export { requestOk, statusErrorFor } from './http/request-ok.js';

// Listings
export {
  parseOpenAIModelList,
  type ModelListEntry,
  type ParseModelListOptions,
} from './listing/parse-openai-model-list.js';
export { parseOpenAIModelRecords, type ParseModelRecordsOptions } from './listing/parse-openai-model-records.js';
export {
  parseModelCards,
  canonicalByNameOrRoot,
  type ModelCardLineage,
  type ParseModelCardsOptions,
} from './listing/parse-model-cards.js';
export {
  asRecord,
  positiveInteger,
  integer,
  nonNegativeNumber,
  positivePrice,
  nonEmptyString,
  booleanValue,
} from './listing/listing-fields.js';
export { hubServedModels, type HubServedModel } from './listing/hub-served-models.js';
export { catalogModelProfiles, catalogHubServedModels } from './listing/catalog-model-profiles.js';
export {
  wireIdSyntaxProblem,
  passThroughModelIdPolicy,
  MAX_WIRE_ID_LENGTH,
  type PassThroughPolicyOptions,
} from './model-id/wire-id-syntax.js';

// Reasoning
export { mapServedModelReasoning, type ServedModelReasoningDialect } from './reasoning/map-served-model-reasoning.js';
export {
  MODEL_REASONING_DIALECTS,
  isModelReasoningDialect,
  type ModelReasoningDialect,
} from './reasoning/model-reasoning-dialects.js';
export { reasoningByControl, type ReasoningControlMapping } from './reasoning/reasoning-by-control.js';
