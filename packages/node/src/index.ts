// Live cache
export { defaultCacheDir, type CacheDirOptions } from './cache/cache-dir.js';
export { endpointFingerprint, cacheFileName } from './cache/endpoint-fingerprint.js';
export type { LiveCacheEntry } from './cache/live-cache-entry.js';
export {
  createLiveCache,
  CacheSecretError,
  type LiveCache,
  type LiveCacheOptions,
  type LiveCacheRead,
  type LiveCacheWrite,
} from './cache/live-cache.js';

// Credentials
export {
  createCredentialSource,
  CredentialError,
  CREDENTIAL_ERROR_CODES,
  type CredentialSourceOptions,
  type NodeCredentialSource,
  type ResolvedCredential,
} from './credentials/credential-source.js';
export { SecretValue } from './credentials/secret-value.js';
export type { KeyringAdapter } from './credentials/keyring.js';
export { requestCredential } from './credentials/request-credential.js';
export { routeCredential, type RouteCredentialOptions } from './credentials/route-credential.js';

// Live operations
export {
  discover,
  type DiscoverOptions,
  type DiscoveryEvent,
  type DiscoveryResult,
  type LiveOperationOptions,
} from './live/discover.js';
export { checkHealth, type HealthCheck } from './live/check-health.js';
export { readUsage, type UsageReport } from './live/read-usage.js';
export type { LiveFailure } from './live/live-failure.js';

// Config file
export {
  defaultConfigPath,
  resolveConfigPath,
  type ConfigPathOptions,
  type ConfigLocation,
} from './config/config-path.js';
export {
  ConfigError,
  CONFIG_ERROR_CODES,
  type ConfigErrorCode,
  type ConfigErrorDetails,
  type ConfigIssue,
} from './config/config-error.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load-config.js';
export {
  redactConfigUrls,
  redactUrlCredentials,
  urlCredentials,
  isCredentialParameter,
  type UrlCredentials,
} from './config/url-credentials.js';
export {
  parseConfig,
  type ParseConfigOptions,
  type ParsedConfig,
  type ConfigWarning,
  type ConfigProviderInfo,
} from './config/parse-config.js';
export {
  unknownConfigKeys,
  configKeyInfo,
  knownConfigKeys,
  formatConfigKey,
  type ConfigKeyInfo,
  type ConfigValueKind,
} from './config/config-keys.js';
export {
  setConfigValue,
  editConfigText,
  parseConfigKey,
  type ConfigEdit,
  type ConfigValue,
} from './config/config-file-edit.js';
export { withConfigFileLock, ConfigLockTimeoutError, type ConfigFileLockOptions } from './config/config-file-lock.js';
export { CONFIG_MAX_BYTES } from './config/read-config-file.js';
export { CONFIG_MAX_DEPTH } from './config/config-shape.js';

// Route persistence (session `persist` hook)
export {
  persistRouteSwitch,
  createRoutePersister,
  PersistRouteError,
  PERSIST_ROUTE_ERROR_CODES,
  type PersistRouteErrorCode,
  type PersistRouteOptions,
} from './config/persist-route.js';
export { stringifyConfig } from './config/stringify-config.js';

// Route receipts
export {
  ROUTE_RECEIPT_VERSION,
  routeReceiptJsonSchema,
  checkRouteReceipt,
  parseReceiptLine,
  type RouteReceipt,
  type ReceiptCheck,
} from './ledger/route-receipt.js';
export { defaultStateDir, defaultReceiptsDir, type StateDirOptions } from './ledger/state-dir.js';
export { LedgerError, LEDGER_ERROR_CODES, type LedgerErrorCode } from './ledger/ledger-error.js';
export {
  openLedger,
  RECEIPT_LINE_MAX_BYTES,
  type Ledger,
  type LedgerOptions,
  type LedgerQuery,
  type LedgerReading,
  type LedgerSummary,
  type PruneResult,
  type SkippedLine,
  type SummariseOptions,
  type SummaryGroup,
  type SummaryKey,
} from './ledger/receipt-ledger.js';
export {
  ledgerOptionsFromConfig,
  openConfiguredLedger,
  type ConfiguredLedgerOptions,
} from './ledger/configured-ledger.js';
export {
  createRecordingFetch,
  RECORDED_JSON_MAX_BYTES,
  type RecordingFetchOptions,
} from './ledger/recording-fetch.js';
export { flushReceipts } from './ledger/pending-receipts.js';

// Telemetry (receipts as OpenTelemetry GenAI spans, export files)
export { receiptListJsonSchema, checkReceiptList, type ReceiptList } from './telemetry/receipt-list-schema.js';
export { receiptToSpan, type ReceiptSpan, type ReceiptSpanAttributeValue } from './telemetry/receipt-span.js';
export { receiptSpanIds } from './telemetry/receipt-span-ids.js';
export { redactReceipt, RECEIPT_REDACTED, RECEIPT_REDACTIONS } from './telemetry/redact-receipt.js';
export {
  exportReceipts,
  writeReceiptExport,
  RECEIPT_EXPORT_FORMATS,
  RECEIPT_NEVER_RECORDED,
  type ReceiptExport,
  type ReceiptExportFormat,
  type ReceiptExportOptions,
  type ReceiptExportProvenance,
} from './telemetry/export-receipts.js';
export {
  createReceiptTelemetry,
  recordReceiptSpan,
  recordReceiptSpans,
  type ReceiptTelemetry,
  type ReceiptTelemetryOptions,
  type RecordReceiptSpanOptions,
} from './telemetry/receipt-telemetry.js';
export type { ReceiptTracer, ReceiptTracerSpan, ReceiptSpanStartOptions } from './telemetry/receipt-tracer.js';
export {
  ReceiptTelemetryError,
  RECEIPT_TELEMETRY_ERROR_CODES,
  type ReceiptTelemetryErrorCode,
} from './telemetry/receipt-telemetry-error.js';
