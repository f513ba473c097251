import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offeringEntrySchema } from '../schema/offering.js';
import { createFastOfferingCheck } from './fast-offering-check.js';
import { expectedCases, propertyRuns } from '../__fixtures__/property-runs.js';

/** Mostly the valid arbitrary, sometimes any JSON-ish value: corrupts one node at a time, at every depth. */
/** Mostly the valid arbitrary, rarely a junk value: corrupts one node at a time, at every depth. */
function maybe<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.constantFrom(null, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', ' x', 'unknown', true, [], {}, 2 ** 60),
    fc.string(),
    fc.anything({ maxDepth: 2 }),
  );
  return fc.oneof({ arbitrary: valid, weight: 60 }, { arbitrary: junk, weight: 1 });
}

/** Mostly a good value, sometimes a bad one of the same type. */
function goodOrBad<T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...good), weight: 30 },
    { arbitrary: fc.constantFrom(...bad), weight: 1 },
  );
}

/** Optional key: absent, present as undefined, or a value. */
function optional<T>(arbitrary: fc.Arbitrary<T>) {
  return fc.option(arbitrary, { nil: undefined, freq: 3 });
}

/** An object with its required keys; rarely one required key dropped or an unknown key added. */
function record(
  shape: Record<string, fc.Arbitrary<unknown>>,
  required: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const base = fc.record(shape, { requiredKeys: [...required] as never[] }) as fc.Arbitrary<Record<string, unknown>>;
  const mutation = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 80 },
    { arbitrary: fc.constantFrom(...required, 'extra', 'Model').map((key) => ({ key })), weight: 1 },
  );
  return fc.tuple(base, mutation).map(([value, change]) => {
    if (!change) return value;
    if (required.includes(change.key)) {
      const { [change.key]: _dropped, ...rest } = value;
      return rest;
    }
    return { ...value, [change.key]: 1 };
  });
}

const date = goodOrBad(['2026-11-21', '2026-07-02'], ['2026-02-30', '2026-13-01', '26-11-21']);
const url = goodOrBad(
  ['https://docs.example.test/x', 'http://localhost:8000/v1'],
  ['not a url', 'file:///tmp/x', 'https://', ' https://a.test '],
);
const provenance = record(
  {
    url: maybe(url),
    retrieved: maybe(date),
    verified: optional(maybe(date)),
    kind: maybe(goodOrBad(['official', 'observed', 'third-party', 'user'], ['rumour'])),
    uncertain: optional(maybe(fc.boolean())),
    note: optional(maybe(goodOrBad(['x'], ['']))),
  },
  ['url', 'retrieved', 'kind'],
);
const tokenLimit = fc.oneof(
  fc.constant('unknown'),
  record(
    {
      value: maybe(
        fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 2_000_000 }), weight: 20 },
          { arbitrary: fc.integer({ min: -5, max: 0 }), weight: 1 },
          { arbitrary: fc.double(), weight: 1 },
        ),
      ),
      source: maybe(provenance),
      note: optional(goodOrBad(['n'], [''])),
    },
    ['value', 'source'],
  ),
);
const capability = fc.oneof(
  fc.constant('unknown'),
  record({ value: maybe(goodOrBad(['yes', 'no'], ['maybe'])), source: maybe(provenance) }, ['value', 'source']),
);
const reasoningControl = record(
  {
    value: maybe(goodOrBad(['deepseek-v4', 'gpt-oss'], ['DeepSeek', '-x', ''])),
    source: maybe(provenance),
    note: optional(goodOrBad(['n'], [''])),
  },
  ['value', 'source'],
);
const price = fc.oneof(
  { arbitrary: fc.double({ min: 0.001, max: 100_000, noNaN: true }), weight: 30 },
  { arbitrary: fc.constantFrom(0, -0.5, 100_000.01, Number.NaN, Number.POSITIVE_INFINITY), weight: 1 },
);
const rates = fc.dictionary(
  goodOrBad(['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'], ['images']),
  maybe(price),
  { maxKeys: 4 },
);
const window = record(
  {
    days: maybe(fc.array(goodOrBad(['mon', 'fri', 'sun'], ['xyz']), { minLength: 1, maxLength: 3 })),
    start: maybe(goodOrBad(['01:00'], ['24:00'])),
    end: maybe(goodOrBad(['04:00'], ['4:00'])),
    timezone: maybe(goodOrBad(['UTC'], [''])),
  },
  ['days', 'start', 'end', 'timezone'],
);
const timeTier = fc.oneof(
  record(
    {
      name: maybe(goodOrBad(['peak'], [''])),
      windows: maybe(fc.array(window, { minLength: 1, maxLength: 2 })),
      multiplier: maybe(goodOrBad([2], [0, 101])),
    },
    ['name', 'windows', 'multiplier'],
  ),
  record(
    {
      name: maybe(goodOrBad(['peak'], [''])),
      windows: maybe(fc.array(window, { minLength: 1, maxLength: 2 })),
      rates: maybe(rates),
      multiplier: optional(fc.constant(2)),
    },
    ['name', 'windows', 'rates'],
  ),
);
const meter = fc.oneof(
  {
    weight: 6,
    arbitrary: record(
      {
        kind: fc.constant('token-pricing'),
        currency: maybe(goodOrBad(['USD', 'CNY'], ['usd', 'DOLLARS'])),
        rates: maybe(rates),
        freeTokenClasses: optional(maybe(fc.array(goodOrBad(['cacheWrite', 'input'], ['nope']), { maxLength: 2 }))),
        timeTiers: optional(maybe(fc.array(timeTier, { maxLength: 2 }))),
        contextTiers: optional(
          maybe(
            fc.array(
              record({ minInputTokens: maybe(goodOrBad([200_000], [0, -1, 1.5])), rates: maybe(rates) }, [
                'minInputTokens',
                'rates',
              ]),
              { maxLength: 2 },
            ),
          ),
        ),
        effectiveFrom: optional(maybe(date)),
        source: maybe(provenance),
        note: optional(goodOrBad(['n'], [''])),
      },
      ['kind', 'currency', 'rates', 'source'],
    ),
  },
  {
    weight: 2,
    arbitrary: record({ kind: fc.constant('unknown'), reason: maybe(goodOrBad(['custom endpoint'], [''])) }, [
      'kind',
      'reason',
    ]),
  },
  { weight: 2, arbitrary: record({ kind: fc.constant('local'), note: optional(goodOrBad(['n'], [''])) }, ['kind']) },
  {
    weight: 1,
    arbitrary: record(
      {
        kind: fc.constant('account-credits'),
        currency: optional(maybe(goodOrBad(['USD'], ['x']))),
        source: maybe(provenance),
      },
      ['kind', 'source'],
    ),
  },
  {
    weight: 1,
    arbitrary: record(
      { kind: fc.constant('subscription-quota'), plan: optional(goodOrBad(['pro'], [''])), source: maybe(provenance) },
      ['kind', 'source'],
    ),
  },
  { weight: 1, arbitrary: record({ kind: fc.constantFrom('free', 'token_pricing') }, ['kind']) },
);
const deprecation = record(
  {
    date: maybe(date),
    kind: maybe(goodOrBad(['retired', 'renamed'], ['gone'])),
    note: maybe(goodOrBad(['n'], [''])),
    replacement: optional(goodOrBad(['x'], [''])),
    source: maybe(provenance),
  },
  ['date', 'kind', 'note', 'source'],
);

const entry = record(
  {
    model: maybe(goodOrBad(['deepseek-v4-pro', 'kimi-k2.6', 'gpt-oss-120b'], ['Qwen3', '-bad', 'a--b'])),
    wireId: maybe(
      fc.oneof(
        {
          arbitrary: goodOrBad(['deepseek-ai/DeepSeek-V4-Pro', 'qwen3-coder:30b'], [' padded', 'x'.repeat(513)]),
          weight: 5,
        },
        { arbitrary: fc.string({ minLength: 0, maxLength: 8 }), weight: 1 },
      ),
    ),
    aliases: optional(maybe(fc.array(maybe(goodOrBad(['fast'], [''])), { maxLength: 3 }))),
    endpoint: optional(maybe(goodOrBad(['chat'], ['']))),
    default: optional(maybe(fc.boolean())),
    limits: optional(maybe(record({ contextWindow: optional(tokenLimit), maxOutput: optional(tokenLimit) }, []))),
    capabilities: optional(
      maybe(record({ tools: optional(capability), vision: optional(capability), reasoning: optional(capability) }, [])),
    ),
    reasoningControl: optional(maybe(reasoningControl)),
    meter: maybe(meter),
    status: optional(maybe(goodOrBad(['active', 'retired'], ['gone']))),
    deprecations: optional(maybe(fc.array(deprecation, { maxLength: 2 }))),
    note: optional(goodOrBad(['n'], [''])),
  },
  ['model', 'wireId', 'meter'],
);

describe('fast offering check', () => {
  it('accepts exactly what offeringEntrySchema accepts', () => {
    const check = createFastOfferingCheck();
    let accepted = 0;
    fc.assert(
      fc.property(entry, (value) => {
        const expected = offeringEntrySchema.safeParse(value).success;
        if (expected) accepted++;
        expect(check(value)).toBe(expected);
      }),
      { numRuns: propertyRuns(20_000) },
    );
    // The generator must exercise both sides, or the agreement means nothing.
    expect(accepted).toBeGreaterThan(expectedCases(2_000));
    expect(accepted).toBeLessThan(propertyRuns(20_000) - expectedCases(2_000));
  }, 120_000);

  it('agrees on arbitrary non-offering values', () => {
    const check = createFastOfferingCheck();
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(check(value)).toBe(offeringEntrySchema.safeParse(value).success);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });
});
