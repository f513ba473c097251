import { describe, expect, it } from 'vitest';
import {
  asRecord,
  booleanValue,
  integer,
  nonEmptyString,
  nonNegativeNumber,
  positivePrice,
  positiveInteger,
} from './listing-fields.js';

describe('listing field helpers', () => {
  it('asRecord accepts plain objects only', () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect([null, [], 'x', 1, undefined].map(asRecord)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ['positiveInteger', positiveInteger, [131072, 1], [0, -1, 1.5, '8192', Number.NaN, 2 ** 60, null]],
    ['integer', integer, [0, -5, 1756885796], [1.5, '1', Number.POSITIVE_INFINITY, null]],
    ['nonNegativeNumber', nonNegativeNumber, [0, 0.3, 1.69], [-0.01, Number.NaN, Number.POSITIVE_INFINITY, '0.3']],
    [
      'positivePrice',
      positivePrice,
      [Number.MIN_VALUE, 0.3, 1.69],
      [0, -0, -0.01, Number.NaN, Number.POSITIVE_INFINITY, '0.3'],
    ],
    ['nonEmptyString', nonEmptyString, ['x', ' '], ['', 1, null]],
    ['booleanValue', booleanValue, [true, false], ['true', 0, null]],
  ] as const)('%s keeps right values and never coerces', (_name, helper, good, bad) => {
    for (const value of good) expect((helper as (value: unknown) => unknown)(value)).toBe(value);
    for (const value of bad) expect((helper as (value: unknown) => unknown)(value)).toBeUndefined();
  });

  it('reads provider-specific fields from recorded-like entries', () => {
    const provider = { provider: 'novita', context_length: 1048576, pricing: { input: 1.69 }, supports_tools: true };
    expect(positiveInteger(provider.context_length)).toBe(1048576);
    expect(nonNegativeNumber(asRecord(provider.pricing)?.input)).toBe(1.69);
    expect(booleanValue(provider.supports_tools)).toBe(true);
  });
});
