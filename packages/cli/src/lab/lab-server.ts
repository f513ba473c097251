import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv4, isIPv6 } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { CliError, EXIT_CODES, usageError } from '../cli/exit-codes.js';
import { terminalSafeJson } from '../cli/terminal-text.js';
import { HTTP_STATUS } from './http-status.js';
import { LAB_API } from './lab-api.js';
import { type EndpointContext, isLabEndpoint, runEndpoint } from './run-endpoint.js';

/** How to start the lab's server. */
export interface LabServerOptions extends EndpointContext {
  /** The front end's build (`dist/lab/`): index.html and assets/. */
  readonly assetsDir: string;
  /** Address to bind (default 127.0.0.1); anything but loopback needs `expose`. */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** Allow a host that is not loopback (the token is still required). */
  readonly expose?: boolean;
  /** The CLI's version, for /api/meta. */
  readonly version: string;
  /** More of /api/meta (catalog stamp, ledger folder), read on each request; never secrets. */
  readonly meta?: () => Promise<Readonly<Record<string, unknown>>>;
  /** Where a warning goes (exposure, a failed request): the CLI's sanitised stderr. */
  readonly warn?: (message: string) => void;
}

/** A running lab server. */
export interface LabServer {
  /** `http://127.0.0.1:<port>` (the address to reach it by). */
  readonly origin: string;
  /** The origin with the token, `origin/?token=…`: opening it sets the session cookie. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const JSON_TYPE = 'application/json; charset=utf-8';
const TOKEN_PLACEHOLDER = '%CODEWHALE_LAB_TOKEN%';

/** Whether an address is loopback: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (isIPv4(bare)) return bare.split('.')[0] === '127';
  return isIPv6(bare) && (bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare));
}

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]';

/** A host as it appears in a URL or a Host header (IPv6 in brackets), lower case. */
const urlHost = (host: string): string => (isIPv6(host) ? `[${host}]` : host).toLowerCase();

/** The error document of a refusal (cli-error.schema.json). */
function refusal(code: string, message: string): unknown {
  return { schemaVersion: 1, error: { category: 'usage', exitCode: EXIT_CODES.usage, code, message } };
}

/** Compare two secrets in constant time (their digests, so different lengths take the same time). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}

/** The file under `root` a URL path names, or undefined: no traversal, no dotfiles, no symlink leaving the root. */
function staticFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  if (!file.startsWith(root + sep)) return undefined;
  try {
    const real = realpathSync(file);
    if (!real.startsWith(realpathSync(root) + sep) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** index.html with the token in `<meta name="codewhale-lab-token">`, for the page's Authorization header. */
function pageWithToken(html: string, token: string): string {
  if (html.includes(TOKEN_PLACEHOLDER)) return html.split(TOKEN_PLACEHOLDER).join(token);
  const meta = `<meta name="codewhale-lab-token" content="${token}">`;
  const head = html.search(/<\/head>/i);
  return head >= 0 ? `${html.slice(0, head)}${meta}\n${html.slice(head)}` : `${meta}\n${html}`;
}

/**
 * Start the lab's HTTP server: the page, its assets and the JSON API, behind a per-run token. Every request must name
 * an allowed Host (DNS rebinding) and carry the token (Authorization header, or for the page and its assets the cookie
 * `GET /?token=` sets); the API needs the header; a POST from another origin is refused; no CORS header is ever sent.
 * Commands run one at a time, in this process.
 */
export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const host = options.host ?? '127.0.0.1';
  const expose = options.expose === true;
  if (!isLoopbackHost(host) && !expose)
    throw new CliError('usage', `The lab serves only on loopback; ${host} is not a loopback address.`, {
      code: 'lab-not-loopback',
      hint: 'add --expose to serve on another address (anyone who can reach it still needs the token).',
    });
  const root = resolve(options.assetsDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile))
    throw new CliError('internal', `The lab's page is missing: ${indexFile} does not exist.`, {
      code: 'lab-assets-missing',
      hint: 'Rebuild the CLI with its front end (pnpm turbo run build --filter=@codewhale/cli), or reinstall it.',
    });
  if (expose && !isLoopbackHost(host))
    options.warn?.(
      `The lab listens on ${host}: anyone who can reach this address and has the token can use it. Share the token with no one.`,
    );

  const token = randomBytes(32).toString('base64url');
  // The page is read once: its token is this run's, and its assets are content-hashed.
  const page = pageWithToken(readFileSync(indexFile, 'utf8'), token);
  let port = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const allowedHosts = (): Set<string> =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${urlHost(host)}:${port}`]);

  const send = (
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: OutgoingHttpHeaders = {},
  ): void => {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': Buffer.byteLength(body), ...headers });
    response.end(body);
  };
  const sendJson = (response: ServerResponse, status: number, value: unknown, headers: OutgoingHttpHeaders = {}) =>
    send(response, status, `${terminalSafeJson(JSON.stringify(value, null, 2))}\n`, {
      'Content-Type': JSON_TYPE,
      'Cache-Control': 'no-store',
      ...headers,
    });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // The body is never read: parameters are in the query.
    request.resume();
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    if (!(expose && isWildcard(host)) && !allowedHosts().has(hostHeader))
      return sendJson(response, HTTP_STATUS.forbidden, refusal('lab-host', 'This Host is not served.'));
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST')
      return sendJson(response, HTTP_STATUS.methodNotAllowed, refusal('lab-method', `${method} is not allowed.`), {
        Allow: 'GET, POST',
      });
    const origin = request.headers.origin;
    if (method === 'POST' && origin !== undefined && origin.toLowerCase() !== `http://${hostHeader}`)
      return sendJson(response, HTTP_STATUS.forbidden, refusal('lab-origin', 'This Origin is not served.'));

    const url = new URL(request.url ?? '/', 'http://lab.invalid');
    const path = url.pathname;
    const cookieName = `codewhale_lab_${port}`;
    const queryToken = url.searchParams.get('token');
    if (method === 'GET' && path === '/' && queryToken !== null) {
      if (!sameSecret(queryToken, token))
        return sendJson(response, HTTP_STATUS.unauthorized, refusal('lab-token', 'A valid token is required.'));
      return send(response, HTTP_STATUS.seeOther, '', {
        Location: '/',
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
    }
    const headerToken = bearer(request.headers.authorization);
    const byHeader = headerToken !== undefined && sameSecret(headerToken, token);
    const cookieToken = cookieValue(request.headers.cookie, cookieName);
    const byCookie = cookieToken !== undefined && sameSecret(cookieToken, token);
    const api = path === '/api' || path.startsWith('/api/');
    if (!(byHeader || (byCookie && !api)))
      return sendJson(response, HTTP_STATUS.unauthorized, refusal('lab-token', 'A valid token is required.'));

    if (api) {
      const name = path.slice('/api/'.length);
      if (name === 'meta') {
        if (method !== 'GET')
          return sendJson(
            response,
            HTTP_STATUS.methodNotAllowed,
            refusal('lab-method', `${method} is not allowed here.`),
            { Allow: 'GET' },
          );
        const extra = (await options.meta?.()) ?? {};
        return sendJson(response, HTTP_STATUS.ok, {
          schemaVersion: 1,
          version: options.version,
          ...extra,
          endpoints: LAB_API,
        });
      }
      if (!isLabEndpoint(name))
        return sendJson(response, HTTP_STATUS.notFound, refusal('lab-not-found', 'No such endpoint.'));
      const endpoint = LAB_API[name];
      if (method !== endpoint.method)
        return sendJson(
          response,
          HTTP_STATUS.methodNotAllowed,
          refusal('lab-method', `${method} is not allowed here.`),
          {
            Allow: endpoint.method,
          },
        );
      const result = await oneAtATime(() => runEndpoint(name, url.searchParams, options));
      return sendJson(response, result.status, result.body, { 'X-CodeWhale-Exit-Code': String(result.exitCode) });
    }

    if (method !== 'GET')
      return sendJson(response, HTTP_STATUS.methodNotAllowed, refusal('lab-method', `${method} is not allowed here.`), {
        Allow: 'GET',
      });
    if (path === '/' || path === '/index.html') {
      return send(response, HTTP_STATUS.ok, page, {
        'Content-Type': CONTENT_TYPES['.html'],
        'Cache-Control': 'no-store',
      });
    }
    const file = staticFile(root, path);
    const type = file ? CONTENT_TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) return sendJson(response, HTTP_STATUS.notFound, refusal('lab-not-found', 'Not found.'));
    const hashed = path.startsWith('/assets/');
    return send(response, HTTP_STATUS.ok, readFileSync(file), {
      'Content-Type': type,
      'Cache-Control':
        type === CONTENT_TYPES['.html'] ? 'no-store' : hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.warn?.(`The lab could not answer a request (${error instanceof Error ? error.message : String(error)}).`);
      if (!response.headersSent)
        sendJson(response, HTTP_STATUS.internal, refusal('lab-internal', 'The lab could not answer.'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      reject(
        error.code === 'EADDRINUSE'
          ? usageError(`Port ${options.port ?? 0} on ${host} is taken.`, 'Choose another --port.', 'lab-port-taken')
          : error.code === 'EADDRNOTAVAIL'
            ? usageError(
                `${host} is not an address of this machine.`,
                'Give --host an address of this machine.',
                'lab-host-unavailable',
              )
            : error,
      );
    };
    const listening = () => {
      server.off('error', failed);
      resolveListen();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(options.port ?? 0, host);
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => options.warn?.(`The lab's server failed (${error.message}).`));
  const reachBy = isWildcard(host) ? '127.0.0.1' : urlHost(host);
  const origin = `http://${reachBy}:${port}`;
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
