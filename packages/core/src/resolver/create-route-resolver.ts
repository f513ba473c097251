import { KNOWN_WIRE_PROTOCOLS } from '../schema/constants.js';
import { createReadyRouteCandidate, type ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import { CodewhaleError } from '../errors/codewhale-error.js';
import type { Registry } from '../registry/registry-types.js';

import type { UserConfig } from '../schema/user-config.js';
import { userConfigIssues } from '../schema/user-config-check.js';
import { chooseAuto } from './auto-select.js';
import { chooseEndpoint, type EndpointChoice } from './choose-endpoint.js';
import { chooseModel } from './choose-model.js';
import { chooseProvider, type ProviderChoice } from './choose-provider.js';
import type { AuthStatus, CredentialSource } from './credential-source.js';
import type { EndpointDecision, RouteEndpoint, RouteProvider, ValidationMessage } from '../candidate/route-facts.js';
import type { LiveSnapshot } from './live-snapshot.js';
import { addCredentialMessages } from './credential-messages.js';
import { fail, MessageList, providerTable, roleTable, routeAuth, type ResolverContext } from './resolver-context.js';
import { mergeCapabilities, mergeLimits, routeMeter } from './route-facts-merge.js';
import { appliedPreference, appliedPurpose, requestedReasoning } from './route-inputs.js';
import { routeReasoning } from './route-reasoning.js';
import type { RouteError, RouteRequest } from './route-request.js';
import { validateRequest } from './validate-request.js';
import { deepFreeze } from '../util/deep-freeze.js';
import { groupDigits } from '../util/group-digits.js';
import { usageDialectOf } from '../usage/usage-dialect-of.js';

/** Options of {@link createRouteResolver}. */
export interface RouteResolverOptions<Id extends string = string> {
  /** The validated catalog. */
  readonly registry: Registry<Id>;
  /** The user's config (intent and overrides). Validated once, here. */
  readonly config?: UserConfig;
  /** Describes which credential each route would use (class only). Without it, keys count as missing. */
  readonly credentials?: CredentialSource;
  /** A snapshot of the live cache (provider-reported limits). */
  readonly live?: LiveSnapshot;
  /** Wire protocols the host can serialise; routes on others fail with `unsupported-protocol`. Default: all known ones. */
  readonly protocols?: readonly string[];
  /**
   * Memoise results by request (default true). A resolver is a snapshot of registry, config, credentials and live
   * data: results are immutable and reused. Pass `false` when your credential source answers differently over time,
   * or create a new resolver when something changes (creating one is cheap).
   */
  readonly cache?: boolean;
}

/** The outcome of a resolution: a candidate, or a typed error. Never both. */
export type RouteResult =
  | { readonly ok: true; readonly candidate: ReadyRouteCandidate }
  | { readonly ok: false; readonly error: RouteError };

/** One hop of a fallback chain and how it resolved. */
export interface ChainHop {
  readonly request: RouteRequest;
  readonly result: RouteResult;
}

/** Every hop of a chain resolved through the same resolver; failed hops are reported, never skipped silently. */
export interface ChainResult {
  readonly hops: readonly ChainHop[];
  /** The first hop that resolved, if any. */
  readonly first: ReadyRouteCandidate | undefined;
}

/** The endpoint a provider's routes use, without choosing a model (for discovery, health and usage reads). */
export type EndpointResult =
  | {
      readonly ok: true;
      readonly provider: RouteProvider;
      readonly endpoint: RouteEndpoint;
      /** Credential class bound to this endpoint (never the value). */
      readonly auth: AuthStatus;
      readonly decision: EndpointDecision;
      readonly messages: readonly ValidationMessage[];
    }
  | { readonly ok: false; readonly error: RouteError };

/** Turns user intent into executable routes. The only maker of {@link ReadyRouteCandidate}. */
export interface RouteResolver {
  /** Resolve one request. Never throws for user mistakes: bad input gives `{ ok: false, error }`. */
  resolve(request?: RouteRequest): RouteResult;
  /** The endpoint (and credential class) a provider's routes would use, by the same rules as `resolve`. */
  endpoint(request: { readonly provider: string; readonly baseUrl?: string }): EndpointResult;
  /** Resolve every hop of a fallback chain. */
  resolveChain(requests: readonly RouteRequest[]): ChainResult;
}

/** Results kept per resolver; past this, the oldest are dropped. */
const CACHE_LIMIT = 512;
const SEPARATOR = '\u0000';

/** A key covering every field that can change a result (unknown fields too: they make it an invalid request). */
function requestKey(request: RouteRequest): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  let key = '';
  for (const name in request) {
    const value = (request as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.includes(SEPARATOR)) return undefined;
    if (typeof value === 'string' || typeof value === 'number')
      key += `${name}=${typeof value === 'number' ? '#' : ''}${value}${SEPARATOR}`;
    else if (name === 'requires' && Array.isArray(value) && value.every((item) => typeof item === 'string'))
      key += `requires=[${value.join(',')}]${SEPARATOR}`;
    else if (name === 'origin' && typeof value === 'object' && value !== null)
      key += `origin=${JSON.stringify(value)}${SEPARATOR}`;
    else return undefined;
  }
  return key;
}

function configError(issues: readonly { path: readonly PropertyKey[]; message: string }[]): CodewhaleError {
  const lines = issues.map((issue) => `- ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  return new CodewhaleError('CONFIG_INVALID', `The config does not match the config schema:\n${lines.join('\n')}`);
}

function rechooseEndpoint(
  context: ResolverContext,
  providerChoice: ProviderChoice,
  request: RouteRequest,
  endpointKey: string | undefined,
  messages: MessageList,
) {
  return chooseEndpoint(context, providerChoice.provider, request, providerChoice, endpointKey, messages);
}

function resolveOne(context: ResolverContext, input: unknown): RouteResult {
  const valid = validateRequest(input);
  if (!valid.ok) return valid;
  const request = valid.value;
  const role = roleTable(context.config, request.role);
  if (request.role !== undefined && !role) {
    const roles = Object.keys(context.config.roles ?? {});
    return fail(
      'invalid-request',
      `Unknown role "${request.role}". ${roles.length ? `Roles in your config: ${roles.join(', ')}.` : 'Your config defines no [roles.<name>] tables.'}`,
      {
        field: 'role',
        value: request.role,
      },
    );
  }
  const messages = new MessageList();
  const providerStep = chooseProvider(context, request, role);
  if (!providerStep.ok) return providerStep;
  let providerChoice = providerStep.value;
  const endpointStep = chooseEndpoint(context, providerChoice.provider, request, providerChoice, undefined, messages);
  if (!endpointStep.ok) return endpointStep;
  let endpointChoice: EndpointChoice = endpointStep.value;

  const modelStep = chooseModel(
    {
      context,
      request,
      role,
      providerChoice,
      endpoint: endpointChoice.endpoint,
      pinnedEndpoint: endpointChoice.pinned,
      messages,
    },
    chooseAuto,
  );
  if (!modelStep.ok) return modelStep;
  const model = modelStep.value;

  // A model that moved the route to another provider takes that provider's own endpoint, never the old base URL.
  if (model.movedTo) {
    providerChoice = model.movedTo;
    const moved = rechooseEndpoint(
      context,
      providerChoice,
      { ...request, baseUrl: undefined },
      model.offering?.endpoint,
      messages,
    );
    if (!moved.ok) return moved;
    endpointChoice = moved.value;
  } else if (model.offering?.endpoint !== undefined && model.offering.endpoint !== endpointChoice.endpoint.key) {
    if (endpointChoice.pinned) {
      messages.add(
        'warning',
        'endpoint-mismatch',
        `${model.offering.wireId} is served on ${providerChoice.provider.id}'s ${model.offering.endpoint} endpoint, but you pinned ${endpointChoice.endpoint.baseUrl}.`,
      );
    } else {
      const moved = rechooseEndpoint(context, providerChoice, request, model.offering.endpoint, messages);
      if (!moved.ok) return moved;
      endpointChoice = moved.value;
    }
  }

  const provider = providerChoice.provider;
  const endpoint = endpointChoice.endpoint;
  if (!context.protocols.has(endpoint.protocol)) {
    return fail(
      'unsupported-protocol',
      `${provider.descriptor.displayName}'s ${endpoint.key} endpoint speaks "${endpoint.protocol}", which this host cannot send. Supported: ${[...context.protocols].join(', ')}.`,
      {
        protocol: endpoint.protocol,
      },
    );
  }

  const table = providerTable(context.config, provider);
  const live = context.live?.model(provider.id, endpoint.baseUrl, model.wireModelId);
  // A pass-through id the provider's own listing recognised (e.g. a runtime's well-known tag) gains the model's profile.
  const recognised =
    !model.canonical && live?.record.canonicalModel ? context.registry.model(live.record.canonicalModel) : undefined;
  if (recognised)
    messages.add(
      'info',
      'recognised-by-listing',
      `${provider.descriptor.displayName}'s listing identifies "${model.wireModelId}" as ${recognised.id}; its model profile facts apply.`,
    );
  const canonical = model.canonical ?? recognised?.id;
  const profile = canonical ? context.registry.model(canonical) : undefined;
  const facts = { offering: model.offering, profile, endpoint, table, live };
  const limits = mergeLimits(facts, messages);
  const capabilities = mergeCapabilities(facts);
  const meter = routeMeter(provider, model.offering, endpoint, messages);
  const routeCredential = routeAuth(context, provider, endpoint.baseUrl, endpoint.official);
  const auth = routeCredential.status;
  const askedReasoning = requestedReasoning(request, role, context.config, provider);
  const reasoning = routeReasoning({
    asked: askedReasoning,
    provider,
    offering: model.offering,
    wireModelId: model.wireModelId,
    endpoint,
    capabilities,
    messages,
  });
  const purpose = appliedPurpose(request, role);
  addCredentialMessages(routeCredential, provider, endpoint, messages);
  const wanted = request.contextTokens;
  if (wanted !== undefined && limits.contextWindow.value !== 'unknown' && limits.contextWindow.value < wanted) {
    messages.add(
      'warning',
      'context-too-small',
      `You need ${groupDigits(wanted)} tokens of context; this route has ${groupDigits(limits.contextWindow.value)}.`,
    );
  }
  if (!model.auto) {
    for (const name of new Set([...(request.requires ?? []), ...(role?.requires ?? [])])) {
      const state = capabilities[name].state;
      if (state !== 'yes')
        messages.add(
          'warning',
          'requirement-unmet',
          `You require ${name}, and this route's ${name} capability is ${state}.`,
        );
    }
  }

  // The declared endpoint's usage dialect (a custom base URL keeps the format of the endpoint it stands in for).
  const declared = Object.hasOwn(provider.descriptor.endpoints, endpoint.key)
    ? provider.descriptor.endpoints[endpoint.key]
    : undefined;
  const usageDialect = usageDialectOf({ protocol: endpoint.protocol, usageDialect: declared?.usageDialect });

  return {
    ok: true,
    candidate: createReadyRouteCandidate({
      provider: { id: provider.id, displayName: provider.descriptor.displayName, class: provider.descriptor.class },
      logicalModel: canonical ?? model.wireModelId,
      canonicalModel: canonical,
      wireModelId: model.wireModelId,
      endpoint,
      ...(usageDialect ? { usageDialect } : {}),
      catalog: `${provider.plugin.id}@${provider.plugin.version}`,
      auth,
      reasoning,
      limits,
      capabilities,
      meter,
      passThrough: model.passThrough,
      fromAuto: model.auto !== undefined,
      messages: messages.all,
      decisions: {
        provider: providerChoice.decision,
        model: model.decision,
        endpoint: endpointChoice.decision,
        ...(model.auto ? { auto: model.auto, preference: appliedPreference(request, role, context.config) } : {}),
        ...(purpose ? { purpose } : {}),
        ...(askedReasoning ? { reasoning: askedReasoning } : {}),
      },
    }),
  };
}

/**
 * Create the resolver: the only code that turns user intent (explicit request, saved config, roles, policy) into a
 * {@link ReadyRouteCandidate}. Pure and synchronous: no I/O; live data and credentials come in as snapshots.
 */
export function createRouteResolver<Id extends string>(options: RouteResolverOptions<Id>): RouteResolver {
  const issues = userConfigIssues(options.config ?? {});
  if (issues.length > 0) throw configError(issues);
  const context: ResolverContext = {
    registry: options.registry as unknown as Registry,
    // A private frozen copy: the host mutating its object later cannot change (or stale) this snapshot.
    config: deepFreeze(structuredClone(options.config ?? {})),
    credentials: options.credentials,
    live: options.live,
    protocols: new Set(options.protocols ?? KNOWN_WIRE_PROTOCOLS),
  };
  const cache = options.cache === false ? undefined : new Map<string, RouteResult>();
  const resolve = (request: RouteRequest = {}): RouteResult => {
    const key = cache ? requestKey(request) : undefined;
    if (key === undefined || !cache) return resolveOne(context, request);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = Object.freeze(resolveOne(context, request));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
    return result;
  };
  const endpoint = (request: { readonly provider: string; readonly baseUrl?: string }): EndpointResult => {
    const valid = validateRequest({
      provider: request.provider,
      ...(request.baseUrl !== undefined ? { baseUrl: request.baseUrl } : {}),
    });
    if (!valid.ok) return valid;
    const messages = new MessageList();
    const providerStep = chooseProvider(context, valid.value, undefined);
    if (!providerStep.ok) return providerStep;
    const chosen = chooseEndpoint(
      context,
      providerStep.value.provider,
      valid.value,
      providerStep.value,
      undefined,
      messages,
    );
    if (!chosen.ok) return chosen;
    const { provider } = providerStep.value;
    const { endpoint: routeEndpoint, decision } = chosen.value;
    const credential = routeAuth(context, provider, routeEndpoint.baseUrl, routeEndpoint.official);
    addCredentialMessages(credential, provider, routeEndpoint, messages);
    return {
      ok: true,
      provider: { id: provider.id, displayName: provider.descriptor.displayName, class: provider.descriptor.class },
      endpoint: routeEndpoint,
      auth: credential.status,
      decision,
      messages: messages.all,
    };
  };
  return Object.freeze({
    resolve,
    endpoint,
    resolveChain(requests: readonly RouteRequest[]): ChainResult {
      const hops = requests.map((request) => ({ request, result: resolve(request) }));
      const first = hops.find((hop) => hop.result.ok)?.result;
      return { hops, first: first?.ok ? first.candidate : undefined };
    },
  });
}
