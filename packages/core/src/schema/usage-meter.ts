import { z } from 'zod';
import { MAX_PRICE_PER_MILLION, TOKEN_CLASSES } from './constants.js';
import { isoDateSchema, provenanceSchema } from './provenance.js';

const tokenClassSchema = z.enum(TOKEN_CLASSES);

/** A rate in currency units per million tokens: finite, positive, at most {@link MAX_PRICE_PER_MILLION}. */
export const pricePerMillionSchema = z
  .number({ error: 'A price must be a finite number of currency units per million tokens.' })
  .positive({
    error: (issue) =>
      issue.input === 0
        ? 'A price of 0 reads as "unknown" here. Omit the token class if no source prices it, or list it in freeTokenClasses if the provider really charges nothing.'
        : 'A price cannot be negative.',
  })
  .max(MAX_PRICE_PER_MILLION, { error: `A price above ${MAX_PRICE_PER_MILLION} per million tokens is not plausible.` });

/** Rates per million tokens by token class; an absent class has no known price. */
export const tokenRatesSchema = z.partialRecord(tokenClassSchema, pricePerMillionSchema);

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Expected a time as HH:MM (24h).' });
const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** A recurring window of time, e.g. weekdays 01:00 to 04:00 UTC. `end` is exclusive. */
export const timeWindowSchema = z.strictObject({
  days: z.array(weekdaySchema).min(1),
  start: clockTimeSchema,
  end: clockTimeSchema,
  timezone: z.string().min(1).describe('IANA time zone, e.g. UTC or Asia/Shanghai.'),
});

/** A time-of-day price tier (e.g. a provider's peak hours): either a multiplier of the base rates, or its own rates. */
export const timePriceTierSchema = z
  .strictObject({
    name: z.string().min(1),
    windows: z.array(timeWindowSchema).min(1),
    multiplier: z.number().positive().max(100).optional(),
    rates: tokenRatesSchema.optional(),
  })
  .refine((tier) => (tier.multiplier === undefined) !== (tier.rates === undefined), {
    error: 'A time tier needs exactly one of multiplier or rates.',
  });

/** A context-length price tier: these rates apply when the prompt has at least `minInputTokens`. */
export const contextPriceTierSchema = z.strictObject({
  minInputTokens: z.number().int().positive(),
  rates: tokenRatesSchema,
});

/** Token pricing: rates per million tokens with provenance. Applies only on the offering's own official endpoint. */
export const tokenPricingMeterSchema = z.strictObject({
  kind: z.literal('token-pricing'),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'Expected an ISO 4217 currency code such as USD.' }),
  rates: tokenRatesSchema.describe('Base (or off-peak) rates per million tokens.'),
  freeTokenClasses: z
    .array(tokenClassSchema)
    .optional()
    .describe('Token classes the provider really does not charge for.'),
  timeTiers: z.array(timePriceTierSchema).optional(),
  contextTiers: z.array(contextPriceTierSchema).optional(),
  effectiveFrom: isoDateSchema.optional().describe('First day these prices applied.'),
  source: provenanceSchema,
  note: z.string().min(1).optional(),
});

/** A subscription with a usage quota (used percentage and reset time are read live). */
export const subscriptionQuotaMeterSchema = z.strictObject({
  kind: z.literal('subscription-quota'),
  plan: z.string().min(1).optional(),
  source: provenanceSchema,
  note: z.string().min(1).optional(),
});

/** Prepaid account credits (the balance is read live). */
export const accountCreditsMeterSchema = z.strictObject({
  kind: z.literal('account-credits'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  source: provenanceSchema,
  note: z.string().min(1).optional(),
});

/** A local runtime: costs are your own resources (memory, GPU), never "free". */
export const localMeterSchema = z.strictObject({
  kind: z.literal('local'),
  note: z.string().min(1).optional(),
});

/** No usable price: says why (custom endpoint, stale data, unpriced). */
export const unknownMeterSchema = z.strictObject({
  kind: z.literal('unknown'),
  reason: z.string().min(1),
});

/** How usage of a route is measured and paid for. */
export const usageMeterSchema = z.discriminatedUnion('kind', [
  tokenPricingMeterSchema,
  subscriptionQuotaMeterSchema,
  accountCreditsMeterSchema,
  localMeterSchema,
  unknownMeterSchema,
]);

/** Rates per million tokens by token class. @useDeclaredType */
export type TokenRates = z.infer<typeof tokenRatesSchema>;
/** A recurring time window. @useDeclaredType */
export type TimeWindow = z.infer<typeof timeWindowSchema>;
/** A time-of-day price tier. @useDeclaredType */
export type TimePriceTier = z.infer<typeof timePriceTierSchema>;
/** A context-length price tier. @useDeclaredType */
export type ContextPriceTier = z.infer<typeof contextPriceTierSchema>;
/** Token pricing meter. */
export type TokenPricingMeter = z.infer<typeof tokenPricingMeterSchema>;
/** Subscription-quota meter. @useDeclaredType */
export type SubscriptionQuotaMeter = z.infer<typeof subscriptionQuotaMeterSchema>;
/** Account-credits meter. @useDeclaredType */
export type AccountCreditsMeter = z.infer<typeof accountCreditsMeterSchema>;
/** Local-resources meter. @useDeclaredType */
export type LocalMeter = z.infer<typeof localMeterSchema>;
/** Unknown meter, with the reason. @useDeclaredType */
export type UnknownMeter = z.infer<typeof unknownMeterSchema>;
/** Any usage meter. */
export type UsageMeter = z.infer<typeof usageMeterSchema>;
/** The kind of a usage meter. */
export type UsageMeterKind = UsageMeter['kind'];
