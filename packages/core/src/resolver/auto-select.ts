import type { CapabilityName, RoutePreference } from '../schema/constants.js';
import type { AutoDecision, ModelDecision, RouteEndpoint } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { ProviderConfig } from '../schema/user-config.js';

import { capabilityBit, compareRanked, providerAutoIndex, ref, type AutoEntry, type AutoRanked } from './auto-index.js';
import { chooseEndpoint } from './choose-endpoint.js';
import type { AutoStep, ModelChoice, ModelStepInput } from './choose-model.js';
import { appliedPreference } from './route-inputs.js';
import {
  authFor,
  credentialReady,
  fail,
  MessageList,
  ok,
  providerTable,
  type ResolverContext,
  type Step,
} from './resolver-context.js';
import { blendedPrice, mergeCapabilities, mergeLimits } from './route-facts-merge.js';
import { deepFreeze } from '../util/deep-freeze.js';
import { groupDigits } from '../util/group-digits.js';

interface Scored extends AutoRanked {
  readonly endpoint: RouteEndpoint;
}

type Considered = AutoDecision['considered'][number];

/** What `auto` was asked for: the preference, the hard requirements and the minimum context. */
interface AutoQuery {
  readonly preference: RoutePreference;
  readonly requirements: readonly CapabilityName[];
  readonly minContext: number | undefined;
}

/** A provider `auto` may pick from (with its endpoint and config table), or one it had to leave out, in pool order. */
type PoolEntry =
  | {
      readonly provider: RegisteredProvider;
      readonly providerRank: number;
      readonly endpoint: RouteEndpoint;
      readonly table: ProviderConfig | undefined;
    }
  | { readonly provider: RegisteredProvider; readonly providerRank: number; readonly excluded: string };

const compare = (preference: RoutePreference, left: Scored, right: Scored): number =>
  compareRanked(preference, left, right);

function why(preference: RoutePreference, winner: Scored, runnerUp: Scored | undefined): string {
  const price =
    winner.price === undefined ? 'no published price' : `a blended ${winner.price.toFixed(3)} per million tokens`;
  const context = winner.context === undefined ? 'unknown context' : `${groupDigits(winner.context)} tokens of context`;
  const against = runnerUp ? ` (next: ${ref(runnerUp)})` : ' (the only offering left)';
  switch (preference) {
    case 'cost':
      return `cheapest offering meeting the requirements, at ${price}${against}`;
    case 'latency':
      return `the catalog has no latency figures, so the cheapest tier stands in for the fastest: ${price}${against}`;
    case 'quality':
      return `highest-quality proxy: reasoning ${winner.reasoning}, ${context}, ${price}${against}`;
  }
}

/**
 * The providers `auto` may pick from: the active one, then those the role or routing policy allows. Another provider
 * counts only on its official endpoint and with a usable credential. Checked once per resolution, so the offerings
 * listed later (lazily) are judged against the same credential answers as the choice.
 */
function autoPool(input: ModelStepInput): PoolEntry[] {
  const { context, request, role, providerChoice, endpoint } = input;
  const active = providerChoice.provider;
  const allowed = role?.allow_providers ?? context.config.routing?.allow_providers ?? [];
  const providers: RegisteredProvider[] = [active];
  for (const name of allowed) {
    const provider = context.registry.findProvider(name);
    if (provider && !providers.includes(provider)) providers.push(provider);
  }
  return providers.map((provider, providerRank): PoolEntry => {
    if (provider === active)
      return { provider, providerRank, endpoint, table: providerTable(context.config, provider) };
    const other = chooseEndpoint(
      context,
      provider,
      { ...request, baseUrl: undefined },
      { provider, decision: providerChoice.decision },
      undefined,
      new MessageList(),
    );
    if (!other.ok || !other.value.endpoint.official)
      return { provider, providerRank, excluded: 'its endpoint is custom, so catalog facts do not apply' };
    if (!credentialReady(authFor(context, provider, other.value.endpoint.baseUrl, true)))
      return { provider, providerRank, excluded: 'no usable credential' };
    return { provider, providerRank, endpoint: other.value.endpoint, table: providerTable(context.config, provider) };
  });
}

/**
 * The straightforward ranking: merge the facts of every offering in the pool, record why each is left out, sort the
 * rest. Linear in the offerings; used for the full `considered` list (on demand) and when nothing meets the request.
 */
function scanAuto(
  context: ResolverContext,
  pool: readonly PoolEntry[],
  query: AutoQuery,
): { excluded: Considered[]; scored: Scored[] } {
  const { requirements, minContext } = query;
  const excluded: Considered[] = [];
  const scored: Scored[] = [];
  for (const entry of pool) {
    const { provider, providerRank } = entry;
    if ('excluded' in entry) {
      excluded.push({ ref: `${provider.id}:*`, outcome: 'excluded', reason: entry.excluded });
      continue;
    }
    const { endpoint: routeEndpoint, table } = entry;
    provider.offerings.forEach((offering, catalogRank) => {
      if (offering.status === 'retired' || offering.status === 'deprecated') {
        excluded.push({ ref: ref({ provider, offering }), outcome: 'excluded', reason: `${offering.status}` });
        return;
      }
      const profile = context.registry.model(offering.model);
      const facts = {
        offering,
        profile,
        endpoint: routeEndpoint,
        table,
        live: context.live?.model(provider.id, routeEndpoint.baseUrl, offering.wireId),
      };
      const capabilities = mergeCapabilities(facts);
      const missing = requirements.filter((name) => capabilities[name].state !== 'yes');
      if (missing.length > 0) {
        excluded.push({
          ref: ref({ provider, offering }),
          outcome: 'excluded',
          reason: missing.map((name) => `${name} is ${capabilities[name].state}`).join(', '),
        });
        return;
      }
      const limit = mergeLimits(facts).contextWindow;
      const contextTokens = limit.value === 'unknown' ? undefined : limit.value;
      if (minContext !== undefined && (contextTokens === undefined || contextTokens < minContext)) {
        excluded.push({
          ref: ref({ provider, offering }),
          outcome: 'excluded',
          reason: `context ${contextTokens === undefined ? 'unknown' : groupDigits(contextTokens)} < ${groupDigits(minContext)}`,
        });
        return;
      }
      scored.push({
        provider,
        providerRank,
        offering,
        catalogRank,
        endpoint: routeEndpoint,
        price: blendedPrice(offering.meter),
        context: contextTokens,
        reasoning: capabilities.reasoning.state,
      });
    });
  }
  scored.sort((left, right) => compare(query.preference, left, right));
  return { excluded, scored };
}

/** The context window a route on this offering would have (as mergeLimits: your table, then fresh live data, then the catalog). */
function contextOf(
  context: ResolverContext,
  provider: RegisteredProvider,
  endpoint: RouteEndpoint,
  override: number | undefined,
  candidate: AutoEntry,
): number | undefined {
  if (override !== undefined) return override;
  if (!context.live) return candidate.context;
  const view = context.live.model(provider.id, endpoint.baseUrl, candidate.offering.wireId);
  const reported = view?.record.contextWindow;
  return reported !== undefined && view?.fresh ? reported : candidate.context;
}

/** Keep `scored` among the best two of `best` (sorted, at most two entries). */
function keepBestTwo(preference: RoutePreference, best: Scored[], scored: Scored): void {
  if (best.length === 2) {
    if (compare(preference, scored, best[1] as Scored) >= 0) return;
    best.pop();
  }
  if (best.length === 1 && compare(preference, scored, best[0] as Scored) < 0) best.unshift(scored);
  else best.push(scored);
}

/**
 * The best two offerings by the provider indexes ({@link providerAutoIndex}), or `undefined` when a requirement is not a
 * capability name (the scan then decides, as it always did). Each provider's offerings are walked in ranking order until
 * two meet the request, so the work does not grow with the catalog. The context window is the one part a request changes
 * (a `[providers.<id>] context_window`, a fresh live listing): with a table override it is the same for every offering;
 * with live data and the quality preference, where context ranks, every offering's live record is read.
 */
function pickIndexed(context: ResolverContext, pool: readonly PoolEntry[], query: AutoQuery): Scored[] | undefined {
  const { preference, minContext } = query;
  let need = 0;
  for (const name of query.requirements) {
    const bit = capabilityBit(name);
    if (bit === undefined) return undefined;
    need |= bit;
  }
  const cheapest = preference === 'cost' || preference === 'latency';
  const best: Scored[] = [];
  for (const entry of pool) {
    if ('excluded' in entry) continue;
    const { provider, providerRank, endpoint, table } = entry;
    const index = providerAutoIndex(context.registry, provider, endpoint);
    const override = table?.context_window;
    // Live context windows may reorder the quality ranking: then every offering is looked at (no sorting, no merging).
    const everyOne = !cheapest && override === undefined && context.live !== undefined;
    const order = everyOne
      ? index.entries
      : index.order(cheapest ? 'cost' : override !== undefined ? 'quality-flat' : 'quality');
    let found = 0;
    for (const candidate of order) {
      if ((candidate.yes & need) !== need) continue;
      const contextTokens = contextOf(context, provider, endpoint, override, candidate);
      if (minContext !== undefined && (contextTokens === undefined || contextTokens < minContext)) continue;
      const scored: Scored = {
        provider,
        providerRank,
        offering: candidate.offering,
        catalogRank: candidate.catalogRank,
        endpoint,
        price: candidate.price,
        context: contextTokens,
        reasoning: candidate.reasoning,
      };
      keepBestTwo(preference, best, scored);
      // In ranking order, the first two that meet the request are this provider's best.
      if (!everyOne && ++found === 2) break;
    }
  }
  return best;
}

/**
 * Resolve `auto` from metadata and policy only: role, purpose, hard requirements, minimum context and preference.
 * Stays in the active provider unless the role or routing policy allows others (which must have a credential).
 * The explanation's `considered` list (every offering, ranked or excluded with its reason) is computed when first read.
 */
export const chooseAuto: AutoStep = (input: ModelStepInput, source: ModelDecision['source']): Step<ModelChoice> => {
  const { context, request, role, providerChoice, endpoint } = input;
  const active = providerChoice.provider;
  const preference: RoutePreference = appliedPreference(request, role, context.config).value;
  const requirements = [...new Set<CapabilityName>([...(request.requires ?? []), ...(role?.requires ?? [])])];
  const minContext = Math.max(request.contextTokens ?? 0, role?.min_context ?? 0) || undefined;
  const wanted = [...requirements, ...(minContext ? [`context >= ${minContext}`] : [])];
  const query: AutoQuery = { preference, requirements, minContext };

  if (!endpoint.official && active.descriptor.class !== 'local') {
    return fail(
      'auto-unsatisfiable',
      `"auto" picks from catalog facts, and a custom endpoint has none. Name the model you want at ${endpoint.baseUrl}.`,
      { field: 'model', value: 'auto' },
    );
  }
  const pool = autoPool(input);
  const [winner, runnerUp] = pickIndexed(context, pool, query) ?? scanAuto(context, pool, query).scored;
  if (!winner) {
    const scope = pool.map((entry) => entry.provider.id).join(', ');
    const { excluded } = scanAuto(context, pool, query);
    return fail(
      'auto-unsatisfiable',
      `"auto" found no offering at ${scope} meeting ${wanted.join(', ') || 'the request'}. Relax a requirement, allow more providers ([routing] allow_providers), or name a model.`,
      {
        field: 'model',
        value: 'auto',
        considered: excluded.map(({ ref: offeringRef, reason }) => ({ ref: offeringRef, reason })),
      },
    );
  }
  const reason = why(preference, winner, runnerUp);
  let considered: readonly Considered[] | undefined;
  const listConsidered = (): readonly Considered[] => {
    const { excluded, scored } = scanAuto(context, pool, query);
    const ranked = scored.map(
      (entry, index): Considered => ({
        ref: ref(entry),
        outcome: index === 0 ? 'chosen' : 'ranked',
        reason: index === 0 ? 'best for the preference' : `rank ${index + 1}`,
      }),
    );
    return deepFreeze([...excluded, ...ranked]);
  };
  // Frozen here, so the candidate's deep freeze leaves the getter in place; the list is built once, on first read.
  const auto: AutoDecision = Object.freeze({
    preference,
    requirements: Object.freeze(wanted),
    get considered() {
      considered ??= listConsidered();
      return considered;
    },
    reason,
  });
  const movedTo =
    winner.provider === active
      ? undefined
      : {
          provider: winner.provider,
          decision: {
            source: 'model-match' as const,
            detail: `"auto" may use ${winner.provider.id} (allowed by your routing policy) and chose it.`,
          },
        };
  return ok({
    offering: winner.offering,
    canonical: winner.offering.model,
    wireModelId: winner.offering.wireId,
    passThrough: false,
    decision: { source, matchedBy: 'auto', detail: `"auto" chose ${ref(winner)}: ${reason}.` },
    auto,
    ...(movedTo ? { movedTo } : {}),
  });
};

/** @internal For tests: the two best offerings as the indexes pick them, and as the straightforward scan ranks them. */
export function autoPicksForTest(input: ModelStepInput): {
  readonly indexed: readonly string[] | undefined;
  readonly scanned: readonly string[];
} {
  const { context, request, role } = input;
  const requirements = [...new Set<CapabilityName>([...(request.requires ?? []), ...(role?.requires ?? [])])];
  const query: AutoQuery = {
    preference: appliedPreference(request, role, context.config).value,
    requirements,
    minContext: Math.max(request.contextTokens ?? 0, role?.min_context ?? 0) || undefined,
  };
  const pool = autoPool(input);
  const describe = (entry: Scored) => `${ref(entry)} ${entry.context ?? '-'}`;
  return {
    indexed: pickIndexed(context, pool, query)?.map(describe),
    scanned: scanAuto(context, pool, query).scored.slice(0, 2).map(describe),
  };
}
