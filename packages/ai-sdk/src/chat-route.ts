import { authLabel, isReadyRouteCandidate, type ReadyRouteCandidate } from '@codewhale/core';
import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';

/**
 * The key of a route, as the one header its endpoint expects: `authorization` + `Bearer …` or `x-api-key` + `…`.
 * `requestCredential(...)` from `@codewhale/node` makes one; the adapters send it and never store or print it.
 */
export interface RouteCredential {
  /** Header name, e.g. `authorization` or `x-api-key`. */
  readonly header: string;
  /** The full header value, e.g. `Bearer sk-…`. */
  readonly value: string;
}

/** The wire protocols `createLanguageModel` speaks (each through its own AI SDK package). */
export const ADAPTER_PROTOCOLS = ['chat-completions', 'responses', 'anthropic-messages'] as const;
/** One wire protocol the adapters speak. */
export type AdapterProtocol = (typeof ADAPTER_PROTOCOLS)[number];

/** The headers a route carries (fixed endpoint headers plus the bound credential), and the credential alone. */
export interface RouteHeaders {
  readonly credential: RouteCredential | undefined;
  readonly headers: Record<string, string>;
}

// The headers of the auth schemes a provider descriptor can declare (bearer, x-api-key). A value is visible ASCII,
// spaces, tabs or obs-text: never CR, LF or NUL.
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key']);
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;
const KEY_SOURCES = new Set(['explicit', 'env', 'config', 'command', 'keyring']);

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object')
    return 'an object that the resolver did not make (a JSON copy, a spread or a look-alike)';
  return `a ${typeof value}`;
}

function checkCredential(value: unknown, label: string): RouteCredential {
  // Never echo any part of the value: a swapped header and value would print the key.
  const fail = (what: string) =>
    new AdapterError(
      ADAPTER_ERROR_CODES.INVALID_CREDENTIAL,
      `${label}: options.credential ${what}. Pass the { header, value } pair from requestCredential(...) of @codewhale/node.`,
      {
        route: label,
      },
    );
  if (typeof value !== 'object' || value === null) throw fail('must be an object');
  const { header, value: headerValue } = value as Record<string, unknown>;
  if (typeof header !== 'string' || !CREDENTIAL_HEADERS.has(header.toLowerCase()))
    throw fail('must name the header authorization or x-api-key');
  if (typeof headerValue !== 'string' || headerValue.trim() === '' || !HEADER_VALUE.test(headerValue))
    throw fail('has an empty value or one that cannot go in an HTTP header');
  return { header, value: headerValue };
}

/** An English list: `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Check that `value` is a real candidate on an endpoint whose protocol is one of `protocols` (what the calling adapter
 * speaks). Throws {@link AdapterError}.
 */
export function adapterCandidate(
  value: unknown,
  adapter: string,
  protocols: readonly AdapterProtocol[],
): ReadyRouteCandidate {
  if (!isReadyRouteCandidate(value)) {
    throw new AdapterError(
      ADAPTER_ERROR_CODES.NOT_A_CANDIDATE,
      `${adapter} takes a ReadyRouteCandidate from createRouteResolver(...).resolve(...); it got ${kindOf(value)}. Resolve the route and pass result.candidate.`,
    );
  }
  const candidate = value;
  const label = String(candidate);
  const { protocol, baseUrl } = candidate.endpoint;
  if (!(protocols as readonly string[]).includes(protocol)) {
    const names = protocols.map((name) => `'${name}'`).join(', ');
    throw new AdapterError(
      ADAPTER_ERROR_CODES.UNSUPPORTED_PROTOCOL,
      `${label} speaks ${protocol} at ${baseUrl}, but ${adapter} speaks ${listed(protocols)} only. Resolve with createRouteResolver({ ..., protocols: [${names}] }): the resolver then takes a provider endpoint that speaks one of them, or fails at resolution.`,
      { route: label, protocol },
    );
  }
  return candidate;
}

/**
 * The headers of a route: the endpoint's fixed headers plus the credential, which must agree with the route's
 * auth class. Throws {@link AdapterError}; nothing is sent when it throws.
 */
export function routeHeaders(candidate: ReadyRouteCandidate, credential: unknown): RouteHeaders {
  const label = String(candidate);
  const { baseUrl } = candidate.endpoint;
  const bound = credential === undefined ? undefined : checkCredential(credential, label);
  const { source } = candidate.auth;
  if (source === 'missing') {
    throw new AdapterError(
      ADAPTER_ERROR_CODES.CREDENTIAL_MISSING,
      `${label}: the resolver found no key for ${candidate.provider.displayName} at ${baseUrl} (auth: missing), so nothing was sent. Set the provider's key variable (official endpoints) or api_key_env in its [providers.…] table (custom base URLs), or auth_mode = "none" if the endpoint takes no key, then resolve again.`,
      { route: label },
    );
  }
  if (KEY_SOURCES.has(source) && !bound) {
    throw new AdapterError(
      ADAPTER_ERROR_CODES.CREDENTIAL_MISSING,
      `${label} uses a key (auth: ${authLabel(candidate.auth)}), but options.credential was not passed, so nothing was sent. Pass requestCredential(descriptor, candidate.endpoint.key, await credentials.resolve(query)) from @codewhale/node.`,
      { route: label },
    );
  }
  if (!KEY_SOURCES.has(source) && bound) {
    throw new AdapterError(
      ADAPTER_ERROR_CODES.CREDENTIAL_NOT_EXPECTED,
      `${label} takes no key (auth: ${authLabel(candidate.auth)}), but options.credential was passed; nothing was sent. Leave it out, or configure the key for this provider and resolve again.`,
      { route: label },
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(candidate.endpoint.headers)) {
    if (!bound || name.toLowerCase() !== bound.header.toLowerCase()) headers[name] = headerValue;
  }
  if (bound) headers[bound.header] = bound.value;
  return { credential: bound, headers };
}
