import { readFileSync } from 'node:fs';
import type { LiveContext, LiveRequest, LiveResponse, MeterContext, ProviderModelOffering } from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deepseekOfferings } from './deepseek-offerings.js';
import { deepseekUsageMeter, parseDeepseekBalance } from './deepseek-usage-meter.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const balanceBody = fixture('deepseek-user-balance.json');

const pro: ProviderModelOffering = { ...deepseekOfferings[0]!, provider: 'deepseek' };
const officialChat = { key: 'chat', baseUrl: 'https://api.deepseek.com', official: true };
const officialAnthropic = { key: 'anthropic', baseUrl: 'https://api.deepseek.com/anthropic', official: true };
const custom = { key: 'chat', baseUrl: 'https://llm-proxy.example.com/v1', official: false };

const describeMeter = (context: Partial<MeterContext>) =>
  deepseekUsageMeter.describe({ providerId: 'deepseek', offering: pro, endpoint: officialChat, ...context });

describe('deepseekUsageMeter.describe', () => {
  it("gives the offering's token pricing on both official endpoints", () => {
    expect(describeMeter({})).toBe(pro.meter);
    expect(describeMeter({ endpoint: officialAnthropic })).toBe(pro.meter);
    expect(pro.meter).toMatchObject({ kind: 'token-pricing', currency: 'USD', rates: { input: 0.66 } });
  });

  it('is unknown on a custom endpoint, even with an offering', () => {
    expect(describeMeter({ endpoint: custom })).toEqual({
      kind: 'unknown',
      reason: "custom endpoint https://llm-proxy.example.com/v1: DeepSeek's prices apply only on its official API",
    });
  });

  it('is unknown for ids outside the catalog', () => {
    expect(describeMeter({ offering: undefined })).toEqual({
      kind: 'unknown',
      reason: "not in DeepSeek's catalog: no sourced price for this model id",
    });
  });
});

describe('parseDeepseekBalance', () => {
  it('parses the official example, keeping amounts as strings', () => {
    expect(parseDeepseekBalance(balanceBody, '2026-11-21T08:00:00.000Z')).toEqual({
      kind: 'account-credits',
      available: true,
      balances: [{ currency: 'CNY', total: '110.00', granted: '10.00', toppedUp: '100.00' }],
      fetchedAt: '2026-11-21T08:00:00.000Z',
    });
  });

  it('keeps several currencies, an empty list, and drops wrong-typed optional amounts', () => {
    const body = {
      is_available: false,
      balance_infos: [
        { currency: 'USD', total_balance: '0.00', granted_balance: 5, topped_up_balance: '0.00', extra: 'ignored' },
        { currency: 'CNY', total_balance: '-1.5' },
      ],
      unknown_field: { api_key: 'sk-should-never-be-copied-1234567890' },
    };
    const reading = parseDeepseekBalance(body, 'now');
    // Strict: an amount the body lacks is absent, not a key holding undefined.
    expect(reading).toStrictEqual({
      kind: 'account-credits',
      available: false,
      balances: [
        { currency: 'USD', total: '0.00', toppedUp: '0.00' },
        { currency: 'CNY', total: '-1.5' },
      ],
      fetchedAt: 'now',
    });
    expect(JSON.stringify(reading)).not.toContain('sk-');
    expect(parseDeepseekBalance({ is_available: true, balance_infos: [] }, 'now')).toMatchObject({ balances: [] });
  });

  it.each<[string, unknown, string]>([
    ['null', null, ''],
    ['an array', [], ''],
    ['a string', 'ok', ''],
    ['missing is_available', { balance_infos: [] }, 'is_available'],
    ['is_available as a string', { is_available: 'true', balance_infos: [] }, 'is_available'],
    ['missing balance_infos', { is_available: true }, 'balance_infos'],
    ['balance_infos as an object', { is_available: true, balance_infos: { currency: 'CNY' } }, 'balance_infos'],
    ['an entry that is a string', { is_available: true, balance_infos: ['CNY 110.00'] }, 'balance_infos[0]'],
    [
      'a numeric total',
      { is_available: true, balance_infos: [{ currency: 'CNY', total_balance: 110 }] },
      'balance_infos[0].total_balance',
    ],
    [
      'a non-decimal total',
      { is_available: true, balance_infos: [{ currency: 'CNY', total_balance: '1e3' }] },
      'balance_infos[0].total_balance',
    ],
    [
      'a bad currency',
      { is_available: true, balance_infos: [{ currency: 'yuan', total_balance: '1.00' }] },
      'balance_infos[0].currency',
    ],
    [
      'a huge list',
      {
        is_available: true,
        balance_infos: Array.from({ length: 25_000 }, () => ({ currency: 'CNY', total_balance: '1.00' })),
      },
      'balance_infos',
    ],
  ])('throws ListingParseError for %s', (_label, body, path) => {
    let caught: unknown;
    try {
      parseDeepseekBalance(body);
    } catch (error) {
      caught = error;
    }
    expect(ListingParseError.isInstance(caught)).toBe(true);
    expect((caught as ListingParseError).path).toBe(path);
    expect((caught as ListingParseError).code).toBe('INVALID_LISTING');
    expect((caught as ListingParseError).providerId).toBe('deepseek');
  });
});

function fakeContext(
  answer: (request: LiveRequest) => LiveResponse | Promise<LiveResponse>,
): LiveContext & { requests: LiveRequest[] } {
  const requests: LiveRequest[] = [];
  return {
    providerId: 'deepseek',
    baseUrl: 'https://api.deepseek.com',
    signal: new AbortController().signal,
    requests,
    request: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
}

const json = (status: number, body: unknown): LiveResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  json: body,
  text: JSON.stringify(body),
});

describe('deepseekUsageMeter.read', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T09:30:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('GETs /user/balance from the origin and parses it', async () => {
    const context = fakeContext(() => json(200, balanceBody));
    await expect(deepseekUsageMeter.read!(context)).resolves.toEqual({
      kind: 'account-credits',
      available: true,
      balances: [{ currency: 'CNY', total: '110.00', granted: '10.00', toppedUp: '100.00' }],
      fetchedAt: '2026-11-21T09:30:00.000Z',
    });
    expect(context.requests).toEqual([{ path: '/user/balance', from: 'origin', method: 'GET' }]);
  });

  it("turns a 401 into a ProviderHttpError with DeepSeek's message", async () => {
    const context = fakeContext(() => json(401, fixture('deepseek-error-401.json')));
    const error: unknown = await deepseekUsageMeter.read!(context).catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'http-status',
      code: 'HTTP_STATUS',
      status: 401,
      url: 'https://api.deepseek.com/user/balance',
      providerMessage: 'Authentication Fails, Your api key: ****cd15 is invalid',
      providerCode: 'invalid_request_error',
      message:
        '[deepseek] GET https://api.deepseek.com/user/balance returned HTTP 401: Authentication Fails, Your api key: ****cd15 is invalid',
    });
    expect((error as ProviderHttpError).isRetryable).toBe(false);
  });

  it('a non-JSON 200 or a malformed body is a ListingParseError', async () => {
    const html = fakeContext(() => ({ status: 200, headers: {}, json: undefined, text: '<html>' }));
    expect(ListingParseError.isInstance(await deepseekUsageMeter.read!(html).catch((caught: unknown) => caught))).toBe(
      true,
    );
    const bad = fakeContext(() =>
      json(200, { is_available: true, balance_infos: [{ currency: 'CNY', total_balance: 110 }] }),
    );
    const error = await deepseekUsageMeter.read!(bad).catch((caught: unknown) => caught);
    expect(ListingParseError.isInstance(error)).toBe(true);
    expect((error as ListingParseError).path).toBe('balance_infos[0].total_balance');
  });

  it("lets the host's own errors (network, timeout) through untouched", async () => {
    const failure = new ProviderHttpError('connect failed', {
      kind: 'network',
      url: 'https://api.deepseek.com/user/balance',
    });
    const context = fakeContext(() => {
      throw failure;
    });
    await expect(deepseekUsageMeter.read!(context)).rejects.toBe(failure);
  });
});
