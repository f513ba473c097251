export { createOpenAICompatiblePlugin } from './openai-compatible-plugin.js';
export type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
export {
  OPENAI_COMPATIBLE_ERROR_CODES,
  OpenAICompatibleConfigError,
  type OpenAICompatibleErrorCode,
} from './openai-compatible-error-codes.js';
export { openAICompatibleModelIdPolicy } from './openai-compatible-model-id-policy.js';
export { parseOpenAICompatibleModels } from './openai-compatible-discovery.js';
export { probeOpenAICompatible } from './openai-compatible-health.js';
export { mapOpenAICompatibleReasoning } from './openai-compatible-reasoning.js';
export { VERSION } from './version.js';
