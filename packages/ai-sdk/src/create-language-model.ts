import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ReadyRouteCandidate } from '@codewhale/core';
import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';
import {
  ADAPTER_PROTOCOLS,
  adapterCandidate,
  routeHeaders,
  type AdapterProtocol,
  type RouteCredential,
} from './chat-route.js';
import { withReasoning } from './merge-reasoning.js';
import {
  importProtocolPackage,
  PROTOCOL_PACKAGES,
  type ProtocolLoader,
  type ProtocolModelSettings,
} from './protocol-models.js';
import { redactErrorBodies } from './redact-error-bodies.js';
import { type ReceiptOptions, receiptFetch } from './route-receipts.js';
import { sameOriginFetch } from './same-origin-fetch.js';
import { withCredential } from './with-credential.js';

/**
 * The AI SDK language model {@link createLanguageModel} returns: a `LanguageModelV4` (AI SDK 7) for `generateText`,
 * `streamText`, `wrapLanguageModel`, a provider registry, ...
 */
export type RouteLanguageModel = LanguageModelV4;

/** Options of {@link createLanguageModel}. */
export interface LanguageModelOptions extends ReceiptOptions {
  /**
   * The route's key as the one header its endpoint expects, from `requestCredential(...)` of `@codewhale/node`.
   * Required when the route's auth source is a key (`env`, `config`, `explicit`, `command`, `keyring`); refused when
   * it is `not-required`. Never read from the environment here.
   */
  readonly credential?: RouteCredential;
  /**
   * Name the AI SDK reports (`<name>.chat`, `<name>.responses` or `<name>.messages`, by protocol) and reads
   * `providerOptions[name]` under. Default: the provider id.
   */
  readonly name?: string;
  /**
   * chat-completions only: ask for token usage in streamed replies (`stream_options.include_usage`). Default: off, as
   * in the AI SDK.
   */
  readonly includeUsage?: boolean;
  /**
   * A `fetch` to send with (a proxy-aware one, or a recorder). Default: the global `fetch`. It is called with
   * `redirect: 'manual'`: the adapter follows same-origin redirects itself and refuses any to another origin.
   */
  readonly fetch?: typeof globalThis.fetch;
}

/** A `PromiseLike` that runs `compute` each time it is awaited, and never before (reading it loads nothing). @internal */
export function whenAwaited<T>(compute: () => Promise<T>): PromiseLike<T> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose (the AI SDK awaits `supportedUrls`).
    then: (onFulfilled, onRejected) => compute().then(onFulfilled, onRejected),
  };
}

/**
 * {@link createLanguageModel} with the protocol packages imported by `load` (tests pass one that fails). @internal
 */
export function createRouteLanguageModel(
  candidate: ReadyRouteCandidate,
  options: LanguageModelOptions,
  load: ProtocolLoader,
): RouteLanguageModel {
  const route = adapterCandidate(candidate, 'createLanguageModel', ADAPTER_PROTOCOLS);
  const protocol = route.endpoint.protocol as AdapterProtocol;
  const { credential, headers } = routeHeaders(route, options.credential);
  const label = String(route);
  const fixedHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name !== credential?.header) fixedHeaders[name] = value;
  const spec = PROTOCOL_PACKAGES[protocol];
  const name = options.name ?? route.provider.id;
  const settings: ProtocolModelSettings = {
    name,
    baseUrl: route.endpoint.baseUrl,
    wireModelId: route.wireModelId,
    headers: fixedHeaders,
    // One path for every protocol: the route's reasoning parameters go into the JSON body; the credential goes in its
    // one header (a client's placeholder key is dropped); a redirect to another origin is refused before anything is
    // sent there; the key is redacted from error answers (a provider that echoes it back).
    fetch: withReasoning(
      route.reasoning.params,
      withCredential(credential, redactErrorBodies(credential, sameOriginFetch(label, receiptFetch(route, options)))),
    ),
    ...(options.includeUsage === undefined ? {} : { includeUsage: options.includeUsage }),
  };
  let pending: Promise<LanguageModelV4> | undefined;
  const protocolModel = (): Promise<LanguageModelV4> => {
    pending ??= buildProtocolModel(label, protocol, settings, load).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return Object.freeze({
    specificationVersion: 'v4' as const,
    provider: `${name}.${spec.suffix}`,
    modelId: route.wireModelId,
    supportedUrls: whenAwaited(async () => (await protocolModel()).supportedUrls),
    doGenerate: async (callOptions: Parameters<LanguageModelV4['doGenerate']>[0]) =>
      (await protocolModel()).doGenerate(callOptions),
    doStream: async (callOptions: Parameters<LanguageModelV4['doStream']>[0]) =>
      (await protocolModel()).doStream(callOptions),
  });
}

/** The protocol package's model for `settings`, or `ADAPTER_PROTOCOL_PACKAGE_MISSING` naming the package to install. */
async function buildProtocolModel(
  label: string,
  protocol: AdapterProtocol,
  settings: ProtocolModelSettings,
  load: ProtocolLoader,
): Promise<LanguageModelV4> {
  const spec = PROTOCOL_PACKAGES[protocol];
  let module: unknown;
  try {
    module = await load(protocol);
  } catch (error) {
    throw new AdapterError(
      ADAPTER_ERROR_CODES.PROTOCOL_PACKAGE_MISSING,
      `${label} speaks ${protocol}, which createLanguageModel sends through ${spec.packageName}, and it could not be loaded; nothing was sent. Install it next to @codewhale/ai-sdk: npm install ${spec.packageName}@${spec.range}`,
      { route: label, protocol, cause: error },
    );
  }
  return spec.build(module, settings);
}

/**
 * What a route's model supports (`supportedUrls`), without its key: the protocol model is built with a `fetch` that
 * refuses to send, as nothing is sent to find out. @internal
 */
export async function routeSupportedUrls(
  candidate: ReadyRouteCandidate,
  name: string | undefined,
  load: ProtocolLoader = importProtocolPackage,
): Promise<Awaited<LanguageModelV4['supportedUrls']>> {
  const route = adapterCandidate(candidate, 'createLanguageModel', ADAPTER_PROTOCOLS);
  const label = String(route);
  // Never called: `supportedUrls` is a property of the model, read without a request.
  const refuse = async (): Promise<Response> => {
    throw new Error(`${label}: the model built to read supportedUrls sends nothing.`);
  };
  const settings: ProtocolModelSettings = {
    name: name ?? route.provider.id,
    baseUrl: route.endpoint.baseUrl,
    wireModelId: route.wireModelId,
    headers: {},
    fetch: refuse,
  };
  return await (await buildProtocolModel(label, route.endpoint.protocol as AdapterProtocol, settings, load))
    .supportedUrls;
}

/**
 * A Vercel AI SDK (v7) language model for a route, spoken in the protocol of the route's endpoint:
 * `chat-completions` through `@ai-sdk/openai-compatible`, `responses` through `@ai-sdk/openai`'s Responses model,
 * `anthropic-messages` through `@ai-sdk/anthropic` (each an optional peer dependency, imported on the model's first
 * call; a missing one fails that call with `ADAPTER_PROTOCOL_PACKAGE_MISSING`, naming the package to install). It sends
 * to the candidate's base URL, with its wire model id byte-for-byte, the endpoint's fixed headers plus the bound
 * credential in its one header, and the route's reasoning parameters merged into every request body. Throws
 * `AdapterError` for anything but a resolver-made candidate on one of those protocols, or a credential that disagrees
 * with the route's auth class. Requests never follow a redirect to another origin (the call fails with
 * `ADAPTER_REDIRECT_REFUSED` and nothing is sent there), and the bound key is redacted from error answers, so a
 * provider that echoes it does not put it in the AI SDK's error messages.
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
  return createRouteLanguageModel(candidate, options, importProtocolPackage);
}
