import type { RouteEndpoint } from '../candidate/route-facts.js';
import type { RegisteredProvider, Registry } from '../registry/registry-types.js';
import { CAPABILITY_NAMES, type RoutePreference } from '../schema/constants.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import { blendedPrice, mergeCapabilities, mergeLimits } from './route-facts-merge.js';

/** The ranking keys of one offering, as `auto` compares them (one provider, or several with their rank in the pool). */
export interface AutoRanked {
  readonly provider: RegisteredProvider;
  readonly providerRank: number;
  readonly offering: ProviderModelOffering;
  readonly catalogRank: number;
  readonly price: number | undefined;
  readonly context: number | undefined;
  readonly reasoning: 'yes' | 'no' | 'unknown';
}

/** An active offering with its catalog facts merged once: what `auto` needs that no request or snapshot can change. */
export interface AutoEntry extends AutoRanked {
  /** One bit per capability (`CAPABILITY_NAMES` order) whose merged state is `yes`. */
  readonly yes: number;
}

/** The `provider:wireId` ref of an offering, as explanations print it. */
export const ref = (entry: { provider: RegisteredProvider; offering: ProviderModelOffering }) =>
  `${entry.provider.id}:${entry.offering.wireId}`;

/** The order `auto` ranks by: cost and latency by blended price, quality by reasoning, context, then price. */
export function compareRanked(preference: RoutePreference, left: AutoRanked, right: AutoRanked): number {
  const byDefault = Number(right.offering.default === true) - Number(left.offering.default === true);
  const ties =
    left.providerRank - right.providerRank ||
    byDefault ||
    left.catalogRank - right.catalogRank ||
    (ref(left) < ref(right) ? -1 : ref(left) > ref(right) ? 1 : 0);
  const priceAscending = (left.price ?? Number.POSITIVE_INFINITY) - (right.price ?? Number.POSITIVE_INFINITY);
  if (preference === 'cost' || preference === 'latency') return priceAscending || ties;
  const reasoning = Number(right.reasoning === 'yes') - Number(left.reasoning === 'yes');
  const context = (right.context ?? 0) - (left.context ?? 0);
  const priceDescending = (right.price ?? 0) - (left.price ?? 0);
  return reasoning || context || priceDescending || ties;
}

/** The bit of a capability name in {@link AutoEntry.yes}, or `undefined` for a name that is not a capability. */
export function capabilityBit(name: string): number | undefined {
  const index = (CAPABILITY_NAMES as readonly string[]).indexOf(name);
  return index < 0 ? undefined : 1 << index;
}

/**
 * The orders an index keeps: by price (`cost`, `latency`), by quality with each offering's catalog context (`quality`),
 * and by quality when every offering has the same context (`quality-flat`: a `[providers.<id>] context_window` override).
 */
export type AutoOrder = 'cost' | 'quality' | 'quality-flat';

/** One provider's active offerings with their static facts at an official (or a custom) endpoint, and sorted views. */
export interface ProviderAutoIndex {
  /** Active offerings (not retired or deprecated), in catalog order. */
  readonly entries: readonly AutoEntry[];
  /** The entries in one ranking order (built on first use, then kept). */
  order(order: AutoOrder): readonly AutoEntry[];
}

function buildIndex(registry: Registry, provider: RegisteredProvider, endpoint: RouteEndpoint): ProviderAutoIndex {
  const entries: AutoEntry[] = [];
  provider.offerings.forEach((offering, catalogRank) => {
    if (offering.status === 'retired' || offering.status === 'deprecated') return;
    // The same merge a route does, without the request's parts (config table, live data): those are applied per request.
    const facts = { offering, profile: registry.model(offering.model), endpoint, table: undefined, live: undefined };
    const capabilities = mergeCapabilities(facts);
    let yes = 0;
    CAPABILITY_NAMES.forEach((name, bit) => {
      if (capabilities[name].state === 'yes') yes |= 1 << bit;
    });
    const limit = mergeLimits(facts).contextWindow;
    entries.push({
      provider,
      providerRank: 0,
      offering,
      catalogRank,
      price: blendedPrice(offering.meter),
      context: limit.value === 'unknown' ? undefined : limit.value,
      reasoning: capabilities.reasoning.state,
      yes,
    });
  });
  const orders = new Map<AutoOrder, readonly AutoEntry[]>();
  return {
    entries,
    order(order) {
      let sorted = orders.get(order);
      if (!sorted) {
        if (order === 'cost') sorted = [...entries].sort((left, right) => compareRanked('cost', left, right));
        else if (order === 'quality')
          sorted = [...entries].sort((left, right) => compareRanked('quality', left, right));
        else {
          const flat = (entry: AutoEntry): AutoEntry => ({ ...entry, context: undefined });
          sorted = [...entries].sort((left, right) => compareRanked('quality', flat(left), flat(right)));
        }
        orders.set(order, Object.freeze(sorted));
      }
      return sorted;
    },
  };
}

/** Per registry, per provider: the index at its official endpoints, and the one at custom endpoints (profile facts only). */
const indexes = new WeakMap<
  Registry,
  WeakMap<RegisteredProvider, { official?: ProviderAutoIndex; custom?: ProviderAutoIndex }>
>();

/**
 * The `auto` index of a provider, built on first use and kept with the registry (a registry is immutable). Offering facts
 * apply only on official endpoints, so a provider has one index for those and one for custom endpoints.
 */
export function providerAutoIndex(
  registry: Registry,
  provider: RegisteredProvider,
  endpoint: RouteEndpoint,
): ProviderAutoIndex {
  let byProvider = indexes.get(registry);
  if (!byProvider) {
    byProvider = new WeakMap();
    indexes.set(registry, byProvider);
  }
  let pair = byProvider.get(provider);
  if (!pair) {
    pair = {};
    byProvider.set(provider, pair);
  }
  const side = endpoint.official ? 'official' : 'custom';
  pair[side] ??= buildIndex(registry, provider, endpoint);
  return pair[side];
}
