import { describe, expect, it } from 'vitest';
import { apiUrl } from './api.js';
import { explainParams, spendParams } from './query-params.js';

describe('explainParams', () => {
  it('asks auto for an empty route and leaves unset fields to the CLI', () => {
    const params = explainParams({ ref: ' ', purpose: '', require: [], prefer: '', reasoning: '', context: '' });
    expect(apiUrl('explain', params)).toBe('/api/explain?ref=auto');
  });

  it('sends every field the way the CLI flags take them', () => {
    const params = explainParams({
      ref: ' together:openai/gpt-oss-120b ',
      purpose: 'review',
      require: ['tools', 'json'],
      prefer: 'cost',
      reasoning: 'high',
      context: '128,000',
    });
    expect(apiUrl('explain', params)).toBe(
      '/api/explain?ref=together%3Aopenai%2Fgpt-oss-120b&purpose=review&require=tools&require=json&prefer=cost&reasoning=high&context=128000',
    );
  });
});

describe('spendParams', () => {
  it('turns a session into the session tag and drops empty filters', () => {
    expect(
      apiUrl('receipts-summary', { by: 'provider', ...spendParams({ since: '7d', until: '', session: ' s1 ' }) }),
    ).toBe('/api/receipts-summary?by=provider&since=7d&tag=session%3Ds1');
    expect(spendParams({ since: '', until: '', session: '' }).tag).toBeUndefined();
  });
});
