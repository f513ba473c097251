import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits.js';

describe('groupDigits', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    const integers = fc.maxSafeInteger().filter((value) => !Object.is(value, -0));
    fc.assert(
      fc.property(integers, (value) => {
        expect(groupDigits(value)).toBe(value.toLocaleString('en-US'));
      }),
    );
    expect([0, 999, 1000, 1_048_576, -12_345].map(groupDigits)).toEqual(['0', '999', '1,000', '1,048,576', '-12,345']);
  });

  it('keeps fractions (and -0) as String() writes them', () => {
    expect([2.5, 1234.75, -0.125, -0].map(groupDigits)).toEqual(['2.5', '1,234.75', '-0.125', '0']);
  });
});
