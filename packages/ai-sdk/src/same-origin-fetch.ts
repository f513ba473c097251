import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';

/** Redirects followed within one origin before giving up (plugin-kit's HTTP client allows as many). */
export const MAX_SAME_ORIGIN_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that describe a request body: dropped when a redirect turns the request into a GET (as fetch does).
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** `scheme://host[:port]`: compared as exact strings, so a look-alike host or another port is another origin. */
const originOf = (url: URL): string => `${url.protocol}//${url.host}`;
/** Origin and path only: never user info, query or fragment (a query can carry a token). */
const shown = (url: URL): string => `${originOf(url)}${url.pathname}`;

/**
 * A `fetch` that never follows a redirect to another origin: every hop is sent with `redirect: 'manual'`, a redirect
 * within the origin is followed (at most {@link MAX_SAME_ORIGIN_REDIRECTS} times, with the same headers; 307/308 resend
 * the body, 303 and a POST's 301/302 become a GET without one, as fetch does), and one to another origin throws
 * `AdapterError` (`ADAPTER_REDIRECT_REFUSED`) before anything (prompt, key) is sent there. `base` is resolved at call
 * time (default: the global `fetch`).
 */
export function sameOriginFetch(route: string, base?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const send = base ?? globalThis.fetch;
    const first = input instanceof Request ? input : undefined;
    let url = new URL(first ? first.url : input instanceof URL ? input.href : input);
    let method = (init?.method ?? first?.method ?? 'GET').toUpperCase();
    let next: RequestInit = { ...init, redirect: 'manual' };
    for (let hop = 0; ; hop++) {
      const response = await send(hop === 0 ? input : url.href, next);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return response;
      await response.body?.cancel().catch(() => undefined);
      const refuse = (why: string): never => {
        throw new AdapterError(
          ADAPTER_ERROR_CODES.REDIRECT_REFUSED,
          `${route}: ${method} ${shown(url)} was redirected (HTTP ${response.status}) ${why} Configure the final URL as the route's base URL.`,
          { route },
        );
      };
      const target = URL.canParse(location, url.href) ? new URL(location, url.href) : undefined;
      if (!target) refuse('to a location that is not a URL; it was not followed.');
      const to = target as URL;
      if (originOf(to) !== originOf(url))
        refuse(
          `to another origin (${shown(to)}); requests of a route never follow a redirect to another origin, so nothing was sent there.`,
        );
      if (hop + 1 > MAX_SAME_ORIGIN_REDIRECTS)
        refuse(`more than ${MAX_SAME_ORIGIN_REDIRECTS} times; stopped at ${shown(to)}.`);
      const body = next.body ?? (hop === 0 ? first?.body : undefined) ?? null;
      const toGet =
        (response.status === 303 && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST');
      const headers = new Headers(next.headers ?? first?.headers);
      if (toGet) {
        method = 'GET';
        for (const name of BODY_HEADERS) headers.delete(name);
        next = { ...next, method, headers, body: null };
      } else {
        if (body instanceof ReadableStream)
          refuse(`to ${shown(to)}, and a streamed body cannot be sent twice; it was not followed.`);
        next = { ...next, method, headers, body };
      }
      if (first?.signal && next.signal === undefined) next = { ...next, signal: first.signal };
      url = to;
    }
  };
}
