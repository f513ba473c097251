export { createSglangPlugin, sglangPlugin } from './sglang-plugin.js';
export { createSglangDescriptor } from './sglang-descriptor.js';
export {
  SGLANG_DEFAULT_BASE_URL,
  SGLANG_REASONING_DIALECTS,
  type SglangSettings,
  type SglangReasoningDialect,
} from './sglang-settings.js';
export { SGLANG_ERROR_CODES, SglangConfigError, type SglangErrorCode } from './sglang-error-codes.js';
export { sglangModelIdPolicy } from './sglang-model-id-policy.js';
export { sglangKnownModels, findSglangKnownModel, type SglangKnownModel } from './sglang-known-models.js';
export { parseSglangModels } from './sglang-discovery.js';
export { probeSglang } from './sglang-health.js';
export { mapSglangReasoningDialect } from './sglang-reasoning.js';
export { VERSION } from './version.js';
