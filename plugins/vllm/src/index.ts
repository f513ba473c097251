export { createVllmPlugin, vllmPlugin } from './vllm-plugin.js';
export { createVllmDescriptor } from './vllm-descriptor.js';
export {
  VLLM_DEFAULT_BASE_URL,
  VLLM_REASONING_DIALECTS,
  type VllmSettings,
  type VllmReasoningDialect,
} from './vllm-settings.js';
export { VLLM_ERROR_CODES, VllmConfigError, type VllmErrorCode } from './vllm-error-codes.js';
export { vllmModelIdPolicy } from './vllm-model-id-policy.js';
export { vllmKnownModels, findVllmKnownModel, type VllmKnownModel } from './vllm-known-models.js';
export { parseVllmModels } from './vllm-discovery.js';
export { probeVllm } from './vllm-health.js';
export { mapVllmReasoningDialect } from './vllm-reasoning.js';
export { VERSION } from './version.js';
