import { CAPABILITY_NAMES } from '../schema/constants.js';
import type {
  RouteCapabilities,
  RouteCapability,
  RouteEndpoint,
  RouteLimit,
  RouteLimits,
} from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { CapabilityFact, TokenLimit } from '../schema/facts.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { UsageMeter } from '../schema/usage-meter.js';
import type { ProviderConfig } from '../schema/user-config.js';
import type { LiveModelView } from './live-snapshot.js';
import type { MessageList } from './resolver-context.js';
import { groupDigits } from '../util/group-digits.js';

/** The facts that apply to a route: offering facts only on the official endpoint; profile facts when the model is known. */
export interface FactSources {
  readonly offering: ProviderModelOffering | undefined;
  readonly profile: ModelProfile | undefined;
  readonly endpoint: RouteEndpoint;
  readonly table: ProviderConfig | undefined;
  readonly live: LiveModelView | undefined;
}

const UNKNOWN_LIMIT: RouteLimit = { value: 'unknown' };

function fromCatalog(
  limit: TokenLimit | undefined,
  source: 'offering' | 'model-profile',
  note?: string,
): RouteLimit | undefined {
  if (limit === undefined) return undefined;
  if (limit === 'unknown') return { value: 'unknown', ...(note ? { note } : {}) };
  // The catalog's own notes are for its maintainers; the route keeps the provenance (URL, date, kind, uncertain).
  return { value: limit.value, source, provenance: limit.source, ...(note ? { note } : {}) };
}

function mergeLimit(
  name: 'contextWindow' | 'maxOutput',
  sources: FactSources,
  userValue: number | undefined,
  liveValue: number | undefined,
  messages: MessageList | undefined,
): RouteLimit {
  const label = name === 'contextWindow' ? 'context window' : 'max output';
  if (userValue !== undefined)
    return {
      value: userValue,
      source: 'user',
      note: `your config sets ${name === 'contextWindow' ? 'context_window' : 'max_output'}`,
    };
  if (liveValue !== undefined && sources.live) {
    if (sources.live.fresh)
      return {
        value: liveValue,
        source: 'live',
        note: `reported by the provider's listing, fetched ${sources.live.fetchedAt}`,
      };
    messages?.add(
      'info',
      'stale-live-data',
      `The live listing (fetched ${sources.live.fetchedAt}, now stale) reported a ${label} of ${groupDigits(liveValue)}; it is shown as a hint only. Refresh the listing (discovery) to use it.`,
    );
  }
  const official = sources.endpoint.official;
  const fromOffering = official ? fromCatalog(sources.offering?.limits?.[name], 'offering') : undefined;
  const profileLimit = sources.profile?.limits[name];
  if (fromOffering?.value === 'unknown' && profileLimit !== undefined && profileLimit !== 'unknown') {
    return {
      value: 'unknown',
      note: `no source gives this provider's ${label} (it may differ from the model's own ${groupDigits(profileLimit.value)})`,
    };
  }
  if (fromOffering) return fromOffering;
  const customNote = official
    ? undefined
    : 'from the model profile: this custom endpoint may serve the model differently';
  return fromCatalog(profileLimit, 'model-profile', customNote) ?? UNKNOWN_LIMIT;
}

/** Context window and max output of a route, each with its source. */
export function mergeLimits(sources: FactSources, messages?: MessageList): RouteLimits {
  const record = sources.live?.record;
  return {
    contextWindow: mergeLimit('contextWindow', sources, sources.table?.context_window, record?.contextWindow, messages),
    maxOutput: mergeLimit('maxOutput', sources, sources.table?.max_output, record?.maxOutput, messages),
  };
}

function capability(
  fact: CapabilityFact | undefined,
  source: 'offering' | 'model-profile',
): RouteCapability | undefined {
  if (fact === undefined) return undefined;
  if (fact === 'unknown') return { state: 'unknown', source };
  return { state: fact.value, source, provenance: fact.source };
}

/** Three-state capabilities of a route: the offering's override (official endpoint only), else the model profile. */
export function mergeCapabilities(sources: FactSources): RouteCapabilities {
  const official = sources.endpoint.official;
  const out = {} as Record<(typeof CAPABILITY_NAMES)[number], RouteCapability>;
  for (const name of CAPABILITY_NAMES) {
    out[name] = (official ? capability(sources.offering?.capabilities?.[name], 'offering') : undefined) ??
      capability(sources.profile?.capabilities[name], 'model-profile') ?? { state: 'unknown' };
  }
  return out;
}

/**
 * The meter of a route, from the plugin, with the catalog rule enforced: prices, quotas and credits apply only on
 * the provider's official endpoint; a custom endpoint's meter is `unknown` with the reason.
 */
export function routeMeter(
  provider: RegisteredProvider,
  offering: ProviderModelOffering | undefined,
  endpoint: RouteEndpoint,
  messages: MessageList,
): UsageMeter {
  let meter: UsageMeter;
  try {
    meter = provider.plugin.usageMeter.describe({
      providerId: provider.id,
      offering: endpoint.official ? offering : undefined,
      endpoint: { key: endpoint.key, baseUrl: endpoint.baseUrl, official: endpoint.official },
    });
  } catch {
    messages.add(
      'warning',
      'meter-error',
      `${provider.descriptor.displayName}'s usage meter failed; the cost of this route is unknown.`,
    );
    return { kind: 'unknown', reason: 'the provider plugin could not describe the meter' };
  }
  // Off the official endpoint nothing from the catalog is billed; only a local runtime stays "local".
  if (!endpoint.official && meter.kind !== 'local') {
    return {
      kind: 'unknown',
      reason: `custom endpoint: ${provider.descriptor.displayName}'s catalog prices apply only on its official endpoint`,
    };
  }
  return meter;
}

/** A blended price per million tokens (3 input : 1 output), or undefined when either rate is unknown. */
export function blendedPrice(meter: UsageMeter | undefined): number | undefined {
  if (meter?.kind !== 'token-pricing') return undefined;
  const { input, output } = meter.rates;
  if (input === undefined || output === undefined) return undefined;
  return (3 * input + output) / 4;
}
