import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  hostingOf,
  judgeRow,
  knownLicenseOf,
  licenseCounts,
  licenseIdOf,
  NO_FILTER,
  parseBound,
  yesCapabilities,
} from './route-filter.js';
import type { ModelRow, ProviderRow } from './types.js';

function provider(id: string, providerClass: ProviderRow['class']): ProviderRow {
  return {
    id,
    displayName: id.toUpperCase(),
    class: providerClass,
    aliases: [],
    offerings: 1,
    endpoint: null,
    auth: 'missing',
    credential: 'missing',
    keyVariables: [],
    liveListing: false,
    cache: { state: 'missing' },
  };
}

const providers = new Map([
  ['deepseek', provider('deepseek', 'direct')],
  ['vllm', provider('vllm', 'local')],
]);

const priced: ModelRow = {
  ref: 'deepseek:deepseek-v4-pro',
  provider: 'deepseek',
  wireId: 'deepseek-v4-pro',
  canonical: 'deepseek-v4-pro',
  contextWindow: 1_048_576,
  meter: { kind: 'token-pricing', currency: 'USD', input: 0.66, output: 1.98 },
  capabilities: { reasoning: 'yes', tools: 'yes', json: 'no', streaming: 'unknown', vision: 'no' },
  license: { value: 'mit', name: 'MIT License', spdx: 'MIT', url: 'https://example.test/LICENSE' },
  source: 'catalog',
  listed: null,
};
const unpriced: ModelRow = {
  ...priced,
  ref: 'deepseek:other',
  canonical: null,
  contextWindow: 'unknown',
  meter: { kind: 'unknown', note: 'no price' },
  capabilities: undefined,
  license: undefined,
};
const local: ModelRow = {
  ...priced,
  ref: 'vllm:qwen',
  provider: 'vllm',
  meter: { kind: 'local' },
  license: { value: 'apache-2.0', name: 'Apache 2.0' },
};
const unlicensed: ModelRow = {
  ...priced,
  ref: 'deepseek:flash',
  license: { value: 'unknown', reason: 'no card read' },
};

describe('judgeRow', () => {
  it('shows everything with no filter', () => {
    for (const row of [priced, unpriced, local]) expect(judgeRow(row, NO_FILTER, providers)).toBe('shown');
  });

  it('matches every word of the search in ref, canonical id or provider name', () => {
    expect(judgeRow(priced, { ...NO_FILTER, text: 'DEEPSEEK v4-pro' }, providers)).toBe('shown');
    expect(judgeRow(priced, { ...NO_FILTER, text: 'deepseek flash' }, providers)).toBe('filtered');
  });

  it('never lets an unknown price or context pass a bound: the row counts as unknown', () => {
    expect(judgeRow(unpriced, { ...NO_FILTER, maxInput: 1 }, providers)).toBe('unknown');
    expect(judgeRow(unpriced, { ...NO_FILTER, minContext: 1000 }, providers)).toBe('unknown');
    expect(judgeRow(priced, { ...NO_FILTER, maxInput: 0.5 }, providers)).toBe('filtered');
    expect(judgeRow(priced, { ...NO_FILTER, maxInput: 0.66, maxOutput: 2 }, providers)).toBe('shown');
    expect(judgeRow(priced, { ...NO_FILTER, minContext: 2_000_000 }, providers)).toBe('filtered');
  });

  it('lets local routes through price bounds (their cost is hardware, not tokens)', () => {
    expect(judgeRow(local, { ...NO_FILTER, maxOutput: 0.1 }, providers)).toBe('shown');
  });

  it('filters by hosting from the provider class', () => {
    expect(hostingOf(local, providers)).toBe('local');
    expect(hostingOf(priced, providers)).toBe('hosted');
    expect(judgeRow(priced, { ...NO_FILTER, hosting: 'local' }, providers)).toBe('filtered');
    expect(judgeRow(local, { ...NO_FILTER, hosting: 'local' }, providers)).toBe('shown');
  });

  it("reads capabilities from the row: a 'no' filters, an 'unknown' is counted apart", () => {
    expect(judgeRow(priced, { ...NO_FILTER, capabilities: ['tools', 'reasoning'] }, providers)).toBe('shown');
    expect(judgeRow(priced, { ...NO_FILTER, capabilities: ['json'] }, providers)).toBe('filtered');
    expect(judgeRow(priced, { ...NO_FILTER, capabilities: ['streaming'] }, providers)).toBe('unknown');
    // A known 'no' wins over an unknown fact elsewhere: the row is out for a reason the person can see.
    expect(judgeRow(priced, { ...NO_FILTER, capabilities: ['streaming', 'vision'] }, providers)).toBe('filtered');
  });

  it('treats every capability of a row without capabilities (ref does not resolve) as unknown', () => {
    expect(Object.values(capabilitiesOf(unpriced))).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(judgeRow(unpriced, { ...NO_FILTER, capabilities: ['tools'] }, providers)).toBe('unknown');
    expect(yesCapabilities(unpriced)).toEqual([]);
    expect(yesCapabilities(priced)).toEqual(['reasoning', 'tools']);
  });

  it('filters by licence id and never lets an unknown licence pass a licence filter', () => {
    expect(judgeRow(priced, { ...NO_FILTER, license: 'mit' }, providers)).toBe('shown');
    expect(judgeRow(local, { ...NO_FILTER, license: 'mit' }, providers)).toBe('filtered');
    expect(judgeRow(unlicensed, { ...NO_FILTER, license: 'mit' }, providers)).toBe('unknown');
    expect(judgeRow(unpriced, { ...NO_FILTER, license: 'apache-2.0' }, providers)).toBe('unknown');
    // Even a filter spelled "unknown" does not make the unknown licence a match.
    expect(judgeRow(unlicensed, { ...NO_FILTER, license: 'unknown' }, providers)).toBe('unknown');
    expect(judgeRow(unlicensed, NO_FILTER, providers)).toBe('shown');
  });

  it('combines the licence filter with the others: any known failing fact filters', () => {
    expect(judgeRow(unlicensed, { ...NO_FILTER, license: 'mit', capabilities: ['json'] }, providers)).toBe('filtered');
    expect(judgeRow(priced, { ...NO_FILTER, license: 'mit', hosting: 'local' }, providers)).toBe('filtered');
    expect(judgeRow(local, { ...NO_FILTER, license: 'apache-2.0', hosting: 'local' }, providers)).toBe('shown');
  });
});

describe('licences of rows', () => {
  it('gives the id or unknown, and the known licence only when stated', () => {
    expect(licenseIdOf(priced)).toBe('mit');
    expect(licenseIdOf(unlicensed)).toBe('unknown');
    expect(licenseIdOf(unpriced)).toBe('unknown');
    expect(knownLicenseOf(priced)?.spdx).toBe('MIT');
    expect(knownLicenseOf(unlicensed)).toBeUndefined();
    expect(knownLicenseOf(unpriced)).toBeUndefined();
  });

  it('counts the licence ids present, sorted, with the unknown ones apart', () => {
    expect(licenseCounts([priced, local, unlicensed, unpriced, { ...priced, ref: 'x:y' }])).toEqual({
      known: [
        ['apache-2.0', 1],
        ['mit', 2],
      ],
      unknown: 2,
    });
  });
});

describe('parseBound', () => {
  it('reads plain numbers and k/M suffixes, and nothing else', () => {
    expect(parseBound('')).toBeUndefined();
    expect(parseBound('128k')).toBe(128_000);
    expect(parseBound('1M')).toBe(1_000_000);
    expect(parseBound('131,072')).toBe(131_072);
    expect(parseBound('0.5')).toBe(0.5);
    expect(parseBound('-1')).toBeUndefined();
    expect(parseBound('abc')).toBeUndefined();
  });
});
