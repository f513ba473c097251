export { createOllamaPlugin, ollamaPlugin } from './ollama-plugin.js';
export { createOllamaDescriptor } from './ollama-descriptor.js';
export { OLLAMA_DEFAULT_BASE_URL, type OllamaSettings } from './ollama-settings.js';
export { OLLAMA_ERROR_CODES, OllamaConfigError, type OllamaErrorCode } from './ollama-error-codes.js';
export { ollamaModelIdPolicy, ollamaLookupKey } from './ollama-model-id-policy.js';
export {
  ollamaKnownModels,
  findOllamaKnownModel,
  type OllamaKnownModel,
  type OllamaReasoningTrait,
} from './ollama-known-models.js';
export { parseOllamaModels, parseOllamaShow, fetchOllamaModels, type OllamaShowDetails } from './ollama-discovery.js';
export { probeOllama } from './ollama-health.js';
export { parseOllamaLoadedModels, readOllamaMeter } from './ollama-usage-meter.js';
export { mapOllamaReasoning } from './ollama-reasoning.js';
export { VERSION } from './version.js';
