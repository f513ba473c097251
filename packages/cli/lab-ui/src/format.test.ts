import { describe, expect, it } from 'vitest';
import {
  formatCosts,
  formatMoney,
  formatRate,
  formatShare,
  formatTime,
  formatTokens,
  groupNumber,
  plural,
  safeHref,
  sourceTitle,
} from './format.js';

describe('format', () => {
  it('groups digits the same way in every locale', () => {
    expect(groupNumber(1_048_576)).toBe('1,048,576');
    expect(groupNumber(999)).toBe('999');
    expect(groupNumber(-1234.5)).toBe('-1,234.5');
  });

  it('keeps unknown facts unknown, never 0', () => {
    expect(formatTokens('unknown')).toBe('unknown');
    expect(formatTokens(undefined)).toBe('unknown');
    expect(formatRate(undefined)).toBe('unknown');
    expect(formatTokens(131_072)).toBe('131,072');
    expect(formatRate(0.66)).toBe('0.66');
  });

  it('formats money with at least two decimals and keeps fractions of a cent', () => {
    expect(formatMoney(0.5, 'USD')).toBe('USD 0.50');
    expect(formatMoney(0.75, 'USD')).toBe('USD 0.75');
    expect(formatMoney(0.1 + 0.2, 'USD')).toBe('USD 0.30');
    expect(formatMoney(0.000125, 'USD')).toBe('USD 0.000125');
    expect(formatMoney(1234.5, 'EUR')).toBe('EUR 1,234.50');
    expect(formatCosts({})).toBe('none');
    expect(formatCosts({ USD: 1.25, EUR: 0.5 })).toBe('EUR 0.50 + USD 1.25');
  });

  it('gives a share only when there is a whole', () => {
    expect(formatShare(600, 1000)).toBe('60.0%');
    expect(formatShare(0, 0)).toBe('n/a');
    expect(formatShare(1, 3)).toBe('33.3%');
  });

  it('pluralises counts', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(2_000, 'request')).toBe('2,000 requests');
  });

  it('prints times in UTC and leaves non-dates alone', () => {
    expect(formatTime('2026-12-02T09:00:00.000Z')).toBe('2026-12-02 09:00:00 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('https://api-docs.deepseek.com/quick_start/pricing')).toBe(
      'https://api-docs.deepseek.com/quick_start/pricing',
    );
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('states a source kind, date and URL in the hover text', () => {
    expect(sourceTitle({ kind: 'official', date: '2026-11-21', url: 'https://x.example/p', uncertain: true })).toBe(
      'Source kind: official (uncertain)\nRetrieved: 2026-11-21\nhttps://x.example/p',
    );
  });
});
