/**
 * `scheme://host[:port]/path` of a URL: never user info, query or fragment, so it is safe in messages and logs.
 * Returns `(invalid URL)` for text that does not parse as an absolute URL.
 */
export function sanitizeUrl(input: string | URL): string {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return '(invalid URL)';
  }
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The origin of a parsed URL (`scheme://host[:port]`), compared by exact string: look-alike hosts differ. */
export function urlOrigin(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
