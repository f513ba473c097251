// The checks behind describePluginConformance, as plain functions that throw (vitest assertions) on failure.
// Each collects every problem it finds before failing, so one run shows all of them.
import {
  createRegistry,
  liveModelRecordSchema,
  normalizeBaseUrl,
  offeringEntrySchema,
  providerDescriptorSchema,
  REASONING_LEVELS,
  usageMeterSchema,
  wireModelIdSchema,
  type HealthState,
  type LiveContext,
  type ModelIdContext,
  type ParseModelsContext,
  type ProviderModelOffering,
  type ProviderPlugin,
  type ReasoningContext,
  type RouteEndpointContext,
  type UsageMeter,
} from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { expect } from 'vitest';
import { deepFrozenCopy, findCanary, plantCanaries } from './conformance-bodies.js';
import { CONFORMANCE_MODEL_IDS, mustNotPassThrough, type ConformanceModelId } from './conformance-model-ids.js';

/** A base URL no provider owns: routes there are custom. */
export const CUSTOM_BASE_URL = 'https://llm-gateway.conformance.example/v1';

const VERDICT_KINDS = ['pass-through', 'mapped', 'foreign', 'invalid'] as const;
const HEALTH_STATES = [
  'up',
  'up-no-model',
  'unauthorized',
  'down',
  'unknown',
] as const satisfies readonly HealthState[];
const READING_KINDS = ['account-credits', 'subscription-quota', 'local'] as const;

type ZodIssues = { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] };

function zodProblems(where: string, error: ZodIssues): string[] {
  return error.issues.map(
    (issue) => `${where}${issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : ''}: ${issue.message}`,
  );
}

/** `Name: message` of anything thrown, clipped. */
export function describeThrown(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `a non-error value (${typeof error})`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function isTypedError(error: unknown): boolean {
  return ProviderHttpError.isInstance(error) || ListingParseError.isInstance(error);
}

function label(id: string): string {
  const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  return id.length > 40 ? `${shown} (${id.length} chars)` : shown;
}

function failWith(problems: readonly string[], what: string): void {
  expect(problems, `${what}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoints and contexts

/** An official endpoint of the plugin as the resolver hands it to policies (normalised base URL). */
export function officialEndpoint(
  plugin: ProviderPlugin,
  key: string = plugin.descriptor.defaultEndpoint,
): RouteEndpointContext & { readonly protocol: string } {
  const endpoint = plugin.descriptor.endpoints[key];
  if (!endpoint) throw new Error(`[conformance] ${plugin.id}: descriptor has no endpoint "${key}".`);
  return {
    key,
    baseUrl: normalizeBaseUrl(endpoint.baseUrl)?.key ?? endpoint.baseUrl,
    official: true,
    protocol: endpoint.protocol,
  };
}

/** The plugin's default endpoint moved to {@link CUSTOM_BASE_URL}. */
export function customEndpoint(plugin: ProviderPlugin): RouteEndpointContext & { readonly protocol: string } {
  return { ...officialEndpoint(plugin), baseUrl: CUSTOM_BASE_URL, official: false };
}

/** The context `parseModels` gets for the plugin's default endpoint. */
export function parseContext(plugin: ProviderPlugin): ParseModelsContext {
  return { providerId: plugin.id, baseUrl: officialEndpoint(plugin).baseUrl };
}

/** The plugin's offerings as the registry holds them. */
export function registeredOfferings(plugin: ProviderPlugin): ProviderModelOffering[] {
  return plugin.offerings.map((offering) => ({ ...offering, provider: plugin.id }));
}

// ---------------------------------------------------------------------------------------------------------------
// Registration and provenance

/** The registry accepts the plugin; descriptor and offerings are schema-valid; every offering's model is in `plugin.models`. */
export function checkRegistration(plugin: ProviderPlugin): void {
  const problems: string[] = [];
  try {
    createRegistry({ plugins: [plugin] });
  } catch (error) {
    problems.push(`createRegistry({ plugins: [plugin] }) threw ${describeThrown(error)}`);
  }
  const descriptor = providerDescriptorSchema.safeParse(plugin.descriptor);
  if (!descriptor.success) problems.push(...zodProblems('descriptor', descriptor.error));
  if (plugin.id !== plugin.descriptor.id)
    problems.push(`plugin id "${plugin.id}" differs from descriptor id "${plugin.descriptor.id}"`);
  if (!plugin.descriptor.endpoints[plugin.descriptor.defaultEndpoint])
    problems.push(`defaultEndpoint "${plugin.descriptor.defaultEndpoint}" is not among descriptor.endpoints`);
  const models = new Set(plugin.models.map((model) => model.id));
  plugin.offerings.forEach((offering, index) => {
    const where = `offerings[${index}] (${offering.wireId})`;
    const parsed = offeringEntrySchema.safeParse(offering);
    if (!parsed.success) problems.push(...zodProblems(where, parsed.error));
    if (!models.has(offering.model))
      problems.push(`${where}: canonical model "${offering.model}" is not among plugin.models`);
  });
  failWith(problems, `${plugin.id} does not register cleanly`);
}

function hasSourceUrl(fact: unknown): boolean {
  const url = (fact as { source?: { url?: unknown } } | undefined)?.source?.url;
  return typeof url === 'string' && URL.canParse(url);
}

function meterProblems(meter: UsageMeter, where: string): string[] {
  const problems: string[] = [];
  if ('source' in meter && !hasSourceUrl(meter)) problems.push(`${where}: a ${meter.kind} meter without source.url`);
  if (meter.kind !== 'token-pricing') return problems;
  const rateSets: [string, Readonly<Record<string, number | undefined>> | undefined][] = [
    ['rates', meter.rates],
    ...(meter.contextTiers ?? []).map((tier, index): [string, Readonly<Record<string, number | undefined>>] => [
      `contextTiers[${index}].rates`,
      tier.rates,
    ]),
    ...(meter.timeTiers ?? []).map(
      (tier, index): [string, Readonly<Record<string, number | undefined>> | undefined] => [
        `timeTiers[${index}].rates`,
        tier.rates,
      ],
    ),
  ];
  for (const [path, rates] of rateSets) {
    for (const [tokenClass, rate] of Object.entries(rates ?? {})) {
      if (rate === undefined) continue;
      if (rate === 0) problems.push(`${where}.${path}.${tokenClass} is 0 (an unknown price is left out, never 0)`);
      else if (!Number.isFinite(rate) || rate < 0) problems.push(`${where}.${path}.${tokenClass} is ${rate}`);
    }
  }
  return problems;
}

/** Every token-pricing meter and every non-unknown limit carries `source.url`; no price is 0. */
export function checkProvenance(plugin: ProviderPlugin): void {
  const problems: string[] = [];
  plugin.offerings.forEach((offering, index) => {
    const where = `offerings[${index}] (${offering.wireId})`;
    for (const [name, limit] of Object.entries(offering.limits ?? {})) {
      if (limit !== undefined && limit !== 'unknown' && !hasSourceUrl(limit))
        problems.push(`${where}.limits.${name}: a value without source.url`);
    }
    problems.push(...meterProblems(offering.meter, `${where}.meter`));
  });
  plugin.models.forEach((model, index) => {
    for (const [name, limit] of Object.entries(model.limits)) {
      if (limit !== 'unknown' && !hasSourceUrl(limit))
        problems.push(`models[${index}] (${model.id}).limits.${name}: a value without source.url`);
    }
  });
  failWith(problems, `${plugin.id} has facts without provenance`);
}

// ---------------------------------------------------------------------------------------------------------------
// Model-id policy

/** The ids the policy is run on: the standard table plus the plugin's own wire ids and aliases. */
export function policyIds(plugin: ProviderPlugin): ConformanceModelId[] {
  const own = plugin.offerings.flatMap((offering) => [
    { label: `offering wire id ${offering.wireId}`, id: offering.wireId },
    ...(offering.aliases ?? []).map((alias) => ({ label: `offering alias ${alias}`, id: alias })),
  ]);
  return [...CONFORMANCE_MODEL_IDS, ...own];
}

/**
 * `classify` never throws and gives one of the four verdicts with a reason, on the official and on a custom endpoint;
 * ids with inner whitespace or control characters, or over 512 characters, are never `pass-through`; a `mapped`
 * verdict names a valid wire id. `lookupKey` (if any) never throws and is idempotent.
 */
export function checkModelIdPolicy(plugin: ProviderPlugin): void {
  const problems: string[] = [];
  const { classify, lookupKey } = plugin.modelIdPolicy;
  const endpoints = [officialEndpoint(plugin), customEndpoint(plugin)];
  for (const { id } of policyIds(plugin)) {
    for (const { protocol: _protocol, ...endpoint } of endpoints) {
      const where = `classify(${label(id)}) on ${endpoint.official ? 'the official' : 'a custom'} endpoint`;
      const context: ModelIdContext = { providerId: plugin.id, endpoint };
      let verdict: unknown;
      try {
        verdict = classify(id, context);
      } catch (error) {
        problems.push(`${where} threw ${describeThrown(error)}`);
        continue;
      }
      const kind = (verdict as { kind?: unknown } | undefined)?.kind;
      const reason = (verdict as { reason?: unknown } | undefined)?.reason;
      if (!(VERDICT_KINDS as readonly unknown[]).includes(kind)) {
        problems.push(`${where} returned kind ${JSON.stringify(kind)}, not one of ${VERDICT_KINDS.join(', ')}`);
        continue;
      }
      if (typeof reason !== 'string' || reason.trim() === '') problems.push(`${where} (${String(kind)}) has no reason`);
      if (kind === 'pass-through' && mustNotPassThrough(id))
        problems.push(
          `${where} is pass-through, but the id has inner whitespace, a control character, or more than 512 characters`,
        );
      if (kind === 'mapped' && !wireModelIdSchema.safeParse((verdict as { wireId?: unknown }).wireId).success) {
        problems.push(
          `${where} maps to ${JSON.stringify((verdict as { wireId?: unknown }).wireId)}, which is not a valid wire id`,
        );
      }
      const suggestion = (verdict as { suggestion?: unknown }).suggestion;
      if (suggestion !== undefined && (typeof suggestion !== 'string' || suggestion.trim() === ''))
        problems.push(`${where} has an empty or non-string suggestion`);
    }
    if (!lookupKey) continue;
    try {
      const key = lookupKey(id);
      if (typeof key !== 'string') problems.push(`lookupKey(${label(id)}) returned ${typeof key}, not a string`);
      else if (lookupKey(key) !== key)
        problems.push(`lookupKey is not idempotent on ${label(id)}: ${label(key)} then ${label(lookupKey(key))}`);
    } catch (error) {
      problems.push(`lookupKey(${label(id)}) threw ${describeThrown(error)}`);
    }
  }
  failWith(problems, `${plugin.id}'s model-id policy misbehaves`);
}

// ---------------------------------------------------------------------------------------------------------------
// Discovery

function recordProblems(records: unknown, where: string): string[] {
  if (!Array.isArray(records)) return [`${where} returned ${typeof records}, not an array of records`];
  return records.flatMap((record, index) => {
    const parsed = liveModelRecordSchema.safeParse(record);
    return parsed.success ? [] : zodProblems(`${where} record[${index}]`, parsed.error);
  });
}

function parseModelsOf(plugin: ProviderPlugin) {
  const discovery = plugin.discovery;
  if (!discovery) throw new Error(`[conformance] ${plugin.id} has no discovery part.`);
  return (body: unknown) => discovery.parseModels(body, parseContext(plugin));
}

/** A recorded listing parses into at least `minRecords` schema-valid records, the same from a frozen copy (no mutation). */
export function checkRecordedListing(
  plugin: ProviderPlugin,
  listing: { readonly name: string; readonly body: unknown; readonly minRecords?: number },
): void {
  const parse = parseModelsOf(plugin);
  const where = `parseModels(${listing.name})`;
  let records: unknown;
  try {
    records = parse(structuredClone(listing.body));
  } catch (error) {
    failWith([`${where} threw ${describeThrown(error)}`], `${plugin.id} cannot parse its own recorded listing`);
    return;
  }
  const problems = recordProblems(records, where);
  const minRecords = listing.minRecords ?? 1;
  if (Array.isArray(records) && records.length < minRecords)
    problems.push(`${where} returned ${records.length} records, expected at least ${minRecords}`);
  try {
    const again = parse(deepFrozenCopy(listing.body));
    if (JSON.stringify(again) !== JSON.stringify(records))
      problems.push(`${where} gave different records for a frozen copy of the same body (not a pure function)`);
  } catch (error) {
    problems.push(
      `${where} threw on a deep-frozen copy of the body (it must not mutate its input): ${describeThrown(error)}`,
    );
  }
  failWith(problems, `${plugin.id}'s records from ${listing.name} are not valid`);
}

/** A malformed body gives schema-valid records or a `ListingParseError`, never another error (nor prototype pollution). */
export function checkMalformedListing(plugin: ProviderPlugin, body: unknown): void {
  const parse = parseModelsOf(plugin);
  let records: unknown;
  try {
    records = parse(body);
  } catch (error) {
    if (!ListingParseError.isInstance(error))
      failWith(
        [`parseModels threw ${describeThrown(error)}, not a ListingParseError`],
        `${plugin.id} crashes on a malformed listing`,
      );
    return;
  } finally {
    const polluted = ({} as Record<string, unknown>).polluted;
    if (polluted !== undefined) {
      delete (Object.prototype as Record<string, unknown>).polluted;
      failWith(
        ['parseModels polluted Object.prototype from a __proto__ key'],
        `${plugin.id} is open to prototype pollution`,
      );
    }
  }
  failWith(recordProblems(records, 'parseModels'), `${plugin.id} returns invalid records for a malformed listing`);
}

function canaryInError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  return findCanary(`${error.message}\n${JSON.stringify({ ...error })}`);
}

/**
 * A recorded listing with planted secrets in unknown fields of every object still parses, to the same ids, and no
 * record holds a planted secret.
 */
export function checkPlantedRecordedListing(
  plugin: ProviderPlugin,
  listing: { readonly name: string; readonly body: unknown },
): void {
  const parse = parseModelsOf(plugin);
  const where = `parseModels(${listing.name} with planted secrets)`;
  const expected = (parse(structuredClone(listing.body)) as readonly { readonly id: string }[]).map(
    (record) => record.id,
  );
  let records: readonly { readonly id: string }[];
  try {
    records = parse(plantCanaries(listing.body));
  } catch (error) {
    const leaked = canaryInError(error);
    failWith(
      [
        `${where} threw ${describeThrown(leaked ? new Error('(message withheld: it holds a planted secret)') : error)}: unknown fields must not turn a good listing into an error`,
      ],
      `${plugin.id} rejects unknown fields`,
    );
    return;
  }
  const problems: string[] = [];
  const leaked = findCanary(JSON.stringify(records));
  if (leaked) problems.push(`${where} copied a planted secret into a record`);
  const ids = records.map((record) => record.id);
  if (JSON.stringify(ids) !== JSON.stringify(expected))
    problems.push(
      `${where} listed ${JSON.stringify(ids)}, not ${JSON.stringify(expected)} as without the planted fields`,
    );
  failWith(problems, `${plugin.id} leaks or changes records when a listing has unknown fields`);
}

/** A synthetic listing with planted secrets gives canary-free records, or a canary-free `ListingParseError`. */
export function checkPlantedSyntheticListing(plugin: ProviderPlugin, body: unknown): void {
  const parse = parseModelsOf(plugin);
  let records: unknown;
  try {
    records = parse(body);
  } catch (error) {
    if (!ListingParseError.isInstance(error))
      failWith(
        [`parseModels threw ${describeThrown(error)}, not a ListingParseError`],
        `${plugin.id} crashes on a listing with unknown fields`,
      );
    else if (canaryInError(error))
      failWith(['the ListingParseError quotes a planted secret'], `${plugin.id} leaks a planted secret`);
    return;
  }
  const problems = recordProblems(records, 'parseModels');
  if (findCanary(JSON.stringify(records))) problems.push('a record holds a planted secret');
  failWith(problems, `${plugin.id} leaks a planted secret or returns invalid records`);
}

// ---------------------------------------------------------------------------------------------------------------
// Health

/** `probe` never throws, returns a known state with at least one evidence line, and no planted secret anywhere. */
export async function checkHealthProbe(
  plugin: ProviderPlugin,
  context: LiveContext,
  expectedState?: HealthState,
): Promise<void> {
  const health = plugin.health;
  if (!health) throw new Error(`[conformance] ${plugin.id} has no health part.`);
  let result: unknown;
  try {
    result = await health.probe(context);
  } catch (error) {
    failWith(
      [`probe threw ${describeThrown(error)}; a probe reports failures as states`],
      `${plugin.id}'s health probe throws`,
    );
    return;
  }
  const problems: string[] = [];
  const { state, evidence, models, version } = (result ?? {}) as {
    state?: unknown;
    evidence?: unknown;
    models?: unknown;
    version?: unknown;
  };
  if (!(HEALTH_STATES as readonly unknown[]).includes(state))
    problems.push(`state ${JSON.stringify(state)} is not one of ${HEALTH_STATES.join(', ')}`);
  if (!Array.isArray(evidence) || evidence.length === 0) problems.push('no evidence line');
  else if (!evidence.every((line) => typeof line === 'string' && line.trim() !== ''))
    problems.push('an evidence line is empty or not a string');
  if (models !== undefined && !(Array.isArray(models) && models.every((model) => typeof model === 'string')))
    problems.push('models is not a list of strings');
  if (version !== undefined && typeof version !== 'string') problems.push('version is not a string');
  if (findCanary(JSON.stringify(result) ?? '')) problems.push('the result holds a planted secret');
  if (expectedState !== undefined && state !== expectedState)
    problems.push(
      `state is ${JSON.stringify(state)}, expected ${JSON.stringify(expectedState)} (evidence: ${JSON.stringify(evidence)})`,
    );
  failWith(problems, `${plugin.id}'s health result is not valid`);
}

// ---------------------------------------------------------------------------------------------------------------
// Usage meter

/** `describe` gives a schema-valid meter on the official endpoint (each offering, and none) and a non-pricing one on a custom endpoint. */
export function checkMeterDescribe(plugin: ProviderPlugin): void {
  const problems: string[] = [];
  const offerings = registeredOfferings(plugin);
  const cases: {
    where: string;
    offering: ProviderModelOffering | undefined;
    endpoint: RouteEndpointContext;
    custom: boolean;
  }[] = [
    ...offerings.map((offering) => {
      const { protocol: _protocol, ...endpoint } = officialEndpoint(
        plugin,
        offering.endpoint ?? plugin.descriptor.defaultEndpoint,
      );
      return { where: `${offering.wireId} on its official endpoint`, offering, endpoint, custom: false };
    }),
    {
      where: 'an id without offering on the official endpoint',
      offering: undefined,
      endpoint: stripProtocol(officialEndpoint(plugin)),
      custom: false,
    },
    {
      where: 'an id without offering on a custom endpoint',
      offering: undefined,
      endpoint: stripProtocol(customEndpoint(plugin)),
      custom: true,
    },
    ...offerings.map((offering) => ({
      where: `${offering.wireId} on a custom endpoint`,
      offering,
      endpoint: stripProtocol(customEndpoint(plugin)),
      custom: true,
    })),
  ];
  for (const { where, offering, endpoint, custom } of cases) {
    let meter: unknown;
    try {
      meter = plugin.usageMeter.describe({ providerId: plugin.id, offering, endpoint });
    } catch (error) {
      problems.push(`describe(${where}) threw ${describeThrown(error)}`);
      continue;
    }
    const parsed = usageMeterSchema.safeParse(meter);
    if (!parsed.success) problems.push(...zodProblems(`describe(${where})`, parsed.error));
    else if (custom && parsed.data.kind === 'token-pricing')
      problems.push(`describe(${where}) is token-pricing: catalog prices apply only on the official endpoint`);
  }
  failWith(problems, `${plugin.id}'s usage meter is not valid`);
}

function stripProtocol(endpoint: RouteEndpointContext & { readonly protocol: string }): RouteEndpointContext {
  const { protocol: _protocol, ...rest } = endpoint;
  return rest;
}

/** `read` rejects with a typed error (`ProviderHttpError` / `ListingParseError`), or resolves a reading of a known kind. */
export async function checkMeterRead(plugin: ProviderPlugin, context: LiveContext, mustReject: boolean): Promise<void> {
  const read = plugin.usageMeter.read;
  if (!read) throw new Error(`[conformance] ${plugin.id} has no usageMeter.read.`);
  let reading: unknown;
  try {
    reading = await read(context);
  } catch (error) {
    if (!isTypedError(error))
      failWith(
        [`read threw ${describeThrown(error)}, not a ProviderHttpError or ListingParseError`],
        `${plugin.id}'s meter read crashes`,
      );
    return;
  }
  const problems: string[] = [];
  if (mustReject) problems.push(`read resolved ${JSON.stringify(reading)?.slice(0, 200)} for a failed request`);
  const { kind, fetchedAt } = (reading ?? {}) as { kind?: unknown; fetchedAt?: unknown };
  if (!(READING_KINDS as readonly unknown[]).includes(kind))
    problems.push(`reading kind ${JSON.stringify(kind)} is not one of ${READING_KINDS.join(', ')}`);
  if (typeof fetchedAt !== 'string' || Number.isNaN(Date.parse(fetchedAt)))
    problems.push('reading has no fetchedAt time');
  failWith(problems, `${plugin.id}'s meter reading is not valid`);
}

// ---------------------------------------------------------------------------------------------------------------
// Reasoning

/** A value JSON can carry unchanged: null, booleans, finite numbers, strings, arrays and plain objects of those. */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainJson(item, depth + 1));
}

/**
 * For every level of `REASONING_LEVELS`: `map` returns a level in `REASONING_LEVELS` and plain-JSON params; when the
 * applied level differs from the asked one there is a note and `clampedFrom` is set; `clampedFrom`, when set, is the
 * asked level.
 */
export function checkReasoning(plugin: ProviderPlugin, context: ReasoningContext): void {
  const reasoning = plugin.reasoning;
  if (!reasoning) throw new Error(`[conformance] ${plugin.id} has no reasoning part.`);
  const problems: string[] = [];
  for (const asked of REASONING_LEVELS) {
    const where = `map(${asked})`;
    let mapping: unknown;
    try {
      mapping = reasoning.map(asked, context);
    } catch (error) {
      problems.push(`${where} threw ${describeThrown(error)}`);
      continue;
    }
    const { level, params, note, clampedFrom } = (mapping ?? {}) as {
      level?: unknown;
      params?: unknown;
      note?: unknown;
      clampedFrom?: unknown;
    };
    if (!(REASONING_LEVELS as readonly unknown[]).includes(level))
      problems.push(`${where} applied level ${JSON.stringify(level)}, not one of ${REASONING_LEVELS.join(', ')}`);
    if (typeof params !== 'object' || params === null || Array.isArray(params) || !isPlainJson(params))
      problems.push(`${where} params are not a plain JSON object`);
    if (note !== undefined && (typeof note !== 'string' || note.trim() === ''))
      problems.push(`${where} has an empty note`);
    if (level !== asked) {
      if (typeof note !== 'string' || note.trim() === '')
        problems.push(`${where} applied ${JSON.stringify(level)} without a note saying why`);
      if (clampedFrom === undefined) problems.push(`${where} applied ${JSON.stringify(level)} without clampedFrom`);
    }
    // clampedFrom may be set with the same level (asked "off", but nothing can switch reasoning off): it names the ask.
    if (clampedFrom !== undefined && clampedFrom !== asked)
      problems.push(`${where} sets clampedFrom ${JSON.stringify(clampedFrom)}, not the asked "${asked}"`);
  }
  failWith(
    problems,
    `${plugin.id}'s reasoning mapping is not valid for ${context.wireModelId} on ${context.endpoint.official ? 'the official' : 'a custom'} endpoint`,
  );
}

/** Reasoning contexts: each offering on its official endpoint, and a pass-through id on the official and a custom endpoint. */
export function reasoningContexts(
  plugin: ProviderPlugin,
): { readonly name: string; readonly context: ReasoningContext }[] {
  const passThroughId = 'conformance-unlisted-model-7b';
  return [
    ...registeredOfferings(plugin).map((offering) => ({
      name: `offering ${offering.wireId}`,
      context: {
        wireModelId: offering.wireId,
        offering,
        endpoint: officialEndpoint(plugin, offering.endpoint ?? plugin.descriptor.defaultEndpoint),
      },
    })),
    {
      name: `pass-through id ${passThroughId} (official endpoint)`,
      context: { wireModelId: passThroughId, offering: undefined, endpoint: officialEndpoint(plugin) },
    },
    {
      name: `pass-through id ${passThroughId} (custom endpoint)`,
      context: { wireModelId: passThroughId, offering: undefined, endpoint: customEndpoint(plugin) },
    },
  ];
}
