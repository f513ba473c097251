import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RETRY_AFTER_MAX_MS } from './parse-retry-after.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');

describe('parseRetryAfter', () => {
  const table: [string, string | string[] | undefined | null, number | undefined][] = [
    ['seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['seconds with spaces', '  30 ', 30_000],
    ['seconds with leading zeros', '007', 7000],
    ['an IMF-fixdate 90 s ahead', 'Sat, 21 Nov 2026 12:01:30 GMT', 90_000],
    ['an RFC 850 date 1 min ahead', 'Saturday, 21-Nov-26 12:01:00 GMT', 60_000],
    ['an asctime date 10 s ahead', 'Sat Nov 21 12:00:10 2026', 10_000],
    ['a date in the past (0)', 'Fri, 20 Nov 2026 12:00:00 GMT', 0],
    ['huge seconds (capped to 1 h)', '999999999999999999999999', RETRY_AFTER_MAX_MS],
    ['a date next year (capped to 1 h)', 'Sun, 21 Nov 2027 12:00:00 GMT', RETRY_AFTER_MAX_MS],
    ['the first of repeated headers', ['5', '10'], 5000],
    ['negative seconds', '-5', undefined],
    ['fractional seconds', '1.5', undefined],
    ['NaN', 'NaN', undefined],
    ['Infinity', 'Infinity', undefined],
    ['exponent notation', '1e3', undefined],
    ['hex', '0x10', undefined],
    ['a bare number is seconds, never a year', '2027', 2_027_000],
    ['garbage', 'soon', undefined],
    ['an invalid date with a day name', 'Mon, 99 Foo 2026 99:99:99 GMT', undefined],
    ['an empty string', '', undefined],
    ['a very long value', `Sat, ${'1'.repeat(100)}`, undefined],
    ['undefined', undefined, undefined],
    ['null', null, undefined],
  ];
  it.each(table)('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('uses the current time by default', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const parsed = parseRetryAfter(inTwoMinutes);
    expect(parsed).toBeGreaterThan(115_000);
    expect(parsed).toBeLessThanOrEqual(120_000);
  });

  it('never throws and returns undefined or a wait in [0, 1 h] for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^-?\d{0,30}$/),
          fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'x' : date.toUTCString())),
        ),
        fc.integer(),
        (value, now) => {
          const parsed = parseRetryAfter(value, now);
          return parsed === undefined || (Number.isInteger(parsed) && parsed >= 0 && parsed <= RETRY_AFTER_MAX_MS);
        },
      ),
    );
  });
});
