import type { RouteCredential } from './chat-route.js';

/** What replaces a credential in an error body (the same marker as plugin-kit's `redactSecrets`). */
export const REDACTED = '[redacted]';

// Headers that describe the body as received: the redacted copy is decoded text of another length.
const STALE_HEADERS = ['content-length', 'content-encoding'];

/** The forms a credential can take in a body: the header value, the key after its scheme, and both as JSON-escaped text. */
function secretForms(credential: RouteCredential): string[] {
  const { value } = credential;
  const space = value.indexOf(' ');
  const raw = [value, ...(space > 0 ? [value.slice(space + 1).trim()] : [])];
  const forms = [...raw, ...raw.map((text) => JSON.stringify(text).slice(1, -1))];
  // Longest first, so a key is replaced whole before a shorter form of it is looked for.
  return [...new Set(forms)].filter((form) => form.length >= 4).sort((left, right) => right.length - left.length);
}

/**
 * A `fetch` whose error answers (HTTP status 400 and up) never contain the bound credential: a provider that echoes the
 * key back ("Incorrect API key provided: sk-…") would otherwise put it in the clients' error messages, `responseBody`
 * and `data`. The body of such an answer is read as text and every form of the key is replaced by `[redacted]`.
 * Successful answers (and streams) pass through untouched.
 */
export function redactErrorBodies(
  credential: RouteCredential | undefined,
  base: typeof globalThis.fetch,
): typeof globalThis.fetch {
  if (!credential) return base;
  const forms = secretForms(credential);
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status < 400) return response;
    let text = await response.text();
    for (const form of forms) text = text.split(form).join(REDACTED);
    const headers = new Headers(response.headers);
    for (const name of STALE_HEADERS) headers.delete(name);
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  };
}
