import type { RouteCredential } from './chat-route.js';

/**
 * What a client that insists on a key gets as its key (the openai client, `@ai-sdk/openai`, `@ai-sdk/anthropic`, which
 * would otherwise read `OPENAI_API_KEY` or `ANTHROPIC_API_KEY` from the environment). Never a key, and never sent:
 * {@link withCredential} drops every header that carries it.
 */
export const UNUSED_API_KEY = 'codewhale-unused-placeholder';

/**
 * A `fetch` that sets one credential header on every request it sends, after dropping any header that carries
 * {@link UNUSED_API_KEY} (so a client's placeholder `Authorization` or `x-api-key` never goes out, and a route without
 * a credential sends none). The key lives only in this closure: it is not a property of any options object or client,
 * so printing or serialising them never shows it.
 */
export function withCredential(
  credential: RouteCredential | undefined,
  base: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [name, value] of [...headers]) if (value.includes(UNUSED_API_KEY)) headers.delete(name);
    if (credential) headers.set(credential.header, credential.value);
    return base(input, { ...init, headers });
  };
}
