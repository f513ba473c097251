import type { AutoDecision, ModelDecision, ProviderDecision, RouteEndpoint } from '../candidate/route-facts.js';
import type { ModelIdVerdict } from '../plugin/plugin-types.js';
import type { OfferingMatch, RegisteredProvider } from '../registry/registry-types.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { RoleConfig } from '../schema/user-config.js';
import { chooseEndpoint } from './choose-endpoint.js';
import { unknownRefPrefix } from './nearest-provider.js';
import type { ProviderChoice } from './choose-provider.js';
import {
  authFor,
  credentialReady,
  fail,
  ok,
  providerTable,
  type MessageList,
  type ResolverContext,
  type Step,
} from './resolver-context.js';
import type { RouteRefSuggestion, RouteRequest } from './route-request.js';

/** The model of a route, how it was recognised, and (rarely) the provider it moved the route to. */
export interface ModelChoice {
  /** The catalog offering at the route's provider, when the id maps to one. */
  readonly offering: ProviderModelOffering | undefined;
  readonly canonical: string | undefined;
  readonly wireModelId: string;
  readonly passThrough: boolean;
  readonly decision: ModelDecision;
  /** Set when the id matched exactly one other provider's catalog (no provider was given). */
  readonly movedTo?: ProviderChoice;
  /** Set when `auto` chose. */
  readonly auto?: AutoDecision;
}

/** What every model step gets. */
export interface ModelStepInput {
  readonly context: ResolverContext;
  readonly request: RouteRequest;
  readonly role: RoleConfig | undefined;
  readonly providerChoice: ProviderChoice;
  readonly endpoint: RouteEndpoint;
  readonly pinnedEndpoint: boolean;
  readonly messages: MessageList;
}

/** The auto step is injected to keep this module free of the ranking code. */
export type AutoStep = (input: ModelStepInput, source: ModelDecision['source']) => Step<ModelChoice>;

const isAuto = (value: string): boolean => value.trim().toLowerCase() === 'auto';

function describeMatch(match: OfferingMatch, input: string, provider: RegisteredProvider): string {
  const name = provider.descriptor.displayName;
  const { offering } = match;
  switch (match.by) {
    case 'wire-id':
      return `"${input}" is ${name}'s wire id for ${offering.model}.`;
    case 'alias':
      return `"${input}" is ${name}'s alias for ${offering.wireId} (${offering.model}).`;
    case 'canonical-id':
      return `"${input}" is a canonical model; ${name} serves it as ${offering.wireId}.`;
    case 'model-alias':
      return `"${input}" is another name for ${offering.model}; ${name} serves it as ${offering.wireId}.`;
  }
}

function fromMatch(
  match: OfferingMatch,
  input: string,
  provider: RegisteredProvider,
  source: ModelDecision['source'],
  messages: MessageList,
  official = true,
): ModelChoice {
  const { offering } = match;
  if (!official) {
    // A custom endpoint: the id is sent as typed, no offering fact carries over, and the canonical model it names
    // exactly (its id, or this provider's wire id for it) brings only the model profile's facts, labelled as such.
    const named =
      match.by === 'wire-id'
        ? `${provider.descriptor.displayName}'s wire id for ${offering.model}`
        : `the canonical id of ${offering.model}`;
    return {
      offering: undefined,
      canonical: offering.model,
      wireModelId: input,
      passThrough: false,
      decision: {
        source,
        matchedBy: match.by,
        detail: `"${input}" is exactly ${named}; this endpoint is custom, so it is sent as typed and only the model profile's facts apply.`,
      },
    };
  }
  if (offering.status === 'retired' || offering.status === 'deprecated') {
    const latest = offering.deprecations?.at(-1);
    const when = latest ? ` on ${latest.date}` : '';
    const instead = latest?.replacement ? ` Use ${latest.replacement} instead.` : '';
    messages.add(
      'warning',
      `offering-${offering.status}`,
      `${provider.descriptor.displayName} marks ${offering.wireId} as ${offering.status}${when}.${instead}`,
    );
  }
  return {
    offering,
    canonical: offering.model,
    // A wire id the user typed is sent byte-for-byte (it may carry case or suffixes the provider understands).
    wireModelId: match.by === 'wire-id' ? input : offering.wireId,
    passThrough: false,
    decision: { source, matchedBy: match.by, detail: describeMatch(match, input, provider) },
  };
}

/**
 * A catalog match in the active provider's scope. On its official endpoint: wire ids, aliases, canonical ids and model
 * aliases, folded as the provider's policy says. On a custom endpoint only a byte-for-byte wire id or canonical id
 * counts: case folding and alias matching are for official endpoints, where the catalog describes what is served.
 */
function matchInScope(input: ModelStepInput, provider: RegisteredProvider, id: string): OfferingMatch | undefined {
  const { registry } = input.context;
  if (input.endpoint.official) return registry.matchInProvider(provider.id, id);
  const byWire = registry.offeringByWireId(provider.id, id);
  if (byWire?.wireId === id) return { by: 'wire-id', offering: byWire };
  const byCanonical = registry.offeringsOfModel(provider.id, id)[0];
  if (byCanonical?.model === id) return { by: 'canonical-id', offering: byCanonical };
  return undefined;
}

/** The model choice for a match in the active scope (custom endpoints keep the id as typed). */
function inScope(
  input: ModelStepInput,
  match: OfferingMatch,
  id: string,
  provider: RegisteredProvider,
  source: ModelDecision['source'],
): ModelChoice {
  return fromMatch(match, id, provider, source, input.messages, input.endpoint.official);
}

function classify(input: ModelStepInput, provider: RegisteredProvider, id: string): ModelIdVerdict {
  try {
    return provider.plugin.modelIdPolicy.classify(id, {
      providerId: provider.id,
      endpoint: { key: input.endpoint.key, baseUrl: input.endpoint.baseUrl, official: input.endpoint.official },
    });
  } catch {
    input.messages.add(
      'warning',
      'policy-error',
      `${provider.descriptor.displayName}'s model-id policy failed on "${id}"; the id is sent unchanged.`,
    );
    return { kind: 'pass-through', reason: 'the provider policy could not classify it' };
  }
}

/** True when nobody named the provider (request or role): a `name:model` string may then have meant `name` as one. */
const providerNotNamed = (input: ModelStepInput): boolean =>
  input.providerChoice.decision.source !== 'explicit' && input.providerChoice.decision.source !== 'role';

/** Unknown to the catalog: the provider's policy decides (pass through, map a renamed id, or reject when confident). */
function byPolicy(
  input: ModelStepInput,
  provider: RegisteredProvider,
  id: string,
  source: ModelDecision['source'],
): Step<ModelChoice> {
  const { context, endpoint, messages } = input;
  const name = provider.descriptor.displayName;
  const verdict = classify(input, provider, id);
  switch (verdict.kind) {
    case 'mapped': {
      const since = verdict.since ? ` (since ${verdict.since})` : '';
      messages.add(
        'warning',
        'model-renamed',
        `"${id}" is now "${verdict.wireId}" at ${name}${since}: ${verdict.reason}`,
      );
      const match = matchInScope(input, provider, verdict.wireId);
      if (match) {
        const choice = inScope(input, match, verdict.wireId, provider, source);
        return ok({
          ...choice,
          decision: {
            source,
            matchedBy: 'policy',
            detail: `"${id}" was renamed to "${verdict.wireId}"${since}; ${choice.decision.detail}`,
          },
        });
      }
      return ok({
        offering: undefined,
        canonical: undefined,
        wireModelId: verdict.wireId,
        passThrough: true,
        decision: { source, matchedBy: 'policy', detail: `"${id}" was renamed to "${verdict.wireId}"${since}.` },
      });
    }
    case 'foreign': {
      const confident = provider.descriptor.class === 'direct' && endpoint.official;
      if (confident) {
        const instead = verdict.suggestion ? ` Try "${verdict.suggestion}".` : '';
        const prefix = providerNotNamed(input) ? unknownRefPrefix(context.registry, id) : undefined;
        const elsewhere = prefix
          ? ` ${prefix.sentence}`
          : ` To use it elsewhere, name the provider that serves it (provider: "<id>", or the ref <id>:${id}).`;
        return fail('foreign-model', `${name} does not serve "${id}": ${verdict.reason}.${instead}${elsewhere}`, {
          field: 'model',
          value: id,
          reason: verdict.reason,
          ...(verdict.suggestion ? { suggestion: verdict.suggestion } : {}),
          ...(prefix
            ? { unknownProvider: prefix.name, ...(prefix.nearest ? { nearestProvider: prefix.nearest } : {}) }
            : {}),
        });
      }
      messages.add(
        'warning',
        'foreign-deferred',
        `${name}'s policy calls "${id}" foreign (${verdict.reason}), but this endpoint is not its official one, so the id is sent unchanged.`,
      );
      break;
    }
    case 'invalid': {
      const instead = verdict.suggestion ? ` Try "${verdict.suggestion}".` : '';
      const prefix = providerNotNamed(input) ? unknownRefPrefix(context.registry, id) : undefined;
      return fail(
        'invalid-request',
        `"${id}" is not a valid ${name} model id: ${verdict.reason}.${instead}${prefix ? ` ${prefix.sentence}` : ''}`,
        {
          field: 'model',
          value: id,
          reason: verdict.reason,
          ...(verdict.suggestion ? { suggestion: verdict.suggestion } : {}),
          ...(prefix
            ? { unknownProvider: prefix.name, ...(prefix.nearest ? { nearestProvider: prefix.nearest } : {}) }
            : {}),
        },
      );
    }
    case 'pass-through':
      break;
  }
  const profile = context.registry.model(id);
  if (profile) {
    messages.add(
      'info',
      'not-offered',
      `${name}'s catalog has no offering of ${profile.id}; "${id}" is sent as-is for ${name} to decide.`,
    );
  }
  const reason = verdict.kind === 'pass-through' ? verdict.reason : 'deferred to the provider';
  return ok({
    offering: undefined,
    canonical: undefined,
    wireModelId: id,
    passThrough: true,
    decision: {
      source,
      matchedBy: 'policy',
      detail: `"${id}" is not in ${name}'s catalog; it is sent unchanged (${reason}).`,
    },
  });
}

/** Look for the id in every other provider's catalog; keep ready ones; one → move there, several → ambiguous. */
function searchElsewhere(input: ModelStepInput, active: RegisteredProvider, id: string): Step<ModelChoice | undefined> {
  const { context, request, messages } = input;
  const found: { provider: RegisteredProvider; match: OfferingMatch; suggestion: RouteRefSuggestion }[] = [];
  for (const provider of context.registry.providers()) {
    if (provider.id === active.id) continue;
    const match = context.registry.matchInProvider(provider.id, id);
    if (!match) continue;
    const choice: ProviderChoice = { provider, decision: { source: 'model-match', detail: '' } };
    const endpoint = chooseEndpoint(
      context,
      provider,
      { ...request, baseUrl: undefined },
      choice,
      match.offering.endpoint,
      messages,
    );
    const ready = endpoint.ok
      ? credentialReady(authFor(context, provider, endpoint.value.endpoint.baseUrl, endpoint.value.endpoint.official))
      : false;
    const wireModelId = match.by === 'wire-id' ? id : match.offering.wireId;
    found.push({
      provider,
      match,
      suggestion: { ref: `${provider.id}:${wireModelId}`, provider: provider.id, wireModelId, credentialReady: ready },
    });
  }
  if (found.length === 0) return ok(undefined);
  const ready = found.filter((entry) => entry.suggestion.credentialReady);
  const pool = ready.length > 0 ? ready : found;
  if (pool.length > 1) {
    const refs = pool.map((entry) => entry.suggestion.ref);
    const narrowed =
      ready.length > 0 && ready.length < found.length ? ' (among providers with a usable credential)' : '';
    return fail(
      'ambiguous-model',
      `"${id}" is not in ${active.descriptor.displayName}'s catalog and matches several providers${narrowed}: ${refs.join(', ')}. Name one: provider "${pool[0]?.provider.id}", or the ref "${refs[0]}".`,
      { field: 'model', value: id, matches: pool.map((entry) => entry.suggestion) },
    );
  }
  const [only] = pool as [(typeof pool)[number]];
  const why =
    found.length === 1
      ? `only ${only.provider.descriptor.displayName}'s catalog has it`
      : `of ${found.map((entry) => entry.provider.id).join(', ')}, only ${only.provider.id} has a usable credential`;
  const credential = only.suggestion.credentialReady ? '' : ` No credential is configured for ${only.provider.id} yet.`;
  const decision: ProviderDecision = {
    source: 'model-match',
    detail: `"${id}" is not in ${active.descriptor.displayName}'s catalog (the active provider); ${why}, so the route goes to ${only.provider.id}.${credential}`,
  };
  const choice = fromMatch(
    only.match,
    id,
    only.provider,
    input.request.model !== undefined ? 'explicit' : 'role',
    messages,
  );
  return ok({ ...choice, movedTo: { provider: only.provider, decision } });
}

/** A concrete model id in the active provider's scope: catalog, custom_models, other catalogs (when allowed), policy. */
export function chooseNamedModel(
  input: ModelStepInput,
  id: string,
  source: ModelDecision['source'],
  allowElsewhere: boolean,
): Step<ModelChoice> {
  const { context, providerChoice } = input;
  const provider = providerChoice.provider;
  const match = matchInScope(input, provider, id);
  if (match) return ok(inScope(input, match, id, provider, source));
  const table = providerTable(context.config, provider);
  if (table?.custom_models?.includes(id)) {
    return ok({
      offering: undefined,
      canonical: undefined,
      wireModelId: id,
      passThrough: true,
      decision: {
        source,
        matchedBy: 'custom-models',
        detail: `"${id}" is in your custom_models for ${provider.id}; it is sent unchanged.`,
      },
    });
  }
  if (allowElsewhere) {
    // A dated rename the active provider knows is in its own scope, like an alias: it wins over other catalogs.
    if (classify(input, provider, id).kind === 'mapped') return byPolicy(input, provider, id, source);
    const elsewhere = searchElsewhere(input, provider, id);
    if (!elsewhere.ok) return elsewhere;
    if (elsewhere.value) return ok(elsewhere.value);
  }
  return byPolicy(input, provider, id, source);
}

/** The root `model` of the config applies only where it is coherent for the active provider. */
function rootModel(input: ModelStepInput, auto: AutoStep): Step<ModelChoice> | undefined {
  const { context, providerChoice, endpoint, messages } = input;
  const model = context.config.model?.trim();
  if (!model) return undefined;
  const provider = providerChoice.provider;
  const savedFor =
    context.config.provider === undefined ? undefined : context.registry.findProvider(context.config.provider);
  if (savedFor && savedFor.id !== provider.id) {
    messages.add(
      'info',
      'root-model-skipped',
      `Your config's model "${model}" is saved for ${savedFor.id}, not ${provider.id}; ${provider.id} uses its own default.`,
    );
    return undefined;
  }
  if (isAuto(model)) return auto(input, 'config-root');
  const match = matchInScope(input, provider, model);
  if (match) return ok(inScope(input, match, model, provider, 'config-root'));
  if (savedFor || !endpoint.official) return chooseNamedModel(input, model, 'config-root', false);
  messages.add(
    'info',
    'root-model-skipped',
    `Your config's model "${model}" is not in ${provider.id}'s catalog; ${provider.id} uses its own default.`,
  );
  return undefined;
}

/**
 * Choose the model. Explicit (or the role's) model in the active scope, else `[providers.<active>].model`, else the
 * root model when coherent, else the provider's default offering, else the only model a live listing reports.
 * Switching provider never inherits the previous provider's model.
 */
export function chooseModel(input: ModelStepInput, auto: AutoStep): Step<ModelChoice> {
  const { context, request, role, providerChoice, endpoint, messages } = input;
  const provider = providerChoice.provider;
  const explicit =
    request.model !== undefined
      ? ({ raw: request.model, source: 'explicit' } as const)
      : role?.model !== undefined
        ? ({ raw: role.model, source: 'role' } as const)
        : undefined;
  if (explicit) {
    const id = explicit.raw.trim();
    if (id === '') {
      const from =
        explicit.source === 'role'
          ? ` ([roles.${request.role}] model)`
          : request.origin?.model
            ? ` (${request.origin.model})`
            : '';
      return fail(
        'empty-model',
        `The model is empty${from}. Name one (e.g. ${provider.defaultOffering?.wireId ?? 'a model id'}) or leave it out to use ${provider.id}'s default.`,
        { field: 'model' },
      );
    }
    if (isAuto(id)) return auto(input, explicit.source);
    const providerGiven = providerChoice.decision.source === 'explicit' || providerChoice.decision.source === 'role';
    return chooseNamedModel(input, id, explicit.source, !providerGiven && !input.pinnedEndpoint);
  }
  const saved = providerTable(context.config, provider)?.model?.trim();
  if (saved)
    return isAuto(saved) ? auto(input, 'config-provider') : chooseNamedModel(input, saved, 'config-provider', false);
  const fromRoot = rootModel(input, auto);
  if (fromRoot) return fromRoot;
  const fallback = provider.defaultOffering;
  if (fallback && !endpoint.official) {
    // Nobody named the model here: the default's id is sent, but no catalog fact (not even the profile's) is assumed.
    messages.add(
      'info',
      'default-on-custom',
      `No model was named; ${provider.id}'s default ${fallback.wireId} is assumed to exist at this custom endpoint. Name the model to get its profile's facts.`,
    );
    return ok({
      offering: undefined,
      canonical: undefined,
      wireModelId: fallback.wireId,
      passThrough: true,
      decision: {
        source: 'provider-default',
        matchedBy: 'policy',
        detail: `No model was named or saved for ${provider.id}; its default id ${fallback.wireId} is sent to this custom endpoint unchecked.`,
      },
    });
  }
  if (fallback) {
    return ok({
      offering: fallback,
      canonical: fallback.model,
      wireModelId: fallback.wireId,
      passThrough: false,
      decision: {
        source: 'provider-default',
        matchedBy: 'wire-id',
        detail: `No model was named or saved for ${provider.id}; its default is ${fallback.wireId}.`,
      },
    });
  }
  const listing = context.live?.listing(provider.id, endpoint.baseUrl);
  if (listing?.models.length === 1 && listing.models[0]) {
    const only = listing.models[0].id;
    return ok({
      offering: undefined,
      canonical: undefined,
      wireModelId: only,
      passThrough: true,
      decision: {
        source: 'live-listing',
        matchedBy: 'policy',
        detail: `No model was named or saved; ${only} is the only model ${endpoint.baseUrl} listed (fetched ${listing.fetchedAt}${listing.fresh ? '' : ', stale'}).`,
      },
    });
  }
  const key = provider.descriptor.configKey ?? provider.id;
  return fail(
    'empty-model',
    `No model given, and ${provider.descriptor.displayName} has no default model. Name one in the request, or set [providers.${key}] model = "..." (the server's /models listing says what it serves).`,
    {
      field: 'model',
    },
  );
}
