/** A base URL parsed for comparison: the parts that identify an endpoint, and what was stripped. */
export interface NormalizedBaseUrl {
  /** `scheme://host[:port]/path` with lower-case scheme and host, no default port, no trailing slash. */
  readonly key: string;
  /** Host name, lower-case (IPv6 without brackets), as the URL spells it (a trailing dot is kept: `localhost.` is not `localhost`). */
  readonly hostname: string;
  /** `http:` or `https:`. */
  readonly protocol: string;
  /** The URL carried user info (never part of `key`). */
  readonly hadUserInfo: boolean;
  /** The URL carried a query or fragment (never part of `key`). */
  readonly hadQuery: boolean;
}

/**
 * Parse a base URL for comparison. Case of scheme and host, default ports and trailing slashes are
 * folded; user info, query and fragment are dropped (and flagged). Returns `undefined` for anything
 * that is not an absolute http(s) URL. Hosts are compared exactly, never by prefix or suffix.
 */
export function normalizeBaseUrl(input: string): NormalizedBaseUrl | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    key: `${url.protocol}//${url.host}${path}`,
    hostname,
    protocol: url.protocol,
    hadUserInfo: url.username !== '' || url.password !== '',
    hadQuery: url.search !== '' || url.hash !== '',
  };
}

/**
 * True for loopback hosts: exactly `localhost`, `127.0.0.0/8` and `::1` (IPv6 with or without brackets). Nothing else:
 * `*.localhost` and `localhost.` (trailing dot) are looked up through DNS by Node, which may answer with any address.
 */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
