import {
  NoSuchModelError,
  type LanguageModelV4,
  type LanguageModelV4Middleware,
  type ProviderV4,
} from '@ai-sdk/provider';
import type { PluginIds, ProviderPlugin, Registry, RouteResolver } from '@codewhale/core';
import { createFailoverMiddleware, type CodewhaleSession, type FailoverEvent } from './failover-middleware.js';
import { createHostRoutes, type HostRouteOptions, type RouteOptions } from './host-routes.js';
import type { ReceiptOptions } from './route-receipts.js';
import { NoSuchRouteError } from './no-such-route-error.js';
import { routeLanguageModel, type CodewhaleLanguageModel } from './route-language-model.js';

/**
 * A route ref checked against the registered provider ids at compile time: in a literal `provider:model` ref the part
 * before the first `:` must be a registered id (`'deepseeek:deepseek-v4-pro'` does not compile). Refs without a
 * provider (`deepseek-v4-pro`, `auto`), Hugging Face style `org/model:provider` ids and non-literal strings pass and are
 * checked at run time. Provider aliases are accepted at run time only (pass them as a `string`).
 */
export type RouteRefFor<Ref extends string, Id extends string> = string extends Id
  ? Ref
  : string extends Ref
    ? Ref
    : Ref extends `${infer Provider}:${string}`
      ? Provider extends Id | `${string}/${string}`
        ? Ref
        : `Unknown provider "${Provider}" in route ref "${Ref}": use a registered provider id`
      : Ref;

/** Options of {@link createCodewhale}: the host's routes (plugins or registry, config, credentials) and the provider's settings. */
export interface CodewhaleOptions extends HostRouteOptions {
  /**
   * A route session (`createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver })`): every model of the
   * provider then sends on the session's route and fails over through it (see {@link createFailoverMiddleware}).
   */
  readonly session?: CodewhaleSession;
  /** With `session`: the fallback chain (route refs) instead of the config's `fallback` keys. */
  readonly fallback?: readonly string[];
  /** With `session`: hear every failover decision. */
  readonly onFailover?: (event: FailoverEvent) => void;
  /**
   * Route receipts: `openConfiguredLedger(config)` of `@codewhale/node` (or any ledger's `append`). Every request of
   * every model leaves one receipt (route, endpoint origin, key class, usage, cost, timings, bytes; never prompt or
   * completion text). `hashRequestBody` defaults to the config's `[receipts] hash_request_body`.
   */
  readonly ledger?: ReceiptOptions['ledger'];
  /** Host tags on every receipt (session, turn, purpose...), or a function read at each request. */
  readonly receiptTags?: ReceiptOptions['receiptTags'];
  /** Name the AI SDK reports (`<name>.<protocol>`) and reads `providerOptions[name]` under. Default: each route's provider id. */
  readonly name?: string;
  /** Ask for token usage in streamed chat-completions replies (`stream_options.include_usage`). */
  readonly includeUsage?: boolean;
  /** A `fetch` to send with (a proxy-aware one, or a recorder). Redirects to another origin are refused either way. */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * An AI SDK provider (specification `v4`, as `createProviderRegistry` and `customProvider` of `ai` 7 take) whose
 * models are CodeWhale routes. Call it, or its `languageModel`, with a route ref; use `route` to pass `auto`'s purpose,
 * role, requirements or a reasoning level.
 */
export interface CodewhaleProvider<Id extends string = string> extends ProviderV4 {
  /** The model of a route ref (`provider:model`, `model`, `auto`, `provider:auto`); same as `languageModel`. */
  <const Ref extends string>(ref: RouteRefFor<Ref, Id>): CodewhaleLanguageModel;
  /** The model of a route ref, resolved now: a ref that does not resolve throws {@link NoSuchRouteError}. */
  languageModel<const Ref extends string>(ref: RouteRefFor<Ref, Id>): CodewhaleLanguageModel;
  /** The model of a route ref with request options: `route('auto', { purpose: 'review', requires: ['tools'] })`. */
  route<const Ref extends string>(ref: RouteRefFor<Ref, Id>, options?: RouteOptions): CodewhaleLanguageModel;
  /** The resolver every model of this provider (and its failover) resolves through; give it to `createRouteSession`. */
  readonly resolver: RouteResolver;
  /** CodeWhale routes language models only: throws `NoSuchModelError`. */
  embeddingModel(modelId: string): never;
  /** CodeWhale routes language models only: throws `NoSuchModelError`. */
  imageModel(modelId: string): never;
}

/** A model whose calls all go through one middleware (what `wrapLanguageModel` of `ai` does, without loading `ai`). */
function withMiddleware(
  model: CodewhaleLanguageModel,
  middleware: Required<Pick<LanguageModelV4Middleware, 'wrapGenerate' | 'wrapStream'>>,
  session: CodewhaleSession,
): CodewhaleLanguageModel {
  return Object.freeze({
    specificationVersion: 'v4' as const,
    provider: model.provider,
    modelId: model.modelId,
    candidate: model.candidate,
    // Calls go to the session's route once it holds one; its URL support is what counts then.
    supportedUrls: {
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose (the AI SDK awaits `supportedUrls`).
      then: (onFulfilled, onRejected) =>
        Promise.resolve((session.current?.client ?? model).supportedUrls).then(onFulfilled, onRejected),
    } satisfies PromiseLike<Awaited<LanguageModelV4['supportedUrls']>>,
    doGenerate: async (params: Parameters<LanguageModelV4['doGenerate']>[0]) =>
      middleware.wrapGenerate({
        doGenerate: async () => model.doGenerate(params),
        doStream: async () => model.doStream(params),
        params,
        model,
      }),
    doStream: async (params: Parameters<LanguageModelV4['doStream']>[0]) =>
      middleware.wrapStream({
        doGenerate: async () => model.doGenerate(params),
        doStream: async () => model.doStream(params),
        params,
        model,
      }),
  });
}

/**
 * Create an AI SDK provider over CodeWhale routes. `languageModel(ref)` resolves the ref through the resolver at once
 * (a wrong ref throws {@link NoSuchRouteError}, an AI SDK `NoSuchModelError` carrying the resolver's explanation) and
 * returns a model that reads the route's key per request from the credential source, so a rotated key is used at once
 * and no key is kept in the provider or its models. Works inside `createProviderRegistry` (`codewhale:together:…`) and
 * `customProvider` of `ai`. With `session`, models fail over through it.
 *
 * @example
 * ```ts
 * const codewhale = createCodewhale({ plugins: [deepseekPlugin, togetherPlugin], config, credentials });
 * const { text } = await generateText({ model: codewhale('together:deepseek-ai/DeepSeek-V4-Pro'), prompt: 'Hi' });
 * const reviewer = codewhale.route('auto', { purpose: 'review' });
 * ```
 */
export function createCodewhale<const Plugins extends readonly ProviderPlugin[]>(
  options: CodewhaleOptions & { readonly plugins: Plugins; readonly registry?: undefined },
): CodewhaleProvider<PluginIds<Plugins>>;
export function createCodewhale<Id extends string>(
  options: CodewhaleOptions & { readonly registry: Registry<Id>; readonly plugins?: undefined },
): CodewhaleProvider<Id>;
export function createCodewhale(options: CodewhaleOptions): CodewhaleProvider<string> {
  const host = createHostRoutes(options as HostRouteOptions, 'createCodewhale');
  const providerName = options.name ?? 'codewhale';
  const settings = {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.includeUsage === undefined ? {} : { includeUsage: options.includeUsage }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.ledger === undefined
      ? {}
      : {
          ledger: options.ledger,
          hashRequestBody: options.config?.receipts?.hash_request_body === true,
          ...(options.receiptTags === undefined ? {} : { receiptTags: options.receiptTags }),
        }),
  };
  const { session } = options;
  const failover =
    session &&
    createFailoverMiddleware({
      session,
      ...(options.fallback ? { fallback: options.fallback } : {}),
      ...(options.onFailover ? { onFailover: options.onFailover } : {}),
    });

  function route(ref: string, routeOptions: RouteOptions = {}): CodewhaleLanguageModel {
    const refText = String(ref);
    const request = host.requestOf(refText, routeOptions);
    const result = host.resolver.resolve(request);
    if (!result.ok) throw new NoSuchRouteError({ routeRef: refText, routeError: result.error, provider: providerName });
    const model = routeLanguageModel(result.candidate, request, host, settings);
    if (!session || !failover?.wrapGenerate || !failover.wrapStream) return model;
    return withMiddleware(model, { wrapGenerate: failover.wrapGenerate, wrapStream: failover.wrapStream }, session);
  }

  const notLanguage = (modelType: 'embeddingModel' | 'imageModel') => (modelId: string) => {
    throw new NoSuchModelError({
      modelId,
      modelType,
      message: `${providerName} routes language models only; "${modelId}" was asked for as an ${modelType}.`,
    });
  };

  const provider = (ref: string) => route(ref);
  return Object.freeze(
    Object.assign(provider, {
      specificationVersion: 'v4' as const,
      languageModel: (ref: string) => route(ref),
      route,
      resolver: host.resolver,
      embeddingModel: notLanguage('embeddingModel'),
      imageModel: notLanguage('imageModel'),
    }),
  ) as unknown as CodewhaleProvider<string>;
}
