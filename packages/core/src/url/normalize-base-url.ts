/** A base URL parsed for comparison: the parts that identify an endpoint, and what was stripped. */
export interface NormalizedBaseUrl {
  /** `scheme://host[:port]/path` with lower-case scheme and host, no default port, no trailing slash. */
  readonly key: string;
  /** Host name, lower-case (IPv6 without brackets). */
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
    hostname: hostname.replace(/\.$/, ''),
    protocol: url.protocol,
    hadUserInfo: url.username !== '' || url.password !== '',
    hadQuery: url.search !== '' || url.hash !== '',
  };
}

/** True for loopback hosts: `localhost`, `127.0.0.0/8` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
