export { createLanguageModel, type LanguageModelOptions, type RouteLanguageModel } from './create-language-model.js';
export {
  toOpenAIClientOptions,
  type OpenAIClientAdapterOptions,
  type OpenAIClientOptions,
} from './to-openai-client-options.js';
export { reasoningBody } from './reasoning-body.js';
export { ADAPTER_PROTOCOLS, type AdapterProtocol, type RouteCredential } from './chat-route.js';
export { AdapterError, ADAPTER_ERROR_CODES, type AdapterErrorCode } from './adapter-error.js';
export {
  createCodewhale,
  type CodewhaleOptions,
  type CodewhaleProvider,
  type RouteRefFor,
} from './create-codewhale.js';
export type { CodewhaleLanguageModel } from './route-language-model.js';
export type { HostRouteOptions, RouteOptions } from './host-routes.js';
export { NoSuchRouteError } from './no-such-route-error.js';
export {
  createFailoverMiddleware,
  classifyFailure,
  type CodewhaleSession,
  type FailoverEvent,
  type FailoverMiddlewareOptions,
  type FailureClass,
} from './failover-middleware.js';
export {
  prepareRoute,
  type PrepareRouteOptions,
  type PreparedRoute,
  type PrepareRouteCredentialError,
} from './prepare-route.js';
