import { describe, expect, it } from 'vitest';
import { apiUrl } from './api.js';
import { hashOf, PAGES, pageFromHash } from './router.js';

describe('pageFromHash', () => {
  it('reads each page back from its own hash', () => {
    for (const page of PAGES) expect(pageFromHash(hashOf(page.id))).toBe(page.id);
  });

  it('falls back to the routes page', () => {
    expect(pageFromHash('')).toBe('routes');
    expect(pageFromHash('#/nope')).toBe('routes');
    expect(pageFromHash('#/spend?since=7d')).toBe('spend');
  });
});

describe('apiUrl', () => {
  it('repeats list parameters, leaves empty ones out and encodes values', () => {
    expect(apiUrl('explain', { ref: 'auto', require: ['tools', 'json'], purpose: '', prefer: undefined })).toBe(
      '/api/explain?ref=auto&require=tools&require=json',
    );
    expect(apiUrl('receipts-summary', { by: 'day', tag: 'session=a b&c' })).toBe(
      '/api/receipts-summary?by=day&tag=session%3Da+b%26c',
    );
    expect(apiUrl('meta')).toBe('/api/meta');
  });
});
