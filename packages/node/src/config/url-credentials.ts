import { REDACTED } from '@codewhale/plugin-kit';

// Query parameter names that carry credentials, compared without case, `-` and `_` (`X-Amz-Signature`, `access_token`).
const EXACT = new Set(['key', 'sig', 'auth', 'pwd', 'pass', 'authorization', 'code']);
const SUFFIXES = [
  'token',
  'key',
  'secret',
  'password',
  'passwd',
  'signature',
  'credential',
  'credentials',
  'apikey',
  'session',
];

/** True for a query parameter name that carries a credential (`token`, `api_key`, `access_token`, `sig`, `password`…). */
export function isCredentialParameter(name: string): boolean {
  const folded = name.toLowerCase().replace(/[-_.\s]/g, '');
  return EXACT.has(folded) || SUFFIXES.some((suffix) => folded.endsWith(suffix));
}

const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** What in a URL is a credential: user info (`user:pass@`) and the names of credential-like query (or fragment) parameters. */
export interface UrlCredentials {
  readonly userInfo: boolean;
  readonly parameters: readonly string[];
}

/** The credential parts of a URL string, or `undefined` when it is not an absolute URL with an authority. Never returns values. */
export function urlCredentials(value: string): UrlCredentials | undefined {
  if (!URL_LIKE.test(value.trim())) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  const parameters = [...paramNames(url.search.slice(1)), ...paramNames(url.hash.slice(1))].filter(
    isCredentialParameter,
  );
  return { userInfo: url.username !== '' || url.password !== '', parameters: [...new Set(parameters)] };
}

function paramNames(query: string): string[] {
  if (!query.includes('=')) return [];
  return query.split('&').map((part) => safeDecode(part.split('=', 1)[0] ?? ''));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactParams(query: string): string {
  if (!query.includes('=')) return query;
  return query
    .split('&')
    .map((part) => {
      const name = part.split('=', 1)[0] ?? '';
      return part.includes('=') && isCredentialParameter(safeDecode(name)) ? `${name}=${REDACTED}` : part;
    })
    .join('&');
}

/**
 * A URL with its credentials replaced by `[redacted]`: user info (`https://[redacted]@host/…`) and the values of
 * credential-like query and fragment parameters (`?token=[redacted]&page=2`). Anything that is not an absolute URL is
 * returned unchanged. For showing config values (`codewhale-route config show`).
 */
export function redactUrlCredentials(value: string): string {
  const found = urlCredentials(value);
  if (!found || (!found.userInfo && found.parameters.length === 0)) return value;
  const url = new URL(value.trim());
  const search = url.search ? `?${redactParams(url.search.slice(1))}` : '';
  const hash = url.hash ? `#${redactParams(url.hash.slice(1))}` : '';
  return `${url.protocol}//${found.userInfo ? `${REDACTED}@` : ''}${url.host}${url.pathname}${search}${hash}`;
}

/**
 * A copy of a config (or any parsed TOML/JSON value) where every URL-valued string has its credentials redacted
 * ({@link redactUrlCredentials}); other values are kept as they are. Tables of the copy have no prototype.
 */
export function redactConfigUrls<T>(config: T): T {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return redactUrlCredentials(value);
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      const copy = Object.create(null) as Record<string, unknown>;
      for (const [key, item] of Object.entries(value)) copy[key] = visit(item);
      return copy;
    }
    return value;
  };
  return visit(config) as T;
}
