import {
  explainRoute,
  type ReadyRouteCandidate,
  type RouteError,
  type RouteExplanation,
  type RouteRequest,
} from '@codewhale/core';
import { createHostRoutes, type HostRouteOptions } from './host-routes.js';
import { reasoningBody } from './reasoning-body.js';
import { toOpenAIClientOptions, type OpenAIClientOptions } from './to-openai-client-options.js';

/** Options of {@link prepareRoute}: the host's routes, the route to prepare, and an optional `fetch`. */
export interface PrepareRouteOptions extends HostRouteOptions {
  /**
   * The route: a ref (`together:deepseek-ai/DeepSeek-V4-Pro`, `deepseek-v4-pro`, `auto`, `deepseek:auto`) or a full
   * `RouteRequest` (`{ model: 'auto', purpose: 'review', reasoning: 'high' }`). Default: the config's provider and model.
   */
  readonly route?: string | RouteRequest;
  /** A `fetch` for the client to send with; the credential is added on top of it. Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch;
}

/** A route ready to send with the official `openai` client, or why it did not resolve. */
export type PreparedRoute =
  | {
      readonly ok: true;
      /** The route, as the resolver made it. */
      readonly candidate: ReadyRouteCandidate;
      /** `explainRoute(candidate)`: show it (or `formatRouteExplanation(explanation)`) before the first request. */
      readonly explanation: RouteExplanation;
      /** `new OpenAI(client)`: base URL, fixed headers, the key in its one header (inside `fetch`), no `OPENAI_*` values. */
      readonly client: OpenAIClientOptions;
      /** The wire model id, byte-for-byte: the request's `model`. */
      readonly model: string;
      /** The route's reasoning parameters: spread them into the request body. */
      readonly body: Record<string, unknown>;
    }
  | { readonly ok: false; readonly error: RouteError }
  | {
      readonly ok: false;
      /** The route resolved, but its key is missing: nothing can be sent until it is set (the message says how). */
      readonly error: PrepareRouteCredentialError;
      /** The route that would be used once the key is there. */
      readonly candidate: ReadyRouteCandidate;
      /** Its explanation (auth: missing, with the variable or config key to set). */
      readonly explanation: RouteExplanation;
    };

/** {@link prepareRoute}'s answer for a route that resolved without a usable key. */
export interface PrepareRouteCredentialError {
  readonly kind: 'credential-missing';
  /** Which credential is missing and how to provide it (never a value). */
  readonly message: string;
}

// The protocols the official openai client speaks (`client.chat.completions`, `client.responses`).
const OPENAI_CLIENT_PROTOCOLS = ['chat-completions', 'responses'];

/**
 * Everything before the first request, in one call: resolve the route, explain it, read its key for its endpoint (by
 * the binding rule the resolver used) and build options for the official `openai` client. A request that does not
 * resolve is returned as `{ ok: false, error }` (the resolver's `RouteError`), and so is a route without a key
 * (`error.kind: 'credential-missing'`, with the candidate and its explanation); a key that cannot be read throws
 * `CredentialError`, a route the client cannot take throws `AdapterError`. Routes are limited to the protocols the
 * client speaks (`chat-completions` → `client.chat.completions`, `responses` → `client.responses`) unless `protocols`
 * says otherwise. Pass a `registry` rather than `plugins` when you call it more than once (no re-validation).
 *
 * @example
 * ```ts
 * const route = await prepareRoute({ plugins: [togetherPlugin], config, route: 'together:deepseek-ai/DeepSeek-V4-Pro' });
 * if (!route.ok) throw new Error(route.error.message);
 * const client = new OpenAI(route.client);
 * await client.chat.completions.create({ model: route.model, messages, ...route.body });
 * ```
 */
export async function prepareRoute(options: PrepareRouteOptions): Promise<PreparedRoute> {
  const host = createHostRoutes(
    { ...options, protocols: options.protocols ?? OPENAI_CLIENT_PROTOCOLS },
    'prepareRoute',
  );
  const { route } = options;
  const result =
    typeof route === 'string'
      ? host.resolve(route)
      : host.resolver.resolve(route === undefined ? {} : (route as RouteRequest));
  if (!result.ok) return { ok: false, error: result.error };
  const { candidate } = result;
  if (candidate.auth.source === 'missing') {
    const warning = candidate.validation.messages.find((message) => message.code === 'credential-missing');
    return {
      ok: false,
      error: {
        kind: 'credential-missing',
        message: `${String(candidate)}: ${warning?.message ?? 'no key is configured for this route.'}`,
      },
      candidate,
      explanation: explainRoute(candidate),
    };
  }
  const credential = await host.credentialFor(candidate);
  const client = toOpenAIClientOptions(candidate, {
    ...(credential ? { credential } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    ok: true,
    candidate,
    explanation: explainRoute(candidate),
    client,
    model: candidate.wireModelId,
    body: reasoningBody(candidate),
  };
}
