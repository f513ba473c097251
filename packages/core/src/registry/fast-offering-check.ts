import { MAX_PRICE_PER_MILLION, TOKEN_CLASSES } from '../schema/constants.js';
/**
 * A structural check of one offering entry that accepts exactly what `offeringEntrySchema` accepts,
 * several times faster than zod on large catalogs (checked against zod by a property test). When it
 * says no, the registry asks zod for the detailed issues. Rare parts (tiers, deprecations, non-pricing
 * meters) are delegated to their zod schemas, so only the hot path is written by hand.
 */
import { z } from 'zod';
import { deprecationSchema } from '../schema/model-profile.js';
import { provenanceKindSchema } from '../schema/provenance.js';
import {
  accountCreditsMeterSchema,
  contextPriceTierSchema,
  subscriptionQuotaMeterSchema,
  timePriceTierSchema,
} from '../schema/usage-meter.js';

type Plain = Record<string, unknown>;

const CANONICAL_ID = /^[a-z0-9][a-z0-9.]*(?:-[a-z0-9.]+)*$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CURRENCY = /^[A-Z]{3}$/;
const TOKEN_CLASS_SET: ReadonlySet<string> = new Set(TOKEN_CLASSES);
const PROVENANCE_KINDS: ReadonlySet<string> = new Set(provenanceKindSchema.options);
const STATUSES: ReadonlySet<string> = new Set(['active', 'preview', 'deprecated', 'retired']);
const CAPABILITY_KEYS: ReadonlySet<string> = new Set(['reasoning', 'tools', 'json', 'streaming', 'vision']);
/** A reasoning control's name (offering.ts `reasoningControlFactSchema`). */
const CONTROL_NAME = /^[a-z0-9][a-z0-9-]*$/;
const LIMIT_KEYS: ReadonlySet<string> = new Set(['contextWindow', 'maxOutput']);

const urlSchema = z.url();

function isObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Plain, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function optionalNonEmptyString(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.length > 0);
}

function isPrice(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_PRICE_PER_MILLION;
}

const PROVENANCE_KEYS: ReadonlySet<string> = new Set(['url', 'retrieved', 'verified', 'kind', 'uncertain', 'note']);
const TOKEN_LIMIT_KEYS: ReadonlySet<string> = new Set(['value', 'source', 'note']);
const CAPABILITY_FACT_KEYS: ReadonlySet<string> = new Set(['value', 'source', 'note']);
const TOKEN_PRICING_KEYS: ReadonlySet<string> = new Set([
  'kind',
  'currency',
  'rates',
  'freeTokenClasses',
  'timeTiers',
  'contextTiers',
  'effectiveFrom',
  'source',
  'note',
]);
const ENTRY_KEYS: ReadonlySet<string> = new Set([
  'model',
  'wireId',
  'aliases',
  'endpoint',
  'default',
  'limits',
  'capabilities',
  'reasoningControl',
  'meter',
  'status',
  'deprecations',
  'note',
]);

/** Reusable checker; holds a cache of URL verdicts so shared source URLs are parsed once. */
export function createFastOfferingCheck(): (entry: unknown) => boolean {
  const urlVerdicts = new Map<string, boolean>();

  function isUrl(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    let verdict = urlVerdicts.get(value);
    if (verdict === undefined) {
      verdict = urlSchema.safeParse(value).success;
      urlVerdicts.set(value, verdict);
    }
    return verdict;
  }

  function isProvenance(value: unknown): boolean {
    if (!isObject(value) || !onlyKeys(value, PROVENANCE_KEYS)) return false;
    if (!isUrl(value.url)) return false;
    if (typeof value.retrieved !== 'string' || !ISO_DATE.test(value.retrieved)) return false;
    if (value.verified !== undefined && (typeof value.verified !== 'string' || !ISO_DATE.test(value.verified)))
      return false;
    if (typeof value.kind !== 'string' || !PROVENANCE_KINDS.has(value.kind)) return false;
    if (value.uncertain !== undefined && typeof value.uncertain !== 'boolean') return false;
    return optionalNonEmptyString(value.note);
  }

  function isTokenLimit(value: unknown): boolean {
    if (value === 'unknown') return true;
    if (!isObject(value) || !onlyKeys(value, TOKEN_LIMIT_KEYS)) return false;
    const tokens = value.value;
    if (typeof tokens !== 'number' || !Number.isSafeInteger(tokens) || tokens <= 0) return false;
    return isProvenance(value.source) && optionalNonEmptyString(value.note);
  }

  function isCapabilityFact(value: unknown): boolean {
    if (value === 'unknown') return true;
    if (!isObject(value) || !onlyKeys(value, CAPABILITY_FACT_KEYS)) return false;
    if (value.value !== 'yes' && value.value !== 'no') return false;
    return isProvenance(value.source) && optionalNonEmptyString(value.note);
  }

  function isRates(value: unknown): boolean {
    if (!isObject(value)) return false;
    for (const key in value) if (!TOKEN_CLASS_SET.has(key) || !isPrice(value[key])) return false;
    return true;
  }

  function everyWith(value: unknown, check: (item: unknown) => boolean): boolean {
    if (!Array.isArray(value)) return false;
    for (const item of value) if (!check(item)) return false;
    return true;
  }

  function isTokenPricing(meter: Plain): boolean {
    if (!onlyKeys(meter, TOKEN_PRICING_KEYS)) return false;
    if (typeof meter.currency !== 'string' || !CURRENCY.test(meter.currency)) return false;
    if (!isRates(meter.rates) || !isProvenance(meter.source) || !optionalNonEmptyString(meter.note)) return false;
    if (
      meter.freeTokenClasses !== undefined &&
      !everyWith(meter.freeTokenClasses, (item) => typeof item === 'string' && TOKEN_CLASS_SET.has(item))
    )
      return false;
    if (
      meter.effectiveFrom !== undefined &&
      (typeof meter.effectiveFrom !== 'string' || !ISO_DATE.test(meter.effectiveFrom))
    )
      return false;
    if (
      meter.timeTiers !== undefined &&
      !everyWith(meter.timeTiers, (item) => timePriceTierSchema.safeParse(item).success)
    )
      return false;
    if (
      meter.contextTiers !== undefined &&
      !everyWith(meter.contextTiers, (item) => contextPriceTierSchema.safeParse(item).success)
    )
      return false;
    return true;
  }

  function isMeter(value: unknown): boolean {
    if (!isObject(value)) return false;
    switch (value.kind) {
      case 'token-pricing':
        return isTokenPricing(value);
      case 'unknown':
        for (const key in value) if (key !== 'kind' && key !== 'reason') return false;
        return typeof value.reason === 'string' && value.reason.length > 0;
      case 'local':
        for (const key in value) if (key !== 'kind' && key !== 'note') return false;
        return optionalNonEmptyString(value.note);
      case 'subscription-quota':
        return subscriptionQuotaMeterSchema.safeParse(value).success;
      case 'account-credits':
        return accountCreditsMeterSchema.safeParse(value).success;
      default:
        return false;
    }
  }

  return function isOfferingEntry(entry: unknown): boolean {
    if (!isObject(entry) || !onlyKeys(entry, ENTRY_KEYS)) return false;
    if (typeof entry.model !== 'string' || !CANONICAL_ID.test(entry.model)) return false;
    const wireId = entry.wireId;
    if (typeof wireId !== 'string' || wireId.length === 0 || wireId.length > 512 || wireId.trim() !== wireId)
      return false;
    if (
      entry.aliases !== undefined &&
      !everyWith(entry.aliases, (alias) => typeof alias === 'string' && alias.length > 0)
    )
      return false;
    if (!optionalNonEmptyString(entry.endpoint) || !optionalNonEmptyString(entry.note)) return false;
    if (entry.default !== undefined && typeof entry.default !== 'boolean') return false;
    if (entry.status !== undefined && (typeof entry.status !== 'string' || !STATUSES.has(entry.status))) return false;
    const limits = entry.limits;
    if (limits !== undefined) {
      if (!isObject(limits) || !onlyKeys(limits, LIMIT_KEYS)) return false;
      if (limits.contextWindow !== undefined && !isTokenLimit(limits.contextWindow)) return false;
      if (limits.maxOutput !== undefined && !isTokenLimit(limits.maxOutput)) return false;
    }
    const capabilities = entry.capabilities;
    if (capabilities !== undefined) {
      if (!isObject(capabilities) || !onlyKeys(capabilities, CAPABILITY_KEYS)) return false;
      for (const key in capabilities) {
        const fact = capabilities[key];
        if (fact !== undefined && !isCapabilityFact(fact)) return false;
      }
    }
    const control = entry.reasoningControl;
    if (control !== undefined) {
      if (!isObject(control) || !onlyKeys(control, CAPABILITY_FACT_KEYS)) return false;
      if (typeof control.value !== 'string' || !CONTROL_NAME.test(control.value)) return false;
      if (!isProvenance(control.source) || !optionalNonEmptyString(control.note)) return false;
    }
    if (
      entry.deprecations !== undefined &&
      !everyWith(entry.deprecations, (item) => deprecationSchema.safeParse(item).success)
    )
      return false;
    return isMeter(entry.meter);
  };
}
