export { createLanguageModel, type LanguageModelOptions, type RouteLanguageModel } from './create-language-model.js';
export {
  toOpenAIClientOptions,
  type OpenAIClientAdapterOptions,
  type OpenAIClientOptions,
} from './to-openai-client-options.js';
export { reasoningBody } from './reasoning-body.js';
export type { RouteCredential } from './chat-route.js';
export { AdapterError, ADAPTER_ERROR_CODES, type AdapterErrorCode } from './adapter-error.js';
