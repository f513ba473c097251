import type { LiveModelRecord, ProviderDescriptor } from '@codewhale/core';
import { requestCredential, SecretValue } from '@codewhale/node';
import {
  createHttpClient,
  InvalidHttpRequestError,
  ProviderHttpError,
  type HttpClient,
  type HttpCredential,
  type HttpResponse,
} from '@codewhale/plugin-kit';
import { HUB_ERROR_CODES, HubError } from './hub-error.js';
import type {
  HubAccess,
  HubAnswerSource,
  HubClient,
  HubClientOptions,
  HubModelInfo,
  HubSearchPage,
} from './hub-types.js';
import { isHubRepoId, parseHubFileSizes, parseHubModelInfo, parseHubSearchResults } from './parse-hub-body.js';
import { parseLinkHeader } from './parse-link-header.js';
import { hubInfoToRaw } from './hub-info-raw.js';

/** The Hub's default base URL. */
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
/** Environment variables read for the Hub token, in order. */
export const HUB_TOKEN_ENV_VARS = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const;
/** The provider id under which Hub answers are kept in the live cache. */
export const HUB_CACHE_ID = 'huggingface-hub';
/** Size cap of a model info answer: 8 MiB (the plugin-kit listing cap). */
export const HUB_INFO_MAX_BYTES = 8 * 1024 * 1024;
/** Size cap of a model card: 1 MiB. */
export const HUB_CARD_MAX_BYTES = 1024 * 1024;

/** Size cap of a model's `config.json`: 1 MiB. */
export const HUB_CONFIG_MAX_BYTES = 1024 * 1024;

/** Fields asked for with `expand[]` on model info: what passports use, nothing else (no widget data, no spaces). */
const INFO_FIELDS = [
  'author',
  'cardData',
  'createdAt',
  'disabled',
  'downloads',
  'gated',
  'gguf',
  'inferenceProviderMapping',
  'lastModified',
  'library_name',
  'likes',
  'pipeline_tag',
  'private',
  'safetensors',
  'sha',
  'siblings',
  'tags',
];
const SEARCH_FIELDS = [
  'author',
  'downloads',
  'gated',
  'inferenceProviderMapping',
  'lastModified',
  'library_name',
  'likes',
  'pipeline_tag',
  'tags',
];
const SORTS: ReadonlySet<string> = new Set(['downloads', 'likes', 'lastModified', 'createdAt', 'trendingScore']);
const DEFAULT_TTL_SECONDS = 3600;

// requestCredential builds the header from a descriptor; the Hub takes a Bearer token like the router.
const HUB_DESCRIPTOR: ProviderDescriptor = {
  id: HUB_CACHE_ID,
  displayName: 'Hugging Face Hub',
  class: 'aggregator',
  auth: {
    scheme: 'bearer',
    envVars: [...HUB_TOKEN_ENV_VARS],
    optional: true,
    keyUrl: 'https://huggingface.co/settings/tokens',
  },
  endpoints: { hub: { baseUrl: DEFAULT_HUB_ENDPOINT, protocol: 'chat-completions' } },
  defaultEndpoint: 'hub',
  liveListing: { supported: false },
  modelIds: { style: 'opaque', caseSensitive: true },
};

function invalid(message: string, details: { repo?: string } = {}): HubError {
  return new HubError(HUB_ERROR_CODES.invalidInput, message, details);
}

/** The Hub base URL: absolute http(s), no user info, query or fragment; trailing slashes dropped. */
function hubEndpoint(raw: string, from: string): { base: string; origin: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(`${from} is not an absolute URL; use e.g. ${DEFAULT_HUB_ENDPOINT}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(`${from} must be an http(s) URL, not ${url.protocol}.`);
  if (url.username !== '' || url.password !== '')
    throw invalid(`${from} carries user info; the token goes in HF_TOKEN, never in the URL.`);
  if (url.search !== '' || url.hash !== '') throw invalid(`${from} must not have a query or fragment.`);
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin };
}

function present(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function checkRepo(repo: unknown): string {
  if (typeof repo !== 'string' || !isHubRepoId(repo))
    throw invalid(
      `${typeof repo === 'string' ? JSON.stringify(repo.slice(0, 120)) : 'The repository'} is not a Hub repository id: use owner/name as on the model page (e.g. Qwen/Qwen3-8B).`,
    );
  return repo;
}

function checkRevision(revision: unknown): string | undefined {
  if (revision === undefined) return undefined;
  if (
    typeof revision !== 'string' ||
    revision.trim() === '' ||
    revision.length > 256 ||
    /[\u0000-\u001f\u007f]/.test(revision)
  )
    throw invalid('The revision must be a branch, tag or commit sha (e.g. main, v1.0, or 40 hex digits).');
  return revision;
}

const encodePath = (repo: string): string => repo.split('/').map(encodeURIComponent).join('/');

/**
 * Create a Hugging Face Hub client on plugin-kit's bounded HTTP client: model search (`GET /api/models`, paging through
 * the `Link` header) and model info (`GET /api/models/{repo}[/revision/{rev}]`). The endpoint is `endpoint`, else
 * `HF_ENDPOINT`, else `https://huggingface.co`; the token (`token`, else `HF_TOKEN`, else `HUGGING_FACE_HUB_TOKEN`) is
 * sent only to the Hub's own origin and never across a redirect to another one. A same-origin rename is followed once.
 * Nothing is requested until a method is called.
 * @example
 * const hub = createHubClient();
 * const info = await hub.modelInfo('Qwen/Qwen3-8B');
 */
export function createHubClient(options: HubClientOptions = {}): HubClient {
  const env = options.env ?? process.env;
  const fromEnv = options.endpoint === undefined ? present(env.HF_ENDPOINT) : undefined;
  const { base, origin } = hubEndpoint(
    options.endpoint ?? fromEnv ?? DEFAULT_HUB_ENDPOINT,
    options.endpoint !== undefined ? 'The Hub endpoint' : fromEnv !== undefined ? 'HF_ENDPOINT' : 'The Hub endpoint',
  );
  let secret: SecretValue | undefined;
  let tokenSource = 'none';
  if (options.token !== undefined) {
    if (options.token !== null) {
      if (!(options.token instanceof SecretValue))
        throw invalid('token must be a SecretValue from @codewhale/node (or null for none).');
      secret = options.token;
      tokenSource = 'explicit';
    }
  } else {
    for (const name of HUB_TOKEN_ENV_VARS) {
      const value = present(env[name]);
      if (value !== undefined) {
        secret = new SecretValue(value);
        tokenSource = `env:${name}`;
        break;
      }
    }
  }
  const credential: HttpCredential | undefined = secret
    ? requestCredential(HUB_DESCRIPTOR, 'hub', {
        status: { source: tokenSource === 'explicit' ? 'explicit' : 'env' },
        secret,
      })
    : undefined;
  const ownsClient = options.client === undefined;
  const http: HttpClient =
    options.client ??
    createHttpClient({ userAgent: 'codewhale-hub', ...(options.timeouts ? { timeouts: options.timeouts } : {}) });
  const now = options.now ?? (() => new Date());
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const cache = options.cache;

  const login = 'set HF_TOKEN to a token with read access from https://huggingface.co/settings/tokens';

  /** A plugin-kit failure as a HubError that says what to do. */
  function hubError(error: unknown, what: { label: string; repo?: string; revision?: string }): unknown {
    if (InvalidHttpRequestError.isInstance(error))
      return new HubError(
        HUB_ERROR_CODES.invalidInput,
        `${what.label} cannot be sent: ${error.message}`,
        what.repo ? { repo: what.repo } : {},
        { cause: error },
      );
    if (!ProviderHttpError.isInstance(error)) return error;
    const details = {
      url: error.url,
      ...(what.repo !== undefined ? { repo: what.repo } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.providerMessage !== undefined ? { hubMessage: error.providerMessage } : {}),
    };
    const said = error.providerMessage ? ` The Hub said: ${error.providerMessage}` : '';
    const subject = what.repo ? `${what.repo}${what.revision ? `@${what.revision}` : ''}` : 'the request';
    const page = what.repo ? `${base}/${what.repo}` : base;
    switch (error.kind) {
      case 'http-status':
        if (error.status === 401)
          return new HubError(
            HUB_ERROR_CODES.unauthorized,
            secret
              ? `The Hub refused the token (${tokenSource}) for ${subject} (HTTP 401). Log in again: ${login}. A private repository your account cannot see also answers 401: check the name.${said}`
              : `The Hub answered HTTP 401 for ${subject}: it is private, or there is no such repository. Check the name (owner/name, as on the model page), or log in: ${login}.${said}`,
            details,
            { cause: error },
          );
        if (error.status === 403)
          return new HubError(
            HUB_ERROR_CODES.gated,
            secret
              ? `${subject} is gated and the token's account has no access (HTTP 403): open ${page}, accept the conditions with that account (wait for approval if the authors review requests), then try again. The token also needs read access.${said}`
              : `${subject} is gated (HTTP 403): open ${page}, log in and accept the conditions, then ${login}.${said}`,
            details,
            { cause: error },
          );
        if (error.status === 404)
          return new HubError(
            HUB_ERROR_CODES.notFound,
            `No ${what.repo ? `model ${subject}` : 'such page'} on ${base} (HTTP 404): check the name (owner/name, exactly as on the model page)${what.revision ? ' and the revision' : ''}.${said}`,
            details,
            { cause: error },
          );
        if (error.status === 429) {
          const wait = error.retryAfterMs !== undefined ? ` in ${Math.ceil(error.retryAfterMs / 1000)} s` : ' later';
          return new HubError(
            HUB_ERROR_CODES.rateLimited,
            `The Hub is rate-limiting requests (HTTP 429): try again${wait}.${secret ? '' : ' Logged-in requests get higher limits (HF_TOKEN).'}${said}`,
            details,
            { cause: error },
          );
        }
        return new HubError(HUB_ERROR_CODES.status, `${what.label} returned HTTP ${error.status}.${said}`, details, {
          cause: error,
        });
      case 'invalid-body':
        return new HubError(
          HUB_ERROR_CODES.invalidBody,
          `The Hub's answer to ${what.label} is not JSON (cut short, or not an API answer). Check HF_ENDPOINT (${base}) and try again.`,
          details,
          { cause: error },
        );
      case 'too-large':
        return new HubError(
          HUB_ERROR_CODES.tooLarge,
          `The Hub's answer to ${what.label} is larger than the ${error.limit}-byte limit; stopped reading.`,
          details,
          { cause: error },
        );
      case 'redirect-refused':
        return new HubError(
          HUB_ERROR_CODES.redirectRefused,
          `${what.label} was redirected (HTTP ${error.status}) to ${error.location ?? 'an invalid location'}: not followed, so the token stays on ${origin}.`,
          details,
          { cause: error },
        );
      case 'aborted':
        return new HubError(HUB_ERROR_CODES.aborted, `${what.label} was aborted.`, details, { cause: error });
      default:
        return new HubError(
          HUB_ERROR_CODES.network,
          `Could not reach the Hub at ${base}: ${error.message} Check the connection, or HF_ENDPOINT.`,
          details,
          { cause: error },
        );
    }
  }

  async function get(
    url: URL,
    what: { label: string; repo?: string; revision?: string },
    input: {
      expect?: 'json' | 'text';
      maxBytes: number;
      method?: 'GET' | 'HEAD';
      redirect?: 'error' | 'follow-same-origin';
      signal?: AbortSignal | undefined;
    },
  ): Promise<HttpResponse> {
    // The token goes to the Hub's own origin only (plugin-kit also re-checks it on every hop).
    const sameOrigin = url.origin === origin;
    try {
      return await http.request({
        url: url.href,
        method: input.method ?? 'GET',
        ...(credential && sameOrigin ? { credential } : {}),
        redirect: input.redirect ?? 'error',
        expect: input.expect ?? 'json',
        maxBytes: input.maxBytes,
        providerId: 'hub',
        ...(input.signal ? { signal: input.signal } : {}),
      });
    } catch (error) {
      throw hubError(error, what);
    }
  }

  function source(
    url: URL,
    requested: string,
    revision: string | undefined,
    renamedFrom: string | undefined,
  ): HubAnswerSource {
    return {
      url: `${url.origin}${url.pathname}`,
      requested,
      ...(revision !== undefined ? { revision } : {}),
      ...(renamedFrom !== undefined ? { renamedFrom } : {}),
      fetchedAt: now().toISOString(),
      fromCache: false,
      token: tokenSource,
    };
  }

  function infoUrl(repo: string, revision: string | undefined, query: 'expand' | 'blobs'): URL {
    const url = new URL(
      `${base}/api/models/${encodePath(repo)}${revision !== undefined ? `/revision/${encodeURIComponent(revision)}` : ''}`,
    );
    if (query === 'blobs') url.searchParams.set('blobs', 'true');
    else for (const field of INFO_FIELDS) url.searchParams.append('expand[]', field);
    return url;
  }

  /** The repository a same-origin `Location` names (`<base>/api/models/<owner>/<name>[/revision/<rev>]`), if any. */
  function renamedTo(location: string | undefined): string | undefined {
    if (location === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      return undefined;
    }
    const prefix = `${new URL(base).pathname.replace(/\/+$/, '')}/api/models/`;
    if (url.origin !== origin || !url.pathname.startsWith(prefix)) return undefined;
    const rest = url.pathname.slice(prefix.length).split('/revision/')[0] ?? '';
    let repo: string;
    try {
      repo = rest.split('/').map(decodeURIComponent).join('/');
    } catch {
      return undefined;
    }
    return isHubRepoId(repo) ? repo : undefined;
  }

  function cacheUrl(repo: string, revision: string): string {
    return `${base}/api/models/${encodePath(repo)}/revision/${encodeURIComponent(revision)}`;
  }

  function readCache(repo: string, key: string, revision: string | undefined): HubModelInfo | undefined {
    if (!cache) return undefined;
    let read: ReturnType<typeof cache.read>;
    try {
      read = cache.read(HUB_CACHE_ID, cacheUrl(repo, key));
    } catch {
      return undefined;
    }
    if (read.state !== 'fresh') return undefined;
    const record = read.entry.records[0];
    if (record?.displayName === undefined) return undefined;
    try {
      const raw = JSON.parse(record.displayName) as Record<string, unknown>;
      const renamedFrom = typeof raw._renamedFrom === 'string' ? raw._renamedFrom : undefined;
      const stored = parseHubModelInfo(raw, {
        url: read.entry.provenance.source.replace(/^GET /, ''),
        requested: repo,
        ...(revision !== undefined ? { revision } : {}),
        fetchedAt: read.entry.fetchedAt,
        fromCache: true,
        token: tokenSource,
      });
      return {
        ...stored,
        source: { ...stored.source, ...(renamedFrom !== undefined ? { renamedFrom } : {}) },
      };
    } catch {
      return undefined; // a damaged entry is refetched
    }
  }

  async function writeCache(repo: string, revisions: readonly string[], info: HubModelInfo): Promise<void> {
    if (!cache) return;
    const raw = {
      ...hubInfoToRaw(info),
      ...(info.source.renamedFrom !== undefined ? { _renamedFrom: info.source.renamedFrom } : {}),
    };
    const record = { id: info.id, kind: 'hub-model-info', displayName: JSON.stringify(raw) } satisfies LiveModelRecord;
    for (const revision of new Set(revisions)) {
      try {
        await cache.write({
          providerId: HUB_CACHE_ID,
          baseUrl: cacheUrl(repo, revision),
          records: [record],
          ttlSeconds,
          source: `GET ${info.source.url}`,
        });
      } catch {
        // A cache that cannot be written (read-only dir, a refused secret) never fails the look-up.
      }
    }
  }

  return {
    endpoint: base,
    tokenSource,

    async searchModels(query = {}, requestOptions = {}) {
      let url: URL;
      if (query.after !== undefined) {
        try {
          url = new URL(query.after);
        } catch {
          throw invalid('after must be the `next` link of a previous page.');
        }
        if (url.origin !== origin || url.pathname !== `${new URL(base).pathname.replace(/\/+$/, '')}/api/models`)
          throw invalid(
            `after must be a ${base}/api/models link from a previous page; links to other origins are not followed.`,
          );
      } else {
        url = new URL(`${base}/api/models`);
        const set = (name: string, value: string | undefined) => {
          if (value !== undefined && value.trim() !== '') url.searchParams.append(name, value.trim());
        };
        set('search', query.search);
        set('author', query.author);
        for (const tag of typeof query.filter === 'string' ? [query.filter] : (query.filter ?? [])) set('filter', tag);
        set('pipeline_tag', query.pipelineTag);
        set('inference_provider', query.inferenceProvider);
        for (const app of typeof query.apps === 'string' ? [query.apps] : (query.apps ?? [])) set('apps', app);
        if (query.gated !== undefined) url.searchParams.set('gated', String(query.gated));
        if (query.sort !== undefined) {
          if (!SORTS.has(query.sort)) throw invalid(`sort must be one of ${[...SORTS].join(', ')}.`);
          url.searchParams.set('sort', query.sort);
        }
        const limit = query.limit ?? 20;
        if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
          throw invalid('limit must be an integer from 1 to 1000.');
        url.searchParams.set('limit', String(limit));
        for (const field of SEARCH_FIELDS) url.searchParams.append('expand[]', field);
      }
      const label = `GET ${url.origin}${url.pathname}`;
      const response = await get(url, { label }, { maxBytes: HUB_INFO_MAX_BYTES, signal: requestOptions.signal });
      const context = { url: `${url.origin}${url.pathname}` };
      const models = parseHubSearchResults(response.json, context);
      const next = parseLinkHeader(response.headers.link).next;
      let nextUrl: string | undefined;
      if (next !== undefined) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(next, url);
        } catch {
          parsed = undefined;
        }
        if (parsed === undefined || parsed.origin !== origin)
          throw new HubError(
            HUB_ERROR_CODES.invalidBody,
            `The Hub's Link header points the next page at another origin; it is not followed, so the token stays on ${origin}.`,
            { url: context.url, path: 'Link' },
          );
        nextUrl = parsed.href;
      }
      return { models, url: context.url, ...(nextUrl !== undefined ? { next: nextUrl } : {}) } satisfies HubSearchPage;
    },

    async modelInfo(repoInput, revisionInput, infoOptions = {}) {
      const requested = checkRepo(repoInput);
      const revision = checkRevision(revisionInput);
      const key = revision ?? 'main';
      if (!infoOptions.refresh) {
        const cached = readCache(requested, key, revision);
        if (cached) return cached;
      }
      let repo = requested;
      let renamedFrom: string | undefined;
      let response: HttpResponse;
      let url: URL;
      for (;;) {
        url = infoUrl(repo, revision, 'expand');
        const what = {
          label: `GET ${url.origin}${url.pathname}`,
          repo,
          ...(revision !== undefined ? { revision } : {}),
        };
        try {
          response = await get(url, what, { maxBytes: HUB_INFO_MAX_BYTES, signal: infoOptions.signal });
          break;
        } catch (error) {
          if (!HubError.isInstance(error) || error.code !== HUB_ERROR_CODES.redirectRefused) throw error;
          const cause = error.cause;
          const location = ProviderHttpError.isInstance(cause) ? cause.location : undefined;
          const target = renamedTo(location);
          if (target === undefined || renamedFrom !== undefined || target === repo) {
            const why =
              target === undefined
                ? location !== undefined && !location.startsWith(`${origin}/`)
                  ? `to another origin (${location}): not followed, so the token stays on ${origin}`
                  : `to ${location ?? 'an invalid location'}, which is not a model on this Hub: not followed`
                : 'again after a rename: only one rename is followed';
            throw new HubError(
              HUB_ERROR_CODES.redirectRefused,
              `GET ${url.origin}${url.pathname} was redirected (HTTP ${error.status}) ${why}.`,
              {
                repo: requested,
                ...(error.status !== undefined ? { status: error.status } : {}),
                url: `${url.origin}${url.pathname}`,
              },
            );
          }
          renamedFrom = repo;
          repo = target;
        }
      }
      let info = parseHubModelInfo(response.json, source(url, requested, revision, renamedFrom));
      const hasGguf = info.siblings?.some((file) => /\.gguf$/i.test(file.rfilename)) ?? false;
      if (hasGguf && infoOptions.fileSizes !== false && info.siblings?.some((file) => file.size === undefined)) {
        // expand[] and blobs=true cannot be combined: sizes come from a second answer, at the same commit.
        const sizesUrl = infoUrl(info.id, info.sha ?? revision, 'blobs');
        try {
          const sized = await get(
            sizesUrl,
            { label: `GET ${sizesUrl.origin}${sizesUrl.pathname}`, repo: info.id },
            { maxBytes: HUB_INFO_MAX_BYTES, signal: infoOptions.signal },
          );
          const sizes = parseHubFileSizes(sized.json, { url: `${sizesUrl.origin}${sizesUrl.pathname}`, repo: info.id });
          info = {
            ...info,
            siblings: (info.siblings ?? []).map((file) => {
              const size = file.size ?? sizes.get(file.rfilename);
              return size !== undefined ? { ...file, size } : file;
            }),
          };
        } catch (error) {
          if (!HubError.isInstance(error) || error.code === HUB_ERROR_CODES.aborted) throw error;
          // Sizes stay unknown; the passport says so.
        }
      }
      await writeCache(requested, [key, ...(info.sha !== undefined ? [info.sha] : [])], info);
      return info;
    },

    async modelCard(repoInput, revisionInput, requestOptions = {}) {
      const repo = checkRepo(repoInput);
      const revision = checkRevision(revisionInput) ?? 'main';
      const url = new URL(`${base}/${encodePath(repo)}/resolve/${encodeURIComponent(revision)}/README.md`);
      try {
        const response = await get(
          url,
          { label: `GET ${url.origin}${url.pathname}`, repo, revision },
          {
            expect: 'text',
            maxBytes: HUB_CARD_MAX_BYTES,
            redirect: 'follow-same-origin',
            signal: requestOptions.signal,
          },
        );
        return response.text;
      } catch (error) {
        if (HubError.isInstance(error) && error.code === HUB_ERROR_CODES.notFound) return undefined;
        throw error;
      }
    },

    async modelConfig(repoInput, revisionInput, requestOptions = {}) {
      const repo = checkRepo(repoInput);
      const revision = checkRevision(revisionInput) ?? 'main';
      const url = new URL(`${base}/${encodePath(repo)}/resolve/${encodeURIComponent(revision)}/config.json`);
      try {
        const response = await get(
          url,
          { label: `GET ${url.origin}${url.pathname}`, repo, revision },
          { maxBytes: HUB_CONFIG_MAX_BYTES, redirect: 'follow-same-origin', signal: requestOptions.signal },
        );
        return response.json;
      } catch (error) {
        if (HubError.isInstance(error) && error.code === HUB_ERROR_CODES.notFound) return undefined;
        throw error;
      }
    },

    async checkAccess(repoInput, revisionInput, requestOptions = {}): Promise<HubAccess> {
      const repo = checkRepo(repoInput);
      const revision = checkRevision(revisionInput) ?? 'main';
      const url = new URL(`${base}/${encodePath(repo)}/resolve/${encodeURIComponent(revision)}/config.json`);
      try {
        await get(
          url,
          { label: `HEAD ${url.origin}${url.pathname}`, repo, revision },
          { method: 'HEAD', expect: 'text', maxBytes: 1024, signal: requestOptions.signal },
        );
        return 'granted';
      } catch (error) {
        if (!HubError.isInstance(error)) throw error;
        // A redirect (to the file store) means the file is served; it is not followed.
        if (error.code === HUB_ERROR_CODES.redirectRefused) return 'granted';
        if (error.code === HUB_ERROR_CODES.unauthorized || error.code === HUB_ERROR_CODES.gated)
          return secret ? 'denied' : 'no-token';
        if (error.code === HUB_ERROR_CODES.notFound) return 'not-checked';
        throw error;
      }
    },

    async close() {
      if (ownsClient) await http.close();
    },
  };
}
