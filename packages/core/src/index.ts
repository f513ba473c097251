// Errors
export { CodewhaleError, CORE_ERROR_CODES, type CoreErrorCode } from './errors/codewhale-error.js';
export { CatalogError, CATALOG_ISSUE_CODES, type CatalogIssue, type CatalogIssueCode } from './errors/catalog-error.js';

// Vocabularies and patterns (no zod)
export {
  UNKNOWN,
  CAPABILITY_NAMES,
  KNOWN_WIRE_PROTOCOLS,
  MAX_PRICE_PER_MILLION,
  TOKEN_CLASSES,
  REASONING_LEVELS,
  ROUTE_PREFERENCES,
  ROUTE_REQUIREMENTS,
  ROUTE_INPUT_FIELDS,
  AUTH_MODES,
  PROVIDER_ID_PATTERN,
  CANONICAL_MODEL_ID_PATTERN,
  ENV_VAR_NAME_PATTERN,
  ISO_DATE_PATTERN,
  type CapabilityName,
  type TokenClass,
  type ReasoningLevel,
  type RoutePreference,
  type RouteInputField,
} from './schema/constants.js';

// Schema
export {
  provenanceSchema,
  provenanceKindSchema,
  isoDateSchema,
  type Provenance,
  type ProvenanceKind,
} from './schema/provenance.js';
export {
  tokenLimitSchema,
  capabilityFactSchema,
  capabilitiesSchema,
  limitsSchema,
  textFactSchema,
  type TokenLimit,
  type CapabilityFact,
  type TextFact,
  type Capabilities,
  type CapabilityOverrides,
  type Limits,
  type LimitOverrides,
} from './schema/facts.js';
export {
  usageMeterSchema,
  tokenPricingMeterSchema,
  type TokenRates,
  type TimeWindow,
  type TimePriceTier,
  type ContextPriceTier,
  type TokenPricingMeter,
  type SubscriptionQuotaMeter,
  type AccountCreditsMeter,
  type LocalMeter,
  type UnknownMeter,
  type UsageMeter,
  type UsageMeterKind,
} from './schema/usage-meter.js';
export { providerIdSchema, canonicalModelIdSchema, envVarNameSchema, wireModelIdSchema } from './schema/identifiers.js';
export {
  providerDescriptorSchema,
  providerEnvSchema,
  type ProviderDescriptor,
  type ProviderClass,
  type AuthScheme,
  type EndpointDescriptor,
  type ProviderEnv,
} from './schema/provider-descriptor.js';
export {
  providerEnvNames,
  providerEnvValues,
  type ProviderEnvNames,
  type ProviderEnvValues,
  type ProviderEnvValue,
  type IgnoredProviderEnv,
  type ProviderEnvDescriptor,
  type EnvSnapshot,
} from './schema/provider-env.js';
export {
  modelProfileSchema,
  deprecationSchema,
  reasoningDialectFactSchema,
  licenseFactSchema,
  licenseSchema,
  unknownLicenseSchema,
  LICENSE_ID_PATTERN,
  type ModelProfile,
  type Deprecation,
  type ReasoningDialectFact,
  type LicenseFact,
  type License,
} from './schema/model-profile.js';
export {
  servedNameSchema,
  servedNamesFileSchema,
  type ServedName,
  type ServedNamesFile,
} from './schema/served-names.js';
export {
  modelRenameSchema,
  modelRenamesFileSchema,
  type ModelRename,
  type ModelRenamesFile,
} from './schema/model-renames.js';
export {
  offeringEntrySchema,
  offeringsFileSchema,
  reasoningControlFactSchema,
  type OfferingEntry,
  type OfferingsFile,
  type ProviderModelOffering,
  type ReasoningControlFact,
} from './schema/offering.js';
export { liveModelRecordSchema, type LiveModelRecord, type LiveUpstream } from './schema/live-model-record.js';
export {
  userConfigSchema,
  providerConfigSchema,
  roleConfigSchema,
  type UserConfig,
  type ProviderConfig,
  type RoleConfig,
} from './schema/user-config.js';
export { userConfigIssues, unknownUserConfigKeys, type UserConfigIssue } from './schema/user-config-check.js';

// Plugins
export { definePlugin, catalogOfferings, catalogModels } from './plugin/define-plugin.js';
export {
  SUPPORTED_PLUGIN_SPECS,
  type PluginSpecVersion,
  type PluginIds,
  type ProviderPlugin,
  type ProviderPluginSpec,
  type ModelIdPolicy,
  type ModelIdContext,
  type ModelIdVerdict,
  type RouteEndpointContext,
  type UsageMeterPart,
  type MeterContext,
  type MeterReading,
  type DiscoveryPart,
  type ParseModelsContext,
  type HealthPart,
  type HealthResult,
  type HealthState,
  type ReasoningPart,
  type ReasoningContext,
  type ReasoningMapping,
  type LiveContext,
  type LiveRequest,
  type LiveResponse,
} from './plugin/plugin-types.js';

// Registry
export { createRegistry, type CreateRegistryOptions } from './registry/create-registry.js';
export { createPrevalidatedRegistry } from './registry/create-prevalidated-registry.js';
export { stampCatalog } from './registry/stamp-catalog.js';
export {
  CATALOG_STAMP_FORMAT,
  type CatalogStamp,
  type CatalogStampPlugin,
  type PrevalidatedRegistryOptions,
} from './registry/catalog-stamp.js';
export type {
  Registry,
  RegisteredProvider,
  OfferingMatch,
  OfferingMatchKind,
  OfficialEndpoint,
} from './registry/registry-types.js';
export { foldProviderName, findProviderConfigKey, type ProviderNamed } from './registry/provider-names.js';

// Catalog tooling (pure)
export { catalogJsonSchemas, type CatalogSchemaName } from './catalog/json-schemas.js';
export { validateCatalogFiles, type CatalogFileInput } from './catalog/validate-catalog-files.js';
export { catalogServedNames, catalogModelRenames } from './catalog/catalog-data.js';

// Formatting
export { groupDigits } from './util/group-digits.js';

// URLs
export { normalizeBaseUrl, isLoopbackHost, type NormalizedBaseUrl } from './url/normalize-base-url.js';

// Resolution
export {
  createRouteResolver,
  type RouteResolver,
  type RouteResolverOptions,
  type RouteResult,
  type EndpointResult,
  type ChainHop,
  type ChainResult,
} from './resolver/create-route-resolver.js';
export type { RouteRequest, RouteError, RouteErrorKind, RouteRefSuggestion } from './resolver/route-request.js';
export type { CredentialSource, CredentialQuery, AuthStatus, AuthSourceClass } from './resolver/credential-source.js';
export { credentialBinding, type CredentialBinding } from './resolver/credential-binding.js';
export type { LiveSnapshot, LiveModelView } from './resolver/live-snapshot.js';
export { PURPOSE_DEFAULTS } from './resolver/purpose-defaults.js';
export { providerTable as findProviderConfig } from './resolver/resolver-context.js';
export { ReadyRouteCandidate, isReadyRouteCandidate } from './candidate/ready-route-candidate.js';
export type {
  RouteCandidateData,
  RouteProvider,
  RouteEndpoint,
  RouteLimit,
  RouteLimits,
  LimitSource,
  RouteCapability,
  RouteCapabilities,
  RouteReasoning,
  ValidationMessage,
  RouteDecisions,
  InputDecision,
  InputSource,
  ProviderDecision,
  ModelDecision,
  EndpointDecision,
  AutoDecision,
} from './candidate/route-facts.js';
export { parseRouteRef, type RouteRef } from './route-ref/parse-route-ref.js';
export { explainRoute, authLabel, type RouteExplanation, type ExplainedLimit } from './explain/route-explanation.js';
export { formatRouteExplanation, type FormatExplanationOptions } from './explain/format-route-explanation.js';

// Route session (atomic switching)
export {
  createRouteSession,
  DEFAULT_CLOSE_TIMEOUT_MS,
  type RouteSession,
  type RouteSessionOptions,
  type SwitchOptions,
  type SwitchResult,
  type FallbackSwitchResult,
  type PersistRoute,
  type PersistDetails,
  type RouteSessionEvent,
  type RollbackReason,
  type TurnFailure,
} from './session/create-route-session.js';
export type { SessionRoute, SessionRouteLimits } from './session/session-route.js';
export {
  SessionSwitchError,
  SESSION_ERROR_CODES,
  type SwitchStage,
  type SessionSwitchErrorInit,
} from './session/session-error.js';

// Usage and pricing
export {
  USAGE_DIALECTS,
  type NormalisedUsage,
  type UsageReading,
  type UsageDialect,
  type UsageCost,
  type UsageCostLine,
  type NormaliseUsageOptions,
  type UsageAccumulator,
} from './usage/usage-types.js';
export { MAX_USAGE_TOKENS } from './usage/usage-counts.js';
export { normaliseUsage } from './usage/normalise-usage.js';
export { createUsageAccumulator } from './usage/usage-accumulator.js';
export { servedModel } from './usage/served-model.js';
export { usageDialectOf, isUsageDialect } from './usage/usage-dialect-of.js';
export { priceUsage } from './pricing/price-usage.js';
