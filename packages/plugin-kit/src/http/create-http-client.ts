import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { InvalidHttpRequestError } from '../errors/invalid-http-request-error.js';
import { normalizeProviderError } from '../errors/normalize-provider-error.js';
import { ProviderHttpError, type ProviderHttpErrorDetails } from '../errors/provider-http-error.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { describeTransportError, safeCause } from './describe-transport-error.js';
import type { HttpClient, HttpClientOptions, HttpMethod, HttpRequestInput, HttpResponse } from './http-client-types.js';
import { MAX_REDIRECTS, SMALL_BODY_MAX_BYTES } from './http-limits.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { prepareHttpRequest, type PreparedHttpRequest } from './prepare-http-request.js';
import { decodeUtf8, discardBody, readCappedBody } from './read-capped-body.js';
import { RequestDeadline } from './request-deadline.js';
import { sanitizeUrl, urlOrigin } from './sanitize-url.js';

const DEFAULT_USER_AGENT = 'codewhale-plugin-kit';
// Shorter query values (`?limit=100`, `?dedicated=true`) are not redacted from provider messages.
const MIN_QUERY_SECRET = 8;

/** One hop's outcome: an answer to return, or a redirect to follow or refuse. */
type Exchange =
  | { readonly kind: 'response'; readonly response: HttpResponse }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string };

function headerRecord(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The credential value and, for `Bearer <token>`-style values, the token alone (providers echo the bare key). */
function secretsOf(value: string): string[] {
  const token = /^\s*(?:bearer|token|key|basic)\s+(\S+)\s*$/i.exec(value)?.[1];
  return token ? [value, token] : [value];
}

/** Builds the secret-free errors of one request. */
class ErrorFactory {
  readonly #prepared: PreparedHttpRequest;
  readonly #secrets: string[];

  constructor(prepared: PreparedHttpRequest) {
    this.#prepared = prepared;
    this.#secrets = prepared.credential ? secretsOf(prepared.credential.value) : [];
    this.addQuery(prepared.url);
  }

  /** Values to redact: the credential (and its bare token) and the query values of every URL this request used. */
  get secrets(): readonly string[] {
    return this.#secrets;
  }

  /** Treat a URL's query values as secrets too (a provider may echo `?key=...` back in its error body). */
  addQuery(url: URL): void {
    for (const value of url.searchParams.values()) {
      if (value.length >= MIN_QUERY_SECRET && !this.#secrets.includes(value)) this.#secrets.push(value);
    }
  }

  create(problem: string, details: ProviderHttpErrorDetails, cause?: unknown): ProviderHttpError {
    const scrub = (text: string): string => redactSecrets(text, this.#secrets);
    const safe: ProviderHttpErrorDetails = {
      ...details,
      url: scrub(details.url),
      ...(details.location !== undefined ? { location: scrub(details.location) } : {}),
    };
    return new ProviderHttpError(
      scrub(`${this.#prepared.prefix}${problem}`),
      safe,
      cause === undefined ? undefined : { cause },
    );
  }

  /** Turn what undici threw (or the deadline's stop) into the right kind. */
  fromTransport(error: unknown, deadline: RequestDeadline, label: string, url: string): ProviderHttpError {
    const stop = deadline.reason;
    if (stop?.kind === 'aborted' || this.#prepared.signal?.aborted) {
      return this.create(`${label} was aborted.`, { kind: 'aborted', url });
    }
    if (stop?.kind === 'timeout') return this.timeout(label, url, stop.phase, stop.limit);
    const failure = describeTransportError(error);
    // undici's own timer and the deadline can fire together: either way, one message for one condition.
    if (failure.kind === 'timeout' && failure.phase)
      return this.timeout(label, url, failure.phase, this.#prepared.timeouts[`${failure.phase}Ms`], failure.cause);
    if (failure.kind === 'too-large')
      return this.create(`${label} failed: ${failure.summary}.`, { kind: 'too-large', url }, failure.cause);
    return this.create(`${label} failed: ${failure.summary}.`, { kind: 'network', url }, failure.cause);
  }

  timeout(
    label: string,
    url: string,
    phase: 'connect' | 'headers' | 'body',
    limit: number,
    cause?: unknown,
  ): ProviderHttpError {
    const what = {
      connect: 'timed out connecting',
      headers: 'timed out waiting for the response headers',
      body: 'timed out reading the response body',
    }[phase];
    const hint = phase === 'body' ? '' : ' Is the server running and reachable?';
    return this.create(`${label} ${what} after ${limit} ms.${hint}`, { kind: 'timeout', url, phase, limit }, cause);
  }

  tooLarge(label: string, url: string, status: number, limit: number, declared?: number): ProviderHttpError {
    const said = declared !== undefined ? ` (content-length ${declared})` : '';
    return this.create(`${label} returned a body larger than the ${limit}-byte limit${said}; stopped reading.`, {
      kind: 'too-large',
      url,
      status,
      limit,
    });
  }
}

/**
 * Create a bounded HTTP client (undici 7). Each request has a connect, a headers and a total body time limit
 * (default `DEFAULT_HTTP_TIMEOUTS`: 3 s, 10 s, 15 s), a body size cap enforced while streaming (default
 * `LISTING_MAX_BYTES`, 8 MiB), and no redirects unless asked (then same origin only). Every failure is a
 * `ProviderHttpError` whose message, fields and `cause` hold no credential, user info or query string.
 * @example
 * const client = createHttpClient();
 * const { json } = await client.request({ url: 'http://127.0.0.1:8000/v1/models' });
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  // Validate the defaults now, with the same rules as a request, so a bad option fails at construction.
  prepareHttpRequest({ url: 'http://127.0.0.1/' }, options);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== 'string' || userAgent === '' || /[\r\n\0]/.test(userAgent)) {
    throw new InvalidHttpRequestError('option', 'userAgent must be a non-empty string without CR, LF or NUL.');
  }
  const agents = new Map<number, Agent>();
  let closed = false;

  // connect timeout is an Agent option; one Agent per distinct connect limit (normally one). The request's own
  // timer fires first; undici's (about 1 s resolution) only bounds the abandoned connect attempt in the background.
  const agentFor = (connectMs: number): Agent => {
    let agent = agents.get(connectMs);
    if (!agent) {
      agent = new Agent({ connect: { timeout: connectMs } });
      agents.set(connectMs, agent);
    }
    return agent;
  };

  async function exchange(
    prepared: PreparedHttpRequest,
    errors: ErrorFactory,
    url: URL,
    method: HttpMethod,
    body: string | undefined,
  ): Promise<Exchange> {
    const safeUrl = sanitizeUrl(url);
    const label = `${method} ${safeUrl}`;
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: prepared.expect === 'json' ? 'application/json' : '*/*',
      'accept-encoding': 'identity',
      ...prepared.headers,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Per hop: the credential goes only to the origin it was given for.
    if (prepared.credential && urlOrigin(url) === prepared.origin)
      headers[prepared.credential.header] = prepared.credential.value;

    const deadline = new RequestDeadline(prepared.timeouts, prepared.signal);
    try {
      const pending = undiciRequest(url, {
        dispatcher: agentFor(prepared.timeouts.connectMs).compose(deadline.interceptor()),
        method,
        headers,
        body: body ?? null,
        signal: deadline.signal,
        headersTimeout: prepared.timeouts.headersMs,
        bodyTimeout: prepared.timeouts.bodyMs,
      });
      let response: Dispatcher.ResponseData;
      try {
        response = await Promise.race([pending, deadline.stopped]);
      } catch (error) {
        // undici only notices an abort once connected: make sure a late answer is not left open.
        pending.then(
          (late) => discardBody(late.body),
          () => {},
        );
        throw errors.fromTransport(error, deadline, label, safeUrl);
      }

      const status = response.statusCode;
      const responseHeaders = headerRecord(response.headers);
      const location = responseHeaders.location;
      if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
        discardBody(response.body);
        return { kind: 'redirect', status, location };
      }

      if (status < 200 || status >= 300) {
        let parsed: unknown = '';
        try {
          const { bytes } = await readCappedBody(
            response.body,
            Math.min(prepared.maxBytes, SMALL_BODY_MAX_BYTES),
            'truncate',
          );
          const text = decodeUtf8(bytes);
          const json = parseJson(text);
          parsed = json.ok ? json.value : text;
        } catch (error) {
          if (deadline.reason?.kind === 'aborted') throw errors.fromTransport(error, deadline, label, safeUrl);
          // The status is the news; an unreadable error body only loses the provider's message.
        }
        const normalized = normalizeProviderError(status, parsed, errors.secrets);
        const providerMessage = normalized.shape === 'empty' ? undefined : normalized.message;
        const retryAfterMs = parseRetryAfter(responseHeaders['retry-after']);
        throw errors.create(`${label} returned HTTP ${status}${providerMessage ? `: ${providerMessage}` : '.'}`, {
          kind: 'http-status',
          url: safeUrl,
          status,
          ...(providerMessage !== undefined ? { providerMessage } : {}),
          ...((normalized.code ?? normalized.type) !== undefined
            ? { providerCode: normalized.code ?? normalized.type }
            : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }

      const declared = Number(responseHeaders['content-length']);
      if (method !== 'HEAD' && Number.isFinite(declared) && declared > prepared.maxBytes) {
        discardBody(response.body);
        throw errors.tooLarge(label, safeUrl, status, prepared.maxBytes, declared);
      }
      let bytes: Buffer;
      try {
        const capped = await readCappedBody(response.body, prepared.maxBytes, 'stop');
        if (capped.overflow) throw errors.tooLarge(label, safeUrl, status, prepared.maxBytes);
        bytes = capped.bytes;
      } catch (error) {
        if (ProviderHttpError.isInstance(error)) throw error;
        throw errors.fromTransport(error, deadline, label, safeUrl);
      }

      const text = decodeUtf8(bytes);
      let json: unknown;
      if (text.trim() !== '') {
        const parsed = parseJson(text);
        if (parsed.ok) json = parsed.value;
        else if (prepared.expect === 'json') {
          // JSON.parse quotes the body in its message: keep only the error's name.
          throw errors.create(
            `${label} returned HTTP ${status} with a body that is not valid JSON (${bytes.length} bytes).`,
            { kind: 'invalid-body', url: safeUrl, status },
            safeCause(parsed.error),
          );
        }
      }
      return { kind: 'response', response: { status, headers: responseHeaders, text, json, url: safeUrl } };
    } finally {
      deadline.dispose();
    }
  }

  async function request(input: HttpRequestInput): Promise<HttpResponse> {
    const prepared = prepareHttpRequest(input, options);
    const errors = new ErrorFactory(prepared);
    if (closed)
      throw new InvalidHttpRequestError(
        'option',
        `${prepared.prefix}This HTTP client was closed.`,
        sanitizeUrl(prepared.url),
      );
    let url = prepared.url;
    let method = prepared.method;
    let body = prepared.body;
    for (let hop = 0; ; hop += 1) {
      const outcome = await exchange(prepared, errors, url, method, body);
      if (outcome.kind === 'response') return outcome.response;

      const label = `${method} ${sanitizeUrl(url)}`;
      let target: URL | undefined;
      try {
        target = new URL(outcome.location, url);
      } catch {
        target = undefined;
      }
      const location = target ? sanitizeUrl(target) : undefined;
      const refuse = (why: string): never => {
        throw errors.create(`${label} was redirected (HTTP ${outcome.status}) ${why}`, {
          kind: 'redirect-refused',
          url: sanitizeUrl(url),
          status: outcome.status,
          ...(location !== undefined ? { location } : {}),
        });
      };
      if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:'))
        refuse('to an invalid location; not followed.');
      const next = target as URL;
      if (prepared.redirect === 'error')
        refuse(`to ${location}; redirects are not followed. Configure the final URL instead.`);
      if (urlOrigin(next) !== prepared.origin) {
        refuse(
          `to another origin (${location}); only same-origin redirects are followed, so credentials never leave their origin.`,
        );
      }
      if (next.username !== '' || next.password !== '') refuse('to a URL with user info; not followed.');
      if (hop + 1 > MAX_REDIRECTS) refuse(`more than ${MAX_REDIRECTS} times; stopped at ${location}.`);
      // RFC 9110 15.4: 303 turns any method but HEAD into GET; 301/302 turn POST into GET (what every client does).
      if (
        (outcome.status === 303 && method !== 'HEAD') ||
        ((outcome.status === 301 || outcome.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      url = next;
      errors.addQuery(url);
    }
  }

  return {
    request,
    close: async () => {
      closed = true;
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((agent) => agent.close()));
    },
  };
}
