import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenClass } from '../schema/constants.js';
import type { Provenance } from '../schema/provenance.js';
import type { TimeWindow, TokenPricingMeter, TokenRates, UsageMeter } from '../schema/usage-meter.js';
import { normaliseUsage } from '../usage/normalise-usage.js';
import type { NormalisedUsage, UsageCost } from '../usage/usage-types.js';
import { priceUsage } from './price-usage.js';

const source: Provenance = { url: 'https://example.com/test-prices', retrieved: '2026-11-01', kind: 'user' };

/** A test meter (made-up rates, USD per million tokens). */
function meter(rates: TokenRates, extra: Partial<TokenPricingMeter> = {}): TokenPricingMeter {
  return { kind: 'token-pricing', currency: 'USD', rates, source, ...extra };
}

function amount(cost: UsageCost): number {
  if (!cost.known) throw new Error(`expected a price, got: ${cost.reason}`);
  return cost.amount;
}

function reason(cost: UsageCost): string {
  if (cost.known) throw new Error(`expected unknown, got ${cost.amount} ${cost.currency}`);
  return cost.reason;
}

const usage = (u: NormalisedUsage): NormalisedUsage => u;
const at = (iso: string): Date => new Date(iso);
const anyTime = at('2026-11-21T12:00:00Z'); // a Saturday

describe('priceUsage: a real DeepSeek receipt, priced by hand from the catalog meter', () => {
  // The deepseek-v4-pro meter as checked in (catalog/offerings/deepseek.json): off-peak USD 0.66 input (cache miss),
  // 0.022 cached input (cache hit), 1.98 output per million; cacheWrite free; peak ×2 on weekdays 09:00-12:00 and
  // 14:00-18:00 Asia/Shanghai.
  const offerings = JSON.parse(
    readFileSync(new URL('../../../../catalog/offerings/deepseek.json', import.meta.url), 'utf8'),
  ) as { offerings: { wireId: string; meter: UsageMeter }[] };
  const pro = offerings.offerings.find((offering) => offering.wireId === 'deepseek-v4-pro')!.meter;
  // The recorded deepseek-reasoner tool-call stream's finish chunk (usage/__fixtures__/deepseek_reasoner_toolcall_stream):
  // prompt 339 = 320 cache hits + 19 misses; 83 output tokens of which 39 reasoning.
  const lastChunk = readFileSync(
    new URL('../usage/__fixtures__/deepseek_reasoner_toolcall_stream.chunks.txt', import.meta.url),
    'utf8',
  )
    .trim()
    .split('\n')
    .at(-1)!;
  const reading = normaliseUsage(JSON.parse(lastChunk), { protocol: 'chat-completions', dialect: 'deepseek' });
  if (!reading.known) throw new Error(reading.reason);
  const receipt = reading.usage;

  it('off-peak (Saturday in Beijing): 19 × 0.66 + 320 × 0.022 + 83 × 1.98 per million', () => {
    // input       19 × 0.66  / 1e6 = 0.00001254
    // cachedInput 320 × 0.022 / 1e6 = 0.00000704
    // output      83 × 1.98  / 1e6 = 0.00016434   (reasoning has no rate of its own: priced as output, once)
    // total                         = 0.00018392 USD
    const cost = priceUsage(pro, receipt, at('2026-11-21T02:30:00Z'));
    expect(cost).toEqual({
      known: true,
      amount: 0.00018392,
      currency: 'USD',
      breakdown: [
        { tokenClass: 'input', tokens: 19, ratePerMillion: 0.66, amount: 0.00001254 },
        { tokenClass: 'cachedInput', tokens: 320, ratePerMillion: 0.022, amount: 0.00000704 },
        { tokenClass: 'output', tokens: 83, ratePerMillion: 1.98, amount: 0.00016434 },
      ],
      source: pro.kind === 'token-pricing' ? pro.source : undefined,
    });
  });

  it('peak (Friday 10:30 in Beijing = 02:30 UTC): every rate doubled', () => {
    // input       19 × 1.32  / 1e6 = 0.00002508
    // cachedInput 320 × 0.044 / 1e6 = 0.00001408
    // output      83 × 3.96  / 1e6 = 0.00032868
    // total                         = 0.00036784 USD
    const cost = priceUsage(pro, receipt, at('2026-11-20T02:30:00Z'));
    expect(cost).toMatchObject({ known: true, amount: 0.00036784, timeTier: 'peak' });
    expect(cost.known && cost.breakdown.map((line) => line.ratePerMillion)).toEqual([1.32, 0.044, 3.96]);
  });
});

describe('priceUsage: token classes', () => {
  const anthropicLike = meter({ input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 });

  it('Anthropic-format usage: uncached input = 1114 − 1111 − 0, cache reads at their own rate, counted once', () => {
    const body = JSON.parse(
      readFileSync(
        new URL('../usage/__fixtures__/anthropic_messages_sonnet45_cache_first.json', import.meta.url),
        'utf8',
      ),
    );
    const reading = normaliseUsage(body, { protocol: 'anthropic-messages' });
    if (!reading.known) throw new Error(reading.reason);
    // input 3 × 3 = 9; cachedInput 1111 × 0.3 = 333.3; output 406 × 15 = 6090; sum 6432.3 per million = 0.0064323
    expect(priceUsage(anthropicLike, reading.usage, anyTime)).toMatchObject({
      known: true,
      amount: 0.0064323,
      breakdown: [
        { tokenClass: 'input', tokens: 3, amount: 0.000009 },
        { tokenClass: 'cachedInput', tokens: 1111, amount: 0.0003333 },
        { tokenClass: 'output', tokens: 406, amount: 0.00609 },
      ],
    });
  });

  it('cache writes at their rate', () => {
    const cost = priceUsage(
      anthropicLike,
      usage({ inputTokens: 1000, cachedInputTokens: 0, cacheWriteTokens: 1000, outputTokens: 0 }),
      anyTime,
    );
    expect(cost).toMatchObject({
      known: true,
      amount: 0.00375,
      breakdown: [{ tokenClass: 'cacheWrite', tokens: 1000 }],
    });
  });

  it('reasoning: at the reasoning rate when the meter has one (taken out of output), else as output; never twice', () => {
    const u = usage({ inputTokens: 0, outputTokens: 1000, reasoningTokens: 400 });
    expect(priceUsage(meter({ input: 1, output: 10, reasoning: 20 }), u, anyTime)).toMatchObject({
      amount: 0.014, // 600 × 10 + 400 × 20 = 14000 per million
      breakdown: [
        { tokenClass: 'output', tokens: 600, ratePerMillion: 10 },
        { tokenClass: 'reasoning', tokens: 400, ratePerMillion: 20 },
      ],
    });
    expect(priceUsage(meter({ input: 1, output: 10 }), u, anyTime)).toMatchObject({
      amount: 0.01, // 1000 × 10
      breakdown: [{ tokenClass: 'output', tokens: 1000 }],
    });
    expect(
      reason(
        priceUsage(meter({ input: 1, output: 10, reasoning: 20 }), usage({ inputTokens: 0, outputTokens: 5 }), anyTime),
      ),
    ).toMatch(/reasoning rate, and the usage does not say how many reasoningTokens/);
  });

  it('free classes cost 0 and say so', () => {
    const cost = priceUsage(
      meter({ input: 1, output: 2 }, { freeTokenClasses: ['cachedInput', 'reasoning'] }),
      usage({ inputTokens: 100, cachedInputTokens: 60, outputTokens: 50, reasoningTokens: 20 }),
      anyTime,
    );
    expect(cost).toMatchObject({
      known: true,
      amount: 0.0001, // 40 × 1 + 30 × 2 = 100 per million
      breakdown: [
        { tokenClass: 'input', tokens: 40, amount: 0.00004 },
        { tokenClass: 'cachedInput', tokens: 60, ratePerMillion: 0, amount: 0, free: true },
        { tokenClass: 'output', tokens: 30, amount: 0.00006 },
        { tokenClass: 'reasoning', tokens: 20, ratePerMillion: 0, amount: 0, free: true },
      ],
    });
  });

  it('zero tokens cost a known 0; lines only for classes with tokens', () => {
    expect(priceUsage(meter({ input: 1, output: 2 }), usage({ inputTokens: 0, outputTokens: 0 }), anyTime)).toEqual({
      known: true,
      amount: 0,
      currency: 'USD',
      breakdown: [],
      source,
    });
  });
});

describe('priceUsage: unknown, never 0 and never a guess', () => {
  const u = usage({ inputTokens: 100, cachedInputTokens: 10, outputTokens: 50 });

  it.each<[string, UsageMeter]>([
    ['unknown', { kind: 'unknown', reason: 'custom endpoint https://proxy.example' }],
    ['local', { kind: 'local' }],
    ['subscription-quota', { kind: 'subscription-quota', source }],
    ['account-credits', { kind: 'account-credits', currency: 'USD', source }],
  ])('a %s meter', (_kind, m) => {
    expect(priceUsage(m, u, anyTime).known).toBe(false);
  });

  it('says why', () => {
    expect(reason(priceUsage({ kind: 'unknown', reason: 'custom endpoint https://proxy.example' }, u, anyTime))).toBe(
      'no price for this route: custom endpoint https://proxy.example',
    );
    expect(reason(priceUsage(meter({ input: 1, cachedInput: 0.1 }), u, anyTime))).toBe('no output rate for 50 tokens');
    expect(reason(priceUsage(meter({ input: 1, output: 2 }), u, anyTime))).toBe('no cachedInput rate for 10 tokens');
    expect(reason(priceUsage(meter({ input: 1, output: 2 }), usage({ outputTokens: 3 }), anyTime))).toBe(
      'the usage has no input token count',
    );
    expect(reason(priceUsage(meter({ input: 1, output: 2 }), usage({ inputTokens: 3 }), anyTime))).toBe(
      'the usage has no output token count',
    );
    expect(
      reason(
        priceUsage(
          meter({ input: 1, cachedInput: 0.1, output: 2 }),
          usage({ inputTokens: 3, outputTokens: 1 }),
          anyTime,
        ),
      ),
    ).toMatch(/cachedInput rate, and the usage does not say how many cachedInputTokens/);
    expect(
      reason(
        priceUsage(
          meter({ input: 1, cacheWrite: 1.25, output: 2 }),
          usage({ inputTokens: 3, outputTokens: 1 }),
          anyTime,
        ),
      ),
    ).toMatch(/cacheWrite rate/);
  });

  it('an absent cache count the meter has no rate for counts as none (a provider that reports no cache)', () => {
    expect(
      amount(priceUsage(meter({ input: 1, output: 2 }), usage({ inputTokens: 3, outputTokens: 1 }), anyTime)),
    ).toBe(0.000005);
  });

  it('invalid counts, dates, rates and time zones', () => {
    const m = meter({ input: 1, output: 2 });
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 100_000_001])
      expect(priceUsage(m, usage({ inputTokens: bad, outputTokens: 1 }), anyTime).known).toBe(false);
    expect(priceUsage(m, usage({ inputTokens: 5, cachedInputTokens: 6, outputTokens: 1 }), anyTime).known).toBe(false);
    expect(priceUsage(m, usage({ inputTokens: 5, outputTokens: 1 }), new Date(Number.NaN)).known).toBe(false);
    expect(priceUsage(meter({ input: 0, output: 2 }), usage({ inputTokens: 5, outputTokens: 1 }), anyTime).known).toBe(
      false,
    );
    const window: TimeWindow = { days: ['mon'], start: '09:00', end: '10:00', timezone: 'Mars/Olympus_Mons' };
    expect(
      reason(
        priceUsage(
          meter({ input: 1, output: 2 }, { timeTiers: [{ name: 'peak', multiplier: 2, windows: [window] }] }),
          usage({ inputTokens: 5, outputTokens: 1 }),
          anyTime,
        ),
      ),
    ).toMatch(/time zone this runtime does not know: Mars\/Olympus_Mons/);
    expect(priceUsage(null as unknown as UsageMeter, usage({ inputTokens: 5, outputTokens: 1 }), anyTime)).toEqual({
      known: false,
      reason: 'the meter or usage could not be read',
    });
  });

  it('prices not yet in effect at the request time', () => {
    const m = meter({ input: 1, output: 2 }, { effectiveFrom: '2026-09-10' });
    const u2 = usage({ inputTokens: 5, outputTokens: 1 });
    expect(reason(priceUsage(m, u2, at('2026-09-09T23:59:59Z')))).toBe(
      'these prices apply from 2026-09-10 (UTC), after the request',
    );
    expect(priceUsage(m, u2, at('2026-09-10T00:00:00Z')).known).toBe(true);
  });
});

describe('priceUsage: tiers', () => {
  const u = (inputTokens: number): NormalisedUsage => ({ inputTokens, outputTokens: 1000 });

  it('a context tier applies from exactly minInputTokens and replaces the rates whole', () => {
    const m = meter(
      { input: 1, output: 10 },
      { contextTiers: [{ minInputTokens: 200_000, rates: { input: 2, output: 15 } }] },
    );
    expect(priceUsage(m, u(199_999), anyTime)).not.toHaveProperty('contextTier');
    expect(amount(priceUsage(m, u(199_999), anyTime))).toBe(0.209999); // 199999 × 1 + 1000 × 10
    expect(priceUsage(m, u(200_000), anyTime)).toMatchObject({ contextTier: 200_000, amount: 0.415 }); // 400000 + 15000
    const partial = meter(
      { input: 1, output: 10 },
      { contextTiers: [{ minInputTokens: 200_000, rates: { input: 2 } }] },
    );
    expect(reason(priceUsage(partial, u(200_000), anyTime))).toBe(
      'no output rate in the context tier from 200000 input tokens for 1000 tokens',
    );
  });

  it('the highest context tier reached wins, whatever their order', () => {
    const m = meter(
      { input: 1, output: 10 },
      {
        contextTiers: [
          { minInputTokens: 500_000, rates: { input: 4, output: 40 } },
          { minInputTokens: 100_000, rates: { input: 2, output: 20 } },
        ],
      },
    );
    expect(priceUsage(m, u(100_000), anyTime)).toMatchObject({ contextTier: 100_000 });
    expect(priceUsage(m, u(600_000), anyTime)).toMatchObject({ contextTier: 500_000 });
  });

  it('a time tier multiplies the context tier rates; a time tier with its own rates and a context tier is unknown', () => {
    const window: TimeWindow = { days: ['sat'], start: '00:00', end: '00:00', timezone: 'UTC' };
    const multiplied = meter(
      { input: 1, output: 10 },
      {
        timeTiers: [{ name: 'weekend', multiplier: 3, windows: [window] }],
        contextTiers: [{ minInputTokens: 10, rates: { input: 2, output: 20 } }],
      },
    );
    expect(priceUsage(multiplied, u(100), anyTime)).toMatchObject({
      timeTier: 'weekend',
      contextTier: 10,
      amount: 0.0606,
    }); // 100×6 + 1000×60
    const ownRates = meter(
      { input: 1, output: 10 },
      { timeTiers: [{ name: 'weekend', rates: { input: 0.5, output: 5 }, windows: [window] }] },
    );
    expect(priceUsage(ownRates, u(100), anyTime)).toMatchObject({ timeTier: 'weekend', amount: 0.00505 }); // 50 + 5000
    const both = meter(
      { input: 1, output: 10 },
      {
        timeTiers: [{ name: 'weekend', rates: { input: 0.5, output: 5 }, windows: [window] }],
        contextTiers: [{ minInputTokens: 10, rates: { input: 2, output: 20 } }],
      },
    );
    expect(reason(priceUsage(both, u(100), anyTime))).toMatch(
      /does not say how time tier "weekend"'s own rates combine/,
    );
  });
});

describe('priceUsage: time windows on their own time-zone clock, end exclusive', () => {
  const tierOf = (windows: TimeWindow[], iso: string): string | undefined => {
    const cost = priceUsage(
      meter({ input: 1, output: 1 }, { timeTiers: [{ name: 'peak', multiplier: 2, windows }] }),
      { inputTokens: 1, outputTokens: 1 },
      at(iso),
    );
    if (!cost.known) throw new Error(cost.reason);
    return cost.timeTier;
  };

  it('DeepSeek peak: Mon–Fri 09:00–12:00 and 14:00–18:00 Asia/Shanghai (UTC+8)', () => {
    const windows: TimeWindow[] = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00', timezone: 'Asia/Shanghai' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '18:00', timezone: 'Asia/Shanghai' },
    ];
    // Monday 2026-11-16 in Beijing.
    expect(tierOf(windows, '2026-11-16T00:59:00Z')).toBeUndefined(); // 08:59 local
    expect(tierOf(windows, '2026-11-16T01:00:00Z')).toBe('peak'); // 09:00
    expect(tierOf(windows, '2026-11-16T01:01:00Z')).toBe('peak'); // 09:01
    expect(tierOf(windows, '2026-11-16T03:59:00Z')).toBe('peak'); // 11:59
    expect(tierOf(windows, '2026-11-16T04:00:00Z')).toBeUndefined(); // 12:00, end exclusive
    expect(tierOf(windows, '2026-11-16T05:59:00Z')).toBeUndefined(); // 13:59
    expect(tierOf(windows, '2026-11-16T06:00:00Z')).toBe('peak'); // 14:00
    expect(tierOf(windows, '2026-11-16T09:59:00Z')).toBe('peak'); // 17:59
    expect(tierOf(windows, '2026-11-16T10:00:00Z')).toBeUndefined(); // 18:00
    // Friday 2026-11-20 17:30 UTC is already Saturday 01:30 in Beijing; Sunday 2026-11-22 at 01:00 UTC is 09:00 local.
    expect(tierOf(windows, '2026-11-20T09:59:00Z')).toBe('peak');
    expect(tierOf(windows, '2026-11-22T01:00:00Z')).toBeUndefined();
    // Sunday 2026-11-15 17:00 UTC is Monday 01:00 local: not peak; Sunday 2026-11-15 at 01:00 UTC: Sunday 09:00 local.
    expect(tierOf(windows, '2026-11-15T01:00:00Z')).toBeUndefined();
  });

  it('across a DST change (America/New_York): the local hours hold, the UTC instants move', () => {
    const windows: TimeWindow[] = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', timezone: 'America/New_York' },
    ];
    // Friday 2026-03-06, EST (UTC−5): 09:00 local = 14:00 UTC.
    expect(tierOf(windows, '2026-03-06T13:59:00Z')).toBeUndefined();
    expect(tierOf(windows, '2026-03-06T14:00:00Z')).toBe('peak');
    expect(tierOf(windows, '2026-03-06T14:01:00Z')).toBe('peak');
    expect(tierOf(windows, '2026-03-06T21:59:00Z')).toBe('peak'); // 16:59
    expect(tierOf(windows, '2026-03-06T22:00:00Z')).toBeUndefined(); // 17:00
    // Monday 2026-03-09, EDT (UTC−4) since Sunday: 09:00 local = 13:00 UTC.
    expect(tierOf(windows, '2026-03-09T12:59:00Z')).toBeUndefined();
    expect(tierOf(windows, '2026-03-09T13:00:00Z')).toBe('peak');
    expect(tierOf(windows, '2026-03-09T13:01:00Z')).toBe('peak');
    expect(tierOf(windows, '2026-03-09T20:59:00Z')).toBe('peak'); // 16:59
    expect(tierOf(windows, '2026-03-09T21:00:00Z')).toBeUndefined(); // 17:00
  });

  it('a window inside the skipped hour is empty that night; in the repeated hour it holds twice', () => {
    const night: TimeWindow[] = [{ days: ['sun'], start: '02:00', end: '03:00', timezone: 'America/New_York' }];
    // 2026-03-08: 01:59 EST (06:59 UTC) is followed by 03:00 EDT (07:00 UTC).
    expect(tierOf(night, '2026-03-08T06:59:00Z')).toBeUndefined();
    expect(tierOf(night, '2026-03-08T07:00:00Z')).toBeUndefined();
    // A week later (EDT): 02:00 local = 06:00 UTC.
    expect(tierOf(night, '2026-03-15T05:59:00Z')).toBeUndefined();
    expect(tierOf(night, '2026-03-15T06:00:00Z')).toBe('peak');
    expect(tierOf(night, '2026-03-15T06:59:00Z')).toBe('peak');
    expect(tierOf(night, '2026-03-15T07:00:00Z')).toBeUndefined();
    const repeated: TimeWindow[] = [{ days: ['sun'], start: '01:00', end: '02:00', timezone: 'America/New_York' }];
    // 2026-11-01: 01:00–01:59 happens in EDT (05:00–05:59 UTC) and again in EST (06:00–06:59 UTC).
    expect(tierOf(repeated, '2026-11-01T04:59:00Z')).toBeUndefined();
    expect(tierOf(repeated, '2026-11-01T05:00:00Z')).toBe('peak');
    expect(tierOf(repeated, '2026-11-01T05:59:00Z')).toBe('peak');
    expect(tierOf(repeated, '2026-11-01T06:00:00Z')).toBe('peak');
    expect(tierOf(repeated, '2026-11-01T06:59:00Z')).toBe('peak');
    expect(tierOf(repeated, '2026-11-01T07:00:00Z')).toBeUndefined(); // 02:00 EST
  });

  it('a window past midnight belongs to the day it starts on', () => {
    const late: TimeWindow[] = [{ days: ['fri'], start: '22:00', end: '02:00', timezone: 'UTC' }];
    expect(tierOf(late, '2026-11-20T21:59:00Z')).toBeUndefined(); // Friday
    expect(tierOf(late, '2026-11-20T22:00:00Z')).toBe('peak');
    expect(tierOf(late, '2026-11-21T01:59:00Z')).toBe('peak'); // Saturday
    expect(tierOf(late, '2026-11-21T02:00:00Z')).toBeUndefined();
    expect(tierOf(late, '2026-11-21T22:00:00Z')).toBeUndefined(); // Saturday night is not listed
  });
});

describe('priceUsage: properties', () => {
  const count = fc.integer({ min: 0, max: 5_000_000 });
  const rate = fc.double({ min: 0.001, max: 200, noNaN: true });
  const classes: readonly TokenClass[] = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'];

  /** Parts of a usage that can each grow on their own. */
  const parts = fc.record({ uncached: count, cached: count, write: count, plain: count, reasoning: count });
  type Parts = { uncached: number; cached: number; write: number; plain: number; reasoning: number };
  const toUsage = (p: Parts): NormalisedUsage => ({
    inputTokens: p.uncached + p.cached + p.write,
    cachedInputTokens: p.cached,
    cacheWriteTokens: p.write,
    outputTokens: p.plain + p.reasoning,
    reasoningTokens: p.reasoning,
  });

  /** Meters with every class priced or free, tiers that never lower a rate, and windows in a DST zone. */
  const meters = fc
    .record({
      rates: fc.record({ input: rate, cachedInput: rate, cacheWrite: rate, output: rate, reasoning: rate }),
      withReasoning: fc.boolean(),
      free: fc.subarray(['cachedInput', 'cacheWrite', 'reasoning'] as TokenClass[]),
      contextFactor: fc.option(fc.double({ min: 1, max: 3, noNaN: true }), { nil: undefined }),
      minInputTokens: fc.integer({ min: 1, max: 10_000_000 }),
      multiplier: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: undefined }),
    })
    .map(({ rates, withReasoning, free, contextFactor, minInputTokens, multiplier }): TokenPricingMeter => {
      const base: TokenRates = withReasoning ? rates : { ...rates, reasoning: undefined };
      const scaled = (factor: number): TokenRates =>
        Object.fromEntries(
          Object.entries(base)
            .filter(([, r]) => r !== undefined)
            .map(([c, r]) => [c, (r as number) * factor]),
        );
      return meter(Object.fromEntries(Object.entries(base).filter(([, r]) => r !== undefined)), {
        freeTokenClasses: free,
        ...(contextFactor ? { contextTiers: [{ minInputTokens, rates: scaled(contextFactor) }] } : {}),
        ...(multiplier
          ? {
              timeTiers: [
                {
                  name: 'peak',
                  multiplier,
                  windows: [
                    {
                      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
                      start: '09:00',
                      end: '17:00',
                      timezone: 'Europe/London',
                    },
                  ],
                },
              ],
            }
          : {}),
      });
    });
  const times = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2027-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const partNames = ['uncached', 'cached', 'write', 'plain', 'reasoning'] as const;

  it('monotone: more tokens of any class never cost less', () => {
    fc.assert(
      fc.property(
        meters,
        parts,
        fc.constantFrom(...partNames),
        fc.integer({ min: 1, max: 5_000_000 }),
        times,
        (m, p, grow, delta, when) => {
          const before = priceUsage(m, toUsage(p), when);
          const after = priceUsage(m, toUsage({ ...p, [grow]: p[grow] + delta }), when);
          expect(before.known && after.known).toBe(true);
          expect(amount(after)).toBeGreaterThanOrEqual(amount(before));
        },
      ),
    );
  });

  it('the amount is the sum of the lines, finite and not negative; free lines are 0 and free', () => {
    fc.assert(
      fc.property(meters, parts, times, (m, p, when) => {
        const cost = priceUsage(m, toUsage(p), when);
        if (!cost.known) throw new Error(cost.reason);
        expect(Number.isFinite(cost.amount) && cost.amount >= 0).toBe(true);
        const sum = cost.breakdown.reduce((total, line) => total + line.amount, 0);
        expect(Math.abs(cost.amount - sum)).toBeLessThan(1e-9);
        for (const line of cost.breakdown) {
          const free = m.freeTokenClasses?.includes(line.tokenClass) ?? false;
          expect(line.free === true).toBe(free);
          if (free) expect(line.amount).toBe(0);
        }
      }),
    );
  });

  it('free classes are free: more tokens of a free class change nothing', () => {
    fc.assert(
      fc.property(meters, parts, fc.integer({ min: 1, max: 1_000_000 }), times, (tiered, p, delta, when) => {
        // Free tokens still count toward the prompt size, so they may reach a context tier: compare without one.
        const m = { ...tiered, contextTiers: undefined };
        const free = m.freeTokenClasses ?? [];
        const before = amount(priceUsage(m, toUsage(p), when));
        if (free.includes('cachedInput'))
          expect(amount(priceUsage(m, toUsage({ ...p, cached: p.cached + delta }), when))).toBe(before);
        if (free.includes('cacheWrite'))
          expect(amount(priceUsage(m, toUsage({ ...p, write: p.write + delta }), when))).toBe(before);
        if (free.includes('reasoning'))
          expect(amount(priceUsage(m, toUsage({ ...p, reasoning: p.reasoning + delta }), when))).toBe(before);
      }),
    );
  });

  it('unknown never becomes a number: other meters, a class with tokens and no rate, a missing count', () => {
    const others = fc.constantFrom<UsageMeter>(
      { kind: 'unknown', reason: 'unpriced' },
      { kind: 'local' },
      { kind: 'subscription-quota', source },
      { kind: 'account-credits', source },
    );
    fc.assert(
      fc.property(others, parts, times, (m, p, when) => {
        expect(priceUsage(m, toUsage(p), when).known).toBe(false);
      }),
    );
    fc.assert(
      fc.property(meters, fc.constantFrom(...classes), parts, times, (m, missing, p, when) => {
        // Drop one class's rate (and its free mark): any tokens of it make the price unknown.
        const rates = { ...m.rates, [missing]: undefined };
        const unpriced = {
          ...m,
          rates,
          freeTokenClasses: (m.freeTokenClasses ?? []).filter((c) => c !== missing),
          contextTiers: undefined,
        };
        const u = toUsage(p);
        const cost = priceUsage(unpriced, u, when);
        const tokensOf: Record<TokenClass, number> = {
          input: p.uncached,
          cachedInput: p.cached,
          cacheWrite: p.write,
          // Without a reasoning rate, reasoning tokens are output tokens.
          output:
            missing === 'reasoning'
              ? p.plain + p.reasoning
              : m.rates.reasoning === undefined && !(m.freeTokenClasses ?? []).includes('reasoning')
                ? p.plain + p.reasoning
                : p.plain,
          reasoning: 0,
        };
        if (tokensOf[missing] > 0) expect(cost.known).toBe(false);
        const { inputTokens: _input, ...noInput } = u;
        expect(priceUsage(m, noInput, when).known).toBe(false);
        const { outputTokens: _output, ...noOutput } = u;
        expect(priceUsage(m, noOutput, when).known).toBe(false);
      }),
    );
  });
});
