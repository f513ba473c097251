import { offeringsFileSchema, type TokenPricingMeter } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import offeringsFile from '../../../catalog/offerings/deepseek.json' with { type: 'json' };
import { deepseekModels, deepseekOfferings } from './deepseek-offerings.js';

const meterOf = (wireId: string): TokenPricingMeter => {
  const meter = deepseekOfferings.find((offering) => offering.wireId === wireId)?.meter;
  if (meter?.kind !== 'token-pricing') throw new Error(`${wireId} has no token pricing`);
  return meter;
};

describe('catalog/offerings/deepseek.json', () => {
  it('is schema-valid and names the two models DeepSeek serves since 2026-09-10', () => {
    const file = offeringsFileSchema.parse(offeringsFile);
    expect(file.provider).toBe('deepseek');
    expect(file.offerings.map(({ wireId, model, default: isDefault }) => ({ wireId, model, isDefault }))).toEqual([
      { wireId: 'deepseek-v4-pro', model: 'deepseek-v4-pro', isDefault: true },
      { wireId: 'deepseek-flash', model: 'deepseek-v4.1-flash', isDefault: undefined },
    ]);
    expect(deepseekModels.map((model) => model.id)).toEqual(['deepseek-v4-pro', 'deepseek-v4.1-flash']);
  });

  it('carries no limits of its own (the profiles already hold 1,048,576 / 393,216)', () => {
    for (const offering of deepseekOfferings) expect(offering.limits).toBeUndefined();
    for (const model of deepseekModels) {
      expect(model.limits.contextWindow).toMatchObject({ value: 1_048_576 });
      expect(model.limits.maxOutput).toMatchObject({ value: 393_216 });
    }
  });

  it('prices: Sep-2026 off-peak rates, sourced; Pro output marked uncertain', () => {
    const pro = meterOf('deepseek-v4-pro');
    const flash = meterOf('deepseek-flash');
    expect(pro.rates).toEqual({ cachedInput: 0.022, input: 0.66, output: 1.98 });
    expect(flash.rates).toEqual({ cachedInput: 0.003, input: 0.15, output: 0.6 });
    for (const meter of [pro, flash]) {
      expect(meter.currency).toBe('USD');
      expect(meter.freeTokenClasses).toEqual(['cacheWrite']);
      expect(meter.source.kind).toBe('third-party');
      expect(meter.source.note).toContain('https://api-docs.deepseek.com/quick_start/pricing');
      expect(meter.note).toContain('https://api-docs.deepseek.com/guides/kv_cache');
      expect(meter.timeTiers).toHaveLength(1);
      expect(meter.timeTiers?.[0]).toMatchObject({ name: 'peak', multiplier: 2 });
    }
    expect(pro.source.uncertain).toBe(true);
    expect(pro.source.note).toMatch(/\$1\.98 comes from third-party listings/);
    expect(flash.source.uncertain).toBeUndefined();
  });
});

// The quoted rule: peak on weekdays 01:00-04:00 and 06:00-10:00 UTC; weekends in Beijing time are off-peak.
function quotedPeak(instant: Date): boolean {
  const beijingDay = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(instant);
  if (beijingDay === 'Sat' || beijingDay === 'Sun') return false;
  const utcDay = instant.getUTCDay();
  if (utcDay === 0 || utcDay === 6) return false;
  const minutes = instant.getUTCHours() * 60 + instant.getUTCMinutes();
  return (minutes >= 60 && minutes < 240) || (minutes >= 360 && minutes < 600);
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Whether an instant falls in one of the catalog's windows (evaluated in each window's own time zone). */
function catalogPeak(meter: TokenPricingMeter, instant: Date): boolean {
  return (meter.timeTiers ?? []).some((tier) =>
    tier.windows.some((window) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone: window.timezone,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(instant)
          .map((part) => [part.type, part.value]),
      );
      const day = DAY_NAMES.find((name) => name === String(parts.weekday).toLowerCase());
      if (!day || !window.days.includes(day)) return false;
      const clock = `${parts.hour}:${parts.minute}`;
      return clock >= window.start && clock < window.end;
    }),
  );
}

describe('peak windows', () => {
  it.each(['deepseek-v4-pro', 'deepseek-flash'])(
    '%s: Asia/Shanghai windows equal the quoted UTC rule over a whole week, every 15 minutes',
    (wireId) => {
      const meter = meterOf(wireId);
      const start = Date.UTC(2026, 10, 15, 0, 0); // Sunday 2026-11-15 00:00 UTC
      let peakSlots = 0;
      for (let minutes = 0; minutes < 8 * 24 * 60; minutes += 15) {
        const instant = new Date(start + minutes * 60_000);
        expect(catalogPeak(meter, instant), instant.toISOString()).toBe(quotedPeak(instant));
        if (quotedPeak(instant)) peakSlots += 1;
      }
      // 5 weekdays x 7 peak hours x 4 slots.
      expect(peakSlots).toBe(5 * 7 * 4);
    },
  );

  it('Saturday 01:30 UTC (09:30 Saturday in Beijing) is off-peak; Monday 02:00 UTC is peak', () => {
    const meter = meterOf('deepseek-flash');
    expect(catalogPeak(meter, new Date('2026-11-21T01:30:00Z'))).toBe(false);
    expect(catalogPeak(meter, new Date('2026-11-23T02:00:00Z'))).toBe(true);
    expect(catalogPeak(meter, new Date('2026-11-23T04:00:00Z'))).toBe(false);
    expect(catalogPeak(meter, new Date('2026-11-23T09:59:00Z'))).toBe(true);
  });
});
