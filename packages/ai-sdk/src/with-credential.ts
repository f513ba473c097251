import type { RouteCredential } from './chat-route.js';

/**
 * A `fetch` that sets one credential header on every request it sends. The key lives only in this closure: it is not
 * a property of any options object or client, so printing or serialising them never shows it.
 */
export function withCredential(
  credential: RouteCredential | undefined,
  base: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  if (!credential) return (input, init) => base(input, init);
  const { header, value } = credential;
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(header, value);
    return base(input, { ...init, headers });
  };
}
