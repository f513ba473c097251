import type { ReadyRouteCandidate } from '@codewhale/core';
import { adapterCandidate, routeHeaders, type AdapterProtocol, type RouteCredential } from './chat-route.js';
import { redactErrorBodies } from './redact-error-bodies.js';
import { type ReceiptOptions, receiptFetch } from './route-receipts.js';
import { sameOriginFetch } from './same-origin-fetch.js';
import { UNUSED_API_KEY, withCredential } from './with-credential.js';

/** Options of {@link toOpenAIClientOptions}. */
export interface OpenAIClientAdapterOptions extends ReceiptOptions {
  /**
   * The route's key as the one header its endpoint expects, from `requestCredential(...)` of `@codewhale/node`.
   * Required when the route's auth source is a key; refused when it is `not-required`.
   */
  readonly credential?: RouteCredential;
  /**
   * A `fetch` to send with; the credential header is added on top of it. Default: the global `fetch`. It is called with
   * `redirect: 'manual'`: same-origin redirects are followed by the adapter, any to another origin is refused.
   */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Options for `new OpenAI(...)` of the official `openai` package. Pass them as they are: the credential travels in
 * `fetch`, so replacing `fetch` or `defaultHeaders` drops it.
 */
export interface OpenAIClientOptions {
  /** The route's base URL (the client appends `/chat/completions` or `/responses`). */
  readonly baseURL: string;
  /**
   * A placeholder the client requires; it is never sent (`defaultHeaders` removes its `Authorization` header, and
   * `fetch` drops it too).
   */
  readonly apiKey: string;
  /** The endpoint's fixed headers, and `Authorization: null` so the placeholder is never sent. */
  readonly defaultHeaders: Readonly<Record<string, string | null>>;
  /**
   * Sends each request with the bound credential in its one header, never follows a redirect to another origin, and
   * redacts the credential from error answers.
   */
  readonly fetch: typeof globalThis.fetch;
  /** `null` so the client does not read `OPENAI_ORG_ID` and send it to this endpoint. */
  readonly organization: null;
  /** `null` so the client does not read `OPENAI_PROJECT_ID` and send it to this endpoint. */
  readonly project: null;
  /** `null` so the client does not read `OPENAI_WEBHOOK_SECRET`. */
  readonly webhookSecret: null;
}

// The protocols the official openai client speaks: `client.chat.completions` and `client.responses`.
const OPENAI_CLIENT_PROTOCOLS: readonly AdapterProtocol[] = ['chat-completions', 'responses'];

/**
 * Options for the official `openai` Node client that send to the route's base URL with the endpoint's fixed headers and
 * the bound credential in exactly the header the endpoint expects, and nothing from `OPENAI_*` environment variables.
 * A redirect to another origin is refused (the client reports a connection error whose `cause` is an `AdapterError`
 * with code `ADAPTER_REDIRECT_REFUSED`); nothing is sent there. The bound key is redacted from error answers.
 * Use `candidate.wireModelId` as `model` and spread {@link reasoningBody} into the body. Routes on a
 * `chat-completions` endpoint take `client.chat.completions`, routes on a `responses` endpoint `client.responses`
 * (`candidate.endpoint.protocol` says which); `anthropic-messages` routes are refused (`ADAPTER_UNSUPPORTED_PROTOCOL`).
 *
 * @example
 * ```ts
 * const client = new OpenAI(toOpenAIClientOptions(candidate, { credential }));
 * await client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) });
 * // a responses route: await client.responses.create({ model: candidate.wireModelId, input, ...reasoningBody(candidate) });
 * ```
 */
export function toOpenAIClientOptions(
  candidate: ReadyRouteCandidate,
  options: OpenAIClientAdapterOptions = {},
): OpenAIClientOptions {
  const route = adapterCandidate(candidate, 'toOpenAIClientOptions', OPENAI_CLIENT_PROTOCOLS);
  const { credential, headers } = routeHeaders(route, options.credential);
  const defaultHeaders: Record<string, string | null> = { Authorization: null };
  for (const [name, value] of Object.entries(headers)) {
    // Fixed endpoint headers go here; the credential stays in the fetch closure.
    if (!credential || name !== credential.header) defaultHeaders[name] = value;
  }
  return {
    baseURL: route.endpoint.baseUrl,
    apiKey: UNUSED_API_KEY,
    defaultHeaders,
    fetch: withCredential(
      credential,
      redactErrorBodies(credential, sameOriginFetch(String(route), receiptFetch(route, options))),
    ),
    organization: null,
    project: null,
    webhookSecret: null,
  };
}
