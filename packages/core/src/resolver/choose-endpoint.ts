import type { EndpointDecision, RouteEndpoint } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { EndpointDescriptor } from '../schema/provider-descriptor.js';
import { isLoopbackHost, normalizeBaseUrl } from '../url/normalize-base-url.js';
import type { ProviderChoice } from './choose-provider.js';
import { fail, ok, providerTable, type MessageList, type ResolverContext, type Step } from './resolver-context.js';
import type { RouteRequest } from './route-request.js';

/** The endpoint of a route and how it was chosen. */
export interface EndpointChoice {
  readonly endpoint: RouteEndpoint;
  readonly decision: EndpointDecision;
  /** True when the caller pinned the base URL (request or config); such a route never moves to another endpoint. */
  readonly pinned: boolean;
}

// Official endpoints are registry data: normalise each once, not on every resolution.
const officialKeys = new WeakMap<EndpointDescriptor, readonly string[]>();

function officialUrlKeys(endpoint: EndpointDescriptor): readonly string[] {
  let keys = officialKeys.get(endpoint);
  if (!keys) {
    keys = [endpoint.baseUrl, ...(endpoint.alternateBaseUrls ?? [])].flatMap((url) => normalizeBaseUrl(url)?.key ?? []);
    officialKeys.set(endpoint, keys);
  }
  return keys;
}

/**
 * The official endpoint key whose base URL (or alternate) equals `normalizedKey`, if any. Several endpoints can share
 * a base URL (a chat-completions and a responses endpoint at one root): then the wanted key, else the first whose
 * protocol the host can send.
 */
function officialKeyFor(
  provider: RegisteredProvider,
  normalizedKey: string,
  wantedKey: string,
  protocols: ReadonlySet<string>,
): string | undefined {
  const matches = Object.entries(provider.descriptor.endpoints).filter(([, endpoint]) =>
    officialUrlKeys(endpoint).includes(normalizedKey),
  );
  return (matches.find(([key]) => key === wantedKey) ??
    matches.find(([, endpoint]) => protocols.has(endpoint.protocol)) ??
    matches[0])?.[0];
}

/**
 * The descriptor's default endpoint, unless the host cannot send its protocol (the resolver's `protocols` option) and
 * another official endpoint speaks one it can: then the first such endpoint, in the descriptor's order.
 */
function defaultKeyFor(provider: RegisteredProvider, protocols: ReadonlySet<string>): string {
  const { endpoints, defaultEndpoint } = provider.descriptor;
  const declared = Object.hasOwn(endpoints, defaultEndpoint) ? endpoints[defaultEndpoint] : undefined;
  if (!declared || protocols.has(declared.protocol)) return defaultEndpoint;
  return Object.entries(endpoints).find(([, endpoint]) => protocols.has(endpoint.protocol))?.[0] ?? defaultEndpoint;
}

/**
 * Choose the endpoint: the request's base URL > the provider table's `base_url` > the config's root `base_url`
 * (only for the provider the config names, or the one it identified) > the provider's official endpoint.
 * `endpointKey` picks among official endpoints (e.g. an offering served on a provider's Anthropic-compatible endpoint);
 * without it (and without the table's `endpoint`), the default endpoint, or the first that speaks a protocol the host
 * can send.
 */
export function chooseEndpoint(
  context: ResolverContext,
  provider: RegisteredProvider,
  request: RouteRequest,
  providerChoice: ProviderChoice,
  endpointKey: string | undefined,
  messages: MessageList,
): Step<EndpointChoice> {
  const descriptor = provider.descriptor;
  const table = providerTable(context.config, provider);
  const wantedKey = endpointKey ?? table?.endpoint ?? defaultKeyFor(provider, context.protocols);
  if (!Object.hasOwn(descriptor.endpoints, wantedKey)) {
    return fail(
      'invalid-request',
      `Provider "${provider.id}" has no endpoint "${wantedKey}". Its endpoints: ${Object.keys(descriptor.endpoints).join(', ')}.`,
      {
        field: 'baseUrl',
        value: wantedKey,
      },
    );
  }
  const configProvider =
    context.config.provider === undefined ? undefined : context.registry.findProvider(context.config.provider);
  const rootApplies = configProvider?.id === provider.id || providerChoice.inferredFrom === 'config';

  let raw: string | undefined;
  let source: EndpointDecision['source'] = 'official';
  if (request.baseUrl !== undefined) {
    raw = request.baseUrl;
    source = 'explicit';
  } else if (table?.base_url !== undefined) {
    raw = table.base_url;
    source = 'config-provider';
  } else if (context.config.base_url !== undefined && rootApplies) {
    raw = context.config.base_url;
    source = 'config-root';
  }

  if (raw === undefined) {
    const official = descriptor.endpoints[wantedKey];
    const baseUrl = official ? officialUrlKeys(official)[0] : undefined;
    if (!official || baseUrl === undefined)
      return fail(
        'invalid-request',
        `Provider "${provider.id}" declares no usable base URL for endpoint "${wantedKey}".`,
        { field: 'baseUrl' },
      );
    return ok({
      pinned: false,
      endpoint: {
        baseUrl,
        key: wantedKey,
        protocol: official.protocol,
        official: true,
        headers: official.headers ?? {},
      },
      decision: {
        source,
        detail:
          wantedKey === descriptor.defaultEndpoint || endpointKey !== undefined || table?.endpoint !== undefined
            ? `${descriptor.displayName}'s official ${wantedKey} endpoint.`
            : `${descriptor.displayName}'s official ${wantedKey} endpoint: its default ${descriptor.defaultEndpoint} endpoint speaks a protocol this host cannot send.`,
      },
    });
  }

  const normalized = normalizeBaseUrl(raw);
  const where =
    source === 'explicit'
      ? (request.origin?.baseUrl ?? 'the request')
      : source === 'config-provider'
        ? `[providers.${descriptor.configKey ?? descriptor.id}] base_url`
        : 'the config base_url';
  if (!normalized) {
    return fail(
      'invalid-request',
      `The base URL from ${where} is not an absolute http(s) URL. Write it like https://host/v1.`,
      { field: 'baseUrl' },
    );
  }
  if (normalized.hadUserInfo) {
    return fail(
      'invalid-request',
      `The base URL from ${where} contains user info (user:password@). Remove it and configure the key with api_key_env instead; keys never go in URLs.`,
      {
        field: 'baseUrl',
        value: normalized.key,
      },
    );
  }
  if (normalized.hadQuery) {
    return fail(
      'invalid-request',
      `The base URL from ${where} has a query string or fragment. Remove it; keys never go in URLs.`,
      { field: 'baseUrl', value: normalized.key },
    );
  }
  const matchedKey = officialKeyFor(provider, normalized.key, wantedKey, context.protocols);
  // A local runtime's own endpoint is the loopback URL configured for it (or its loopback default). A remote host is
  // never its official endpoint, however it was configured: ambient keys and a "configured" label stay off it.
  const ownLocal = descriptor.class === 'local' && source !== 'explicit' && isLoopbackHost(normalized.hostname);
  const official = matchedKey !== undefined || ownLocal;
  const key = matchedKey ?? wantedKey;
  const declared = descriptor.endpoints[key];
  if (normalized.protocol === 'http:' && !isLoopbackHost(normalized.hostname)) {
    messages.add(
      'warning',
      'plain-http',
      `Requests go over plain http:// to ${normalized.hostname}, a non-loopback host: anything sent, including the key, can be read on the network. Use https://.`,
    );
  }
  const kind = matchedKey !== undefined ? 'official' : ownLocal ? 'configured' : 'custom';
  const detail =
    kind === 'official'
      ? `The base URL from ${where} is ${descriptor.displayName}'s official ${key} endpoint.`
      : kind === 'configured'
        ? `The base URL from ${where} is where you run ${descriptor.displayName}.`
        : `The base URL from ${where} is not ${descriptor.displayName}'s official endpoint: this is a custom route (catalog prices and provider limits do not apply; ambient keys are not sent).`;
  return ok({
    pinned: true,
    endpoint: {
      baseUrl: normalized.key,
      key,
      protocol: declared?.protocol ?? 'chat-completions',
      official,
      headers: declared?.headers ?? {},
    },
    decision: { source, detail },
  });
}
