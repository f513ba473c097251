import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ReadyRouteCandidate, RouteRequest } from '@codewhale/core';
import type { AdapterProtocol } from './chat-route.js';
import { createLanguageModel, routeSupportedUrls, whenAwaited } from './create-language-model.js';
import type { HostRoutes } from './host-routes.js';
import { PROTOCOL_PACKAGES } from './protocol-models.js';
import type { ReceiptOptions } from './route-receipts.js';

/** An AI SDK language model for one resolved route; `candidate` is the route it sends on (explain it with `explainRoute`). */
export interface CodewhaleLanguageModel extends LanguageModelV4 {
  /** The route this model was resolved to (with a session, calls follow the session's route: see `createFailoverMiddleware`). */
  readonly candidate: ReadyRouteCandidate;
}

/** What a route model is made of, kept out of the model object (nothing here can be printed from it). @internal */
export interface RouteModelParts {
  readonly candidate: ReadyRouteCandidate;
  /** The request the route was resolved from (re-resolved by a session, through the same resolver). */
  readonly request: RouteRequest;
  readonly host: HostRoutes;
  /** Build the model of another candidate with the same settings (fallback hops). */
  readonly build: (candidate: ReadyRouteCandidate, request: RouteRequest) => CodewhaleLanguageModel;
}

/** Settings a route model is built with. @internal */
export interface RouteModelSettings extends ReceiptOptions {
  readonly name?: string;
  readonly includeUsage?: boolean;
  readonly fetch?: typeof globalThis.fetch;
}

const parts = new WeakMap<object, RouteModelParts>();

/** The parts of a model `createCodewhale(...)` made, or `undefined` for any other model. @internal */
export function routeModelParts(model: unknown): RouteModelParts | undefined {
  return typeof model === 'object' && model !== null ? parts.get(model) : undefined;
}

/**
 * A language model for a resolved route whose key is read per request: each `doGenerate`/`doStream` asks the host's
 * credential source for the route's endpoint (so a rotated key is used at once, and an unset one fails with
 * `CREDENTIAL_CHANGED` before anything is sent), builds the protocol model with `createLanguageModel`, and drops both
 * when the call ends. The key is never a property of the model or of anything it holds. @internal
 */
export function routeLanguageModel(
  candidate: ReadyRouteCandidate,
  request: RouteRequest,
  host: HostRoutes,
  settings: RouteModelSettings,
): CodewhaleLanguageModel {
  const forThisCall = async () => {
    const credential = await host.credentialFor(candidate);
    return createLanguageModel(candidate, {
      ...(credential ? { credential } : {}),
      ...(settings.name === undefined ? {} : { name: settings.name }),
      ...(settings.includeUsage === undefined ? {} : { includeUsage: settings.includeUsage }),
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      ...(settings.ledger === undefined ? {} : { ledger: settings.ledger }),
      ...(settings.receiptTags === undefined ? {} : { receiptTags: settings.receiptTags }),
      ...(settings.hashRequestBody === undefined ? {} : { hashRequestBody: settings.hashRequestBody }),
    });
  };
  const { protocol } = candidate.endpoint;
  const model: CodewhaleLanguageModel = Object.freeze({
    specificationVersion: 'v4' as const,
    // What createLanguageModel reports for this protocol (`together.chat`), before any call builds it.
    provider: `${settings.name ?? candidate.provider.id}.${PROTOCOL_PACKAGES[protocol as AdapterProtocol]?.suffix ?? protocol}`,
    modelId: candidate.wireModelId,
    candidate,
    // Read without the key: what a protocol model supports does not depend on it.
    supportedUrls: whenAwaited(() => routeSupportedUrls(candidate, settings.name)),
    doGenerate: async (options: Parameters<LanguageModelV4['doGenerate']>[0]) =>
      (await forThisCall()).doGenerate(options),
    doStream: async (options: Parameters<LanguageModelV4['doStream']>[0]) => (await forThisCall()).doStream(options),
  });
  parts.set(model, {
    candidate,
    request,
    host,
    build: (next, nextRequest) => routeLanguageModel(next, nextRequest, host, settings),
  });
  return model;
}
