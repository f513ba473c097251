/** The Hugging Face Hub client and model passports of CodeWhale (see README.md). */

// Client
export {
  createHubClient,
  DEFAULT_HUB_ENDPOINT,
  HUB_TOKEN_ENV_VARS,
  HUB_CACHE_ID,
  HUB_INFO_MAX_BYTES,
  HUB_CARD_MAX_BYTES,
  HUB_CONFIG_MAX_BYTES,
} from './create-hub-client.js';
export type {
  HubClient,
  HubClientOptions,
  ModelInfoOptions,
  HubModelInfo,
  HubAnswerSource,
  HubCardData,
  HubGated,
  HubProviderMapping,
  HubSibling,
  HubSearchQuery,
  HubSearchSort,
  HubSearchPage,
  HubModelSummary,
  HubAccess,
} from './hub-types.js';
export { HubError, HUB_ERROR_CODES, type HubErrorCode, type HubErrorDetails } from './hub-error.js';

// Parsers (untrusted bodies in, checked values or a HubError out)
export {
  parseHubModelInfo,
  parseHubSearchResults,
  parseHubFileSizes,
  isHubRepoId,
  type HubBodyContext,
} from './parse-hub-body.js';
export { parseLinkHeader } from './parse-link-header.js';
export { cardSummary, CARD_SUMMARY_MAX_CHARS } from './card-summary.js';
export { ggufQuantisations, ggufQuantisationOf, type GgufQuantisation } from './gguf-quantisations.js';

// Passports
export { buildPassport, type BuildPassportOptions, type DerivedRepos } from './build-passport.js';
export {
  modelPassportSchema,
  modelPassportJsonSchema,
  MODEL_PASSPORT_VERSION,
  type ModelPassport,
  type PassportFact,
  type LineageRelation,
  type PassportQuantisation,
} from './model-passport-schema.js';
export {
  passportRoutes,
  passportRouteJson,
  type PassportRoute,
  type PassportRouteOk,
  type PassportRouteUnavailable,
  type PassportRouteJson,
  type PassportRouteKind,
  type PassportRouteOptions,
} from './passport-routes.js';
export { fetchPassport, type FetchPassportOptions, type PassportWithRoutes } from './fetch-passport.js';

// Serve plan (issue 18): memory estimate, fit and layout, loopback-bound runtime commands
export {
  estimateServeMemory,
  DEFAULT_SERVE_OVERHEAD,
  type EstimateServeMemoryInput,
  type ServeOverheadOptions,
  type ServeMemoryEstimate,
  type ServeWeightsEstimate,
  type ServeWeightsDtypeRow,
  type ServeKvCacheEstimate,
} from './serve-plan/estimate-serve-memory.js';
export type { KvCacheLayout, KvCacheLayerGroup, KvCacheLayerKind } from './serve-plan/kv-cache-layout.js';
export type { ServeFact, KnownServeFact, UnknownServeFact, ServeFactSource } from './serve-plan/serve-fact.js';
export { safetensorsDtypeBytes, kvCacheDtypeBytes } from './serve-plan/dtype-bytes.js';
export {
  planServeFit,
  type PlanServeFitOptions,
  type ServeFitPlan,
  type ServeLayout,
  type ServeLayoutCandidate,
  type ServeQuantFit,
} from './serve-plan/plan-serve-fit.js';
export { parseByteSize, formatByteSize } from './serve-plan/byte-size.js';
export {
  serveCommands,
  resolveServeArgv,
  shellQuote,
  SERVE_RUNTIMES,
  SERVE_DEFAULT_PORTS,
  SERVE_API_KEY_ENV,
  type ServeRuntime,
  type ServeArg,
  type ServeCommandLine,
  type ServeCommands,
  type ServeCommandsInput,
  type ServeWarning,
} from './serve-plan/serve-commands.js';
export { ServePlanError, SERVE_PLAN_ERROR_CODES, type ServePlanErrorCode } from './serve-plan/serve-plan-error.js';
export {
  planServe,
  resolveServeTarget,
  serveConfig,
  writeServeConfig,
  SERVE_PROVIDER_IDS,
  type PlanServeOptions,
  type ServePlan,
  type ServePlanTarget,
  type ServePlanConfig,
  type WriteServeConfigResult,
} from './serve-plan/plan-serve.js';
export {
  checkServedRoute,
  type CheckServedRouteOptions,
  type ServedRouteCheck,
  type ServedRouteProof,
} from './serve-plan/check-served-route.js';
