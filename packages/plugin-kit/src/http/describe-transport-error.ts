/** What a transport failure was, in secret-free terms. */
export interface TransportFailure {
  /** `timeout` only for undici's own timers (the client's timers normally fire first). */
  readonly kind: 'network' | 'timeout' | 'too-large';
  readonly phase?: 'connect' | 'headers' | 'body';
  /** Human wording, e.g. `connection refused`. */
  readonly summary: string;
  /** A stand-in for the original error, safe to keep as `cause`: its name and code only. */
  readonly cause: Error | undefined;
}

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9]{0,59}$/;
const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,59}$/;

function errorCode(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SAFE_CODE.test(code)) return code;
  // Node's happy-eyeballs connect fails with an AggregateError whose parts carry the codes.
  const parts = (error as { errors?: unknown }).errors;
  if (Array.isArray(parts)) {
    for (const part of parts) {
      if (typeof part === 'object' && part !== null) {
        const inner = errorCode(part);
        if (inner) return inner;
      }
    }
  }
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause === 'object' && cause !== null && cause !== error) {
    const inner = (cause as { code?: unknown }).code;
    if (typeof inner === 'string' && SAFE_CODE.test(inner)) return inner;
  }
  return undefined;
}

/**
 * A secret-free stand-in for an error from undici or Node: a new `Error` with the original's name and code only.
 * undici's and Node's messages can quote the host, the path and sometimes the query; they are dropped.
 */
export function safeCause(error: unknown): Error | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const rawName = (error as { name?: unknown }).name;
  const name = typeof rawName === 'string' && SAFE_NAME.test(rawName) ? rawName : 'Error';
  const code = errorCode(error);
  const stand = new Error(code ? `${name} ${code}` : name);
  stand.name = name;
  if (code) Object.defineProperty(stand, 'code', { value: code, enumerable: true });
  return stand;
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running?)',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'the HTTP client was closed',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EAI_NONAME: 'host name not found (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  ETIMEDOUT: 'connection timed out (operating system)',
  EADDRNOTAVAIL: 'address not available',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response ended before its declared length',
  UND_ERR_NOT_SUPPORTED: 'response not supported',
};

/** Classify an error thrown by undici (or Node's socket layer) into a failure kind with secret-free wording. */
export function describeTransportError(error: unknown): TransportFailure {
  const cause = safeCause(error);
  const code = typeof error === 'object' && error !== null ? errorCode(error) : undefined;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'timeout', phase: 'connect', summary: 'timed out connecting', cause };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { kind: 'timeout', phase: 'headers', summary: 'timed out waiting for the response headers', cause };
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', phase: 'body', summary: 'timed out reading the response body', cause };
    case 'UND_ERR_HEADERS_OVERFLOW':
      return { kind: 'too-large', summary: 'response headers are too large', cause };
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return { kind: 'too-large', summary: 'response body is too large', cause };
    default:
      break;
  }
  if (code !== undefined) {
    const words = NETWORK_WORDS[code];
    if (words) return { kind: 'network', summary: `${words} [${code}]`, cause };
    if (code.startsWith('HPE_')) return { kind: 'network', summary: `malformed HTTP response [${code}]`, cause };
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))
      return { kind: 'network', summary: `TLS failure [${code}]`, cause };
    return { kind: 'network', summary: `request failed [${code}]`, cause };
  }
  return { kind: 'network', summary: 'request failed', cause };
}
