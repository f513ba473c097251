import { MAX_PRICE_PER_MILLION, TOKEN_CLASSES, type TokenClass } from '../schema/constants.js';
import type {
  ContextPriceTier,
  TimePriceTier,
  TokenPricingMeter,
  TokenRates,
  UsageMeter,
} from '../schema/usage-meter.js';
import { MAX_USAGE_TOKENS, safeLabel } from '../usage/usage-counts.js';
import type { NormalisedUsage, UsageCost, UsageCostLine } from '../usage/usage-types.js';
import { inTimeWindow, UnknownTimeZone } from './time-window.js';

/** Why a price cannot be given; caught in {@link priceUsage} and turned into `{ known: false, reason }`. */
class PriceFault {
  constructor(readonly reason: string) {}
}

const TOKENS_PER_MILLION = 1_000_000;

/** Rounds to 1e-12 currency units (far below any real price) to drop float noise; a larger value never rounds lower. */
function round(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

function unknown(reason: string): UsageCost {
  return { known: false, reason };
}

/** A count of the usage: a whole number from 0 to MAX_USAGE_TOKENS, or undefined when absent. */
function count(usage: NormalisedUsage, key: keyof Omit<NormalisedUsage, 'durations'>): number | undefined {
  const value = usage[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_USAGE_TOKENS)
    throw new PriceFault(`usage ${key} is not a token count (${typeof value === 'number' ? value : typeof value})`);
  return value;
}

/** The context tier for a prompt of `inputTokens`: the one with the largest `minInputTokens` it reaches. */
function contextTierFor(meter: TokenPricingMeter, inputTokens: number): ContextPriceTier | undefined {
  let chosen: ContextPriceTier | undefined;
  for (const tier of meter.contextTiers ?? [])
    if (inputTokens >= tier.minInputTokens && (!chosen || tier.minInputTokens > chosen.minInputTokens)) chosen = tier;
  return chosen;
}

/** The first time tier (in the meter's order) with a window that holds `at`. */
function timeTierAt(meter: TokenPricingMeter, at: Date): TimePriceTier | undefined {
  try {
    return meter.timeTiers?.find((tier) => tier.windows.some((window) => inTimeWindow(window, at)));
  } catch (error) {
    if (error instanceof UnknownTimeZone)
      throw new PriceFault(
        `the meter's time tier uses a time zone this runtime does not know: ${safeLabel(error.timeZone)}`,
      );
    throw error;
  }
}

/** Checks a rate as the schema does: finite, positive, at most MAX_PRICE_PER_MILLION. */
function checkRates(rates: TokenRates, where: string): void {
  for (const [tokenClass, rate] of Object.entries(rates)) {
    if (rate === undefined) continue;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > MAX_PRICE_PER_MILLION)
      throw new PriceFault(`${where} ${safeLabel(tokenClass)} rate is not a usable price (${safeLabel(rate)})`);
  }
}

/** The rates that apply, with the tiers that chose them. */
function ratesFor(
  meter: TokenPricingMeter,
  inputTokens: number,
  at: Date,
): { readonly rates: TokenRates; readonly timeTier?: string; readonly contextTier?: number } {
  checkRates(meter.rates, 'the meter');
  const context = contextTierFor(meter, inputTokens);
  if (context) checkRates(context.rates, `context tier ${context.minInputTokens}`);
  // A context tier's rates replace the base rates whole: a class it leaves out has no known price there.
  const base = context ? context.rates : meter.rates;
  const time = timeTierAt(meter, at);
  const tiers = {
    ...(time ? { timeTier: time.name } : {}),
    ...(context ? { contextTier: context.minInputTokens } : {}),
  };
  if (!time) return { rates: base, ...tiers };
  if (time.multiplier !== undefined) {
    if (!Number.isFinite(time.multiplier) || time.multiplier <= 0)
      throw new PriceFault(`time tier "${time.name}" has no usable multiplier`);
    const multiplier = time.multiplier;
    const rates = Object.fromEntries(
      Object.entries(base).map(([tokenClass, rate]) => [
        tokenClass,
        rate === undefined ? rate : round(rate * multiplier),
      ]),
    ) as TokenRates;
    return { rates, ...tiers };
  }
  if (time.rates === undefined) throw new PriceFault(`time tier "${time.name}" has neither a multiplier nor rates`);
  if (context)
    throw new PriceFault(
      `the meter does not say how time tier "${time.name}"'s own rates combine with the context tier from ${context.minInputTokens} input tokens`,
    );
  checkRates(time.rates, `time tier "${time.name}"`);
  // A time tier's own rates replace the base rates whole, as a context tier's do.
  return { rates: time.rates, ...tiers };
}

/** Tokens per class: input is the uncached part; output excludes reasoning only when reasoning is priced apart. */
function tokensByClass(
  usage: NormalisedUsage,
  rates: TokenRates,
  free: ReadonlySet<TokenClass>,
): Readonly<Record<TokenClass, number>> {
  const inputTokens = count(usage, 'inputTokens');
  const outputTokens = count(usage, 'outputTokens');
  if (inputTokens === undefined) throw new PriceFault('the usage has no input token count');
  if (outputTokens === undefined) throw new PriceFault('the usage has no output token count');
  const needed = (
    tokenClass: TokenClass,
    key: 'cachedInputTokens' | 'cacheWriteTokens' | 'reasoningTokens',
  ): number => {
    const value = count(usage, key);
    if (value !== undefined) return value;
    // The meter prices this class at its own rate, and the usage does not say how many tokens it had.
    if (rates[tokenClass] !== undefined && !free.has(tokenClass))
      throw new PriceFault(`the meter has a ${tokenClass} rate, and the usage does not say how many ${key} there were`);
    return 0;
  };
  const cachedInput = needed('cachedInput', 'cachedInputTokens');
  const cacheWrite = needed('cacheWrite', 'cacheWriteTokens');
  if (cachedInput + cacheWrite > inputTokens)
    throw new PriceFault(`cached and cache-write tokens exceed the ${inputTokens} input tokens`);
  const reasoningApart = rates.reasoning !== undefined || free.has('reasoning');
  const reasoning = reasoningApart ? needed('reasoning', 'reasoningTokens') : 0;
  if (reasoning > outputTokens) throw new PriceFault(`reasoning tokens exceed the ${outputTokens} output tokens`);
  return {
    input: inputTokens - cachedInput - cacheWrite,
    cachedInput,
    cacheWrite,
    output: outputTokens - reasoning,
    reasoning,
  };
}

function priceTokens(meter: TokenPricingMeter, usage: NormalisedUsage, at: Date): UsageCost {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new PriceFault('the request time is not a valid date');
  if (meter.effectiveFrom !== undefined && at.toISOString().slice(0, 10) < meter.effectiveFrom)
    throw new PriceFault(`these prices apply from ${meter.effectiveFrom} (UTC), after the request`);
  const inputTokens = count(usage, 'inputTokens');
  if (inputTokens === undefined) throw new PriceFault('the usage has no input token count');
  const { rates, timeTier, contextTier } = ratesFor(meter, inputTokens, at);
  const free = new Set<TokenClass>(meter.freeTokenClasses ?? []);
  const tokens = tokensByClass(usage, rates, free);
  const breakdown: UsageCostLine[] = [];
  let amount = 0;
  for (const tokenClass of TOKEN_CLASSES) {
    const n = tokens[tokenClass];
    if (n === 0) continue;
    if (free.has(tokenClass)) {
      breakdown.push({ tokenClass, tokens: n, ratePerMillion: 0, amount: 0, free: true });
      continue;
    }
    const rate = rates[tokenClass];
    if (rate === undefined)
      throw new PriceFault(
        `no ${tokenClass} rate${timeTier ? ` in time tier "${timeTier}"` : ''}${contextTier ? ` in the context tier from ${contextTier} input tokens` : ''} for ${n} tokens`,
      );
    const lineAmount = round((n * rate) / TOKENS_PER_MILLION);
    breakdown.push({ tokenClass, tokens: n, ratePerMillion: rate, amount: lineAmount });
    amount += lineAmount;
  }
  return {
    known: true,
    amount: round(amount),
    currency: meter.currency,
    breakdown,
    ...(timeTier !== undefined ? { timeTier } : {}),
    ...(contextTier !== undefined ? { contextTier } : {}),
    source: meter.source,
  };
}

/**
 * The price of one request's usage under a route's meter at the request time `at`. Token classes: `input` is the
 * uncached input (inputTokens − cachedInputTokens − cacheWriteTokens), then `cachedInput`, `cacheWrite`, `output`
 * and `reasoning`. Reasoning tokens are part of the output: when the meter has a `reasoning` rate (or lists it as
 * free) they are priced at it and taken out of `output`; otherwise they are priced as output, once.
 *
 * Tiers: the context tier with the largest `minInputTokens` the prompt (all input tokens) reaches replaces the base
 * rates; then the first time tier with a window holding `at` (on the window's own time-zone clock, `end` exclusive)
 * multiplies them, or replaces them with its own rates. Free token classes cost 0 and are marked `free: true`.
 *
 * Never throws, never guesses: a meter that is not token pricing (unknown, local, subscription quota, account
 * credits), a class with tokens and no rate, a missing count the meter needs (input, output, or a cached, cache-write
 * or reasoning count the meter prices apart), an invalid count, time or rate gives `{ known: false, reason }`. An
 * absent cached, cache-write or reasoning count the meter has no rate for counts as none.
 */
export function priceUsage(meter: UsageMeter, usage: NormalisedUsage, at: Date): UsageCost {
  try {
    switch (meter.kind) {
      case 'token-pricing':
        return priceTokens(meter, usage, at);
      case 'unknown':
        return unknown(`no price for this route: ${meter.reason}`);
      case 'local':
        return unknown('a local runtime: the cost is your own hardware, not a price per token');
      case 'subscription-quota':
        return unknown('a subscription quota: requests count against the plan, not a price per token');
      case 'account-credits':
        return unknown('prepaid account credits: the catalog has no price per token (read the balance live)');
      default:
        return unknown(`unknown meter kind "${safeLabel((meter as { kind?: unknown }).kind)}"`);
    }
  } catch (error) {
    if (error instanceof PriceFault) return unknown(error.reason);
    return unknown('the meter or usage could not be read');
  }
}
