import type { CapabilityName, RoutePreference } from '../schema/constants.js';
import type { AutoDecision, ModelDecision, RouteEndpoint } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';

import type { ProviderModelOffering } from '../schema/offering.js';

import { chooseEndpoint } from './choose-endpoint.js';
import type { AutoStep, ModelChoice, ModelStepInput } from './choose-model.js';
import { appliedPreference } from './route-inputs.js';
import { authFor, credentialReady, fail, MessageList, ok, providerTable, type Step } from './resolver-context.js';
import { blendedPrice, mergeCapabilities, mergeLimits } from './route-facts-merge.js';
import { groupDigits } from '../util/group-digits.js';

interface Scored {
  readonly provider: RegisteredProvider;
  readonly providerRank: number;
  readonly offering: ProviderModelOffering;
  readonly catalogRank: number;
  readonly endpoint: RouteEndpoint;
  readonly price: number | undefined;
  readonly context: number | undefined;
  readonly reasoning: 'yes' | 'no' | 'unknown';
}

const ref = (entry: { provider: RegisteredProvider; offering: ProviderModelOffering }) => `${entry.provider.id}:${entry.offering.wireId}`;

function compare(preference: RoutePreference, left: Scored, right: Scored): number {
  const byDefault = Number(right.offering.default === true) - Number(left.offering.default === true);
  const ties = left.providerRank - right.providerRank || byDefault || left.catalogRank - right.catalogRank || (ref(left) < ref(right) ? -1 : ref(left) > ref(right) ? 1 : 0);
  const priceAscending = (left.price ?? Number.POSITIVE_INFINITY) - (right.price ?? Number.POSITIVE_INFINITY);
  if (preference === 'cost' || preference === 'latency') return priceAscending || ties;
  const reasoning = Number(right.reasoning === 'yes') - Number(left.reasoning === 'yes');
  const context = (right.context ?? 0) - (left.context ?? 0);
  const priceDescending = (right.price ?? 0) - (left.price ?? 0);
  return reasoning || context || priceDescending || ties;
}

function why(preference: RoutePreference, winner: Scored, runnerUp: Scored | undefined): string {
  const price = winner.price === undefined ? 'no published price' : `a blended ${winner.price.toFixed(3)} per million tokens`;
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
 * Resolve `auto` from metadata and policy only: role, purpose, hard requirements, minimum context and preference.
 * Stays in the active provider unless the role or routing policy allows others (which must have a credential).
 */
export const chooseAuto: AutoStep = (input: ModelStepInput, source: ModelDecision['source']): Step<ModelChoice> => {
  const { context, request, role, providerChoice, endpoint } = input;
  const active = providerChoice.provider;
  const preference: RoutePreference = appliedPreference(request, role, context.config).value;
  const requirements = [...new Set<CapabilityName>([...(request.requires ?? []), ...(role?.requires ?? [])])];
  const minContext = Math.max(request.contextTokens ?? 0, role?.min_context ?? 0) || undefined;
  const wanted = [...requirements, ...(minContext ? [`context >= ${minContext}`] : [])];
  const considered: AutoDecision['considered'][number][] = [];

  if (!endpoint.official && active.descriptor.class !== 'local') {
    return fail('auto-unsatisfiable', `"auto" picks from catalog facts, and a custom endpoint has none. Name the model you want at ${endpoint.baseUrl}.`, { field: 'model', value: 'auto' });
  }
  const allowed = role?.allow_providers ?? context.config.routing?.allow_providers ?? [];
  const pool: RegisteredProvider[] = [active];
  for (const name of allowed) {
    const provider = context.registry.findProvider(name);
    if (provider && !pool.includes(provider)) pool.push(provider);
  }

  const scored: Scored[] = [];
  pool.forEach((provider, providerRank) => {
    let routeEndpoint = endpoint;
    if (provider !== active) {
      const other = chooseEndpoint(context, provider, { ...request, baseUrl: undefined }, { provider, decision: providerChoice.decision }, undefined, new MessageList());
      if (!other.ok || !other.value.endpoint.official) {
        considered.push({ ref: `${provider.id}:*`, outcome: 'excluded', reason: 'its endpoint is custom, so catalog facts do not apply' });
        return;
      }
      if (!credentialReady(authFor(context, provider, other.value.endpoint.baseUrl, true))) {
        considered.push({ ref: `${provider.id}:*`, outcome: 'excluded', reason: 'no usable credential' });
        return;
      }
      routeEndpoint = other.value.endpoint;
    }
    const table = providerTable(context.config, provider);
    provider.offerings.forEach((offering, catalogRank) => {
      if (offering.status === 'retired' || offering.status === 'deprecated') {
        considered.push({ ref: ref({ provider, offering }), outcome: 'excluded', reason: `${offering.status}` });
        return;
      }
      const profile = context.registry.model(offering.model);
      const facts = { offering, profile, endpoint: routeEndpoint, table, live: context.live?.model(provider.id, routeEndpoint.baseUrl, offering.wireId) };
      const capabilities = mergeCapabilities(facts);
      const missing = requirements.filter((name) => capabilities[name].state !== 'yes');
      if (missing.length > 0) {
        considered.push({ ref: ref({ provider, offering }), outcome: 'excluded', reason: missing.map((name) => `${name} is ${capabilities[name].state}`).join(', ') });
        return;
      }
      const limit = mergeLimits(facts).contextWindow;
      const contextTokens = limit.value === 'unknown' ? undefined : limit.value;
      if (minContext !== undefined && (contextTokens === undefined || contextTokens < minContext)) {
        considered.push({ ref: ref({ provider, offering }), outcome: 'excluded', reason: `context ${contextTokens === undefined ? 'unknown' : groupDigits(contextTokens)} < ${groupDigits(minContext)}` });
        return;
      }
      scored.push({ provider, providerRank, offering, catalogRank, endpoint: routeEndpoint, price: blendedPrice(offering.meter), context: contextTokens, reasoning: capabilities.reasoning.state });
    });
  });

  scored.sort((left, right) => compare(preference, left, right));
  const [winner, runnerUp] = scored;
  if (!winner) {
    const scope = pool.map((provider) => provider.id).join(', ');
    return fail('auto-unsatisfiable', `"auto" found no offering at ${scope} meeting ${wanted.join(', ') || 'the request'}. Relax a requirement, allow more providers ([routing] allow_providers), or name a model.`, {
      field: 'model',
      value: 'auto',
      considered: considered.map(({ ref: offeringRef, reason }) => ({ ref: offeringRef, reason })),
    });
  }
  for (const [index, entry] of scored.entries()) considered.push({ ref: ref(entry), outcome: index === 0 ? 'chosen' : 'ranked', reason: index === 0 ? 'best for the preference' : `rank ${index + 1}` });
  const reason = why(preference, winner, runnerUp);
  const movedTo = winner.provider === active ? undefined : { provider: winner.provider, decision: { source: 'model-match' as const, detail: `"auto" may use ${winner.provider.id} (allowed by your routing policy) and chose it.` } };
  return ok({
    offering: winner.offering,
    canonical: winner.offering.model,
    wireModelId: winner.offering.wireId,
    passThrough: false,
    decision: { source, matchedBy: 'auto', detail: `"auto" chose ${ref(winner)}: ${reason}.` },
    auto: { preference, requirements: wanted, considered, reason },
    ...(movedTo ? { movedTo } : {}),
  });
};
