import type { ReadyRouteCandidate } from '@codewhale/core';
import { createOpenAICompatible, type OpenAICompatibleProvider } from '@ai-sdk/openai-compatible';
import { chatCandidate, routeHeaders, type RouteCredential } from './chat-route.js';
import { mergeReasoning } from './merge-reasoning.js';
import { redactErrorBodies } from './redact-error-bodies.js';
import { sameOriginFetch } from './same-origin-fetch.js';

/** The AI SDK language model {@link createLanguageModel} returns (a `LanguageModelV3` for `generateText`, `streamText`, ...). */
export type RouteLanguageModel = ReturnType<OpenAICompatibleProvider['chatModel']>;

/** Options of {@link createLanguageModel}. */
export interface LanguageModelOptions {
  /**
   * The route's key as the one header its endpoint expects, from `requestCredential(...)` of `@codewhale/node`.
   * Required when the route's auth source is a key (`env`, `config`, `explicit`, `command`, `keyring`); refused when
   * it is `not-required`. Never read from the environment here.
   */
  readonly credential?: RouteCredential;
  /** Name the AI SDK reports (`<name>.chat`) and reads `providerOptions[name]` under. Default: the provider id. */
  readonly name?: string;
  /** Ask for token usage in streamed replies (`stream_options.include_usage`). Default: off, as in the AI SDK. */
  readonly includeUsage?: boolean;
  /**
   * A `fetch` to send with (a proxy-aware one, or a recorder). Default: the global `fetch`. It is called with
   * `redirect: 'manual'`: the adapter follows same-origin redirects itself and refuses any to another origin.
   */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * A Vercel AI SDK language model for a route, through `@ai-sdk/openai-compatible`: the candidate's base URL, its wire
 * model id byte-for-byte, the endpoint's fixed headers plus the bound credential, and the route's reasoning parameters
 * merged into every request body. Throws `AdapterError` for anything but a resolver-made candidate on a
 * `chat-completions` endpoint, or a credential that disagrees with the route's auth class. Requests never follow a
 * redirect to another origin (the call fails with `ADAPTER_REDIRECT_REFUSED` and nothing is sent there), and the bound
 * key is redacted from error answers, so a provider that echoes it does not put it in the AI SDK's error messages.
 *
 * @example
 * ```ts
 * const model = createLanguageModel(candidate, { credential: requestCredential(descriptor, candidate.endpoint.key, resolved) });
 * const { text } = await generateText({ model, prompt: 'Hello' });
 * ```
 */
export function createLanguageModel(
  candidate: ReadyRouteCandidate,
  options: LanguageModelOptions = {},
): RouteLanguageModel {
  const route = chatCandidate(candidate, 'createLanguageModel');
  const { credential, headers } = routeHeaders(route, options.credential);
  const params = route.reasoning.params;
  const provider = createOpenAICompatible({
    name: options.name ?? route.provider.id,
    baseURL: route.endpoint.baseUrl,
    headers,
    // The one hook that sees the final JSON body of both generate and stream calls.
    transformRequestBody: (body) => mergeReasoning(body, params),
    ...(options.includeUsage === undefined ? {} : { includeUsage: options.includeUsage }),
    // Never a redirect to another origin (the prompt and an x-api-key key would go with it), and never the key in an
    // error message (a provider that echoes it back).
    fetch: redactErrorBodies(credential, sameOriginFetch(String(route), options.fetch)),
  });
  return provider.chatModel(route.wireModelId);
}
