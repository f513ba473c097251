import type { LiveContext, MeterContext, MeterReading, UsageMeter, UsageMeterPart } from '@codewhale/core';
import { requestOk } from '@codewhale/plugin-kit';
import { checkDeepseekBalanceBody } from './deepseek-balance-body.js';

const PROVIDER_ID = 'deepseek';
const BALANCE_PATH = '/user/balance';

/** The meter of a DeepSeek route: the offering's token pricing on an official endpoint, else unknown with the reason. */
function describeDeepseekMeter(context: MeterContext): UsageMeter {
  if (!context.endpoint.official) {
    return {
      kind: 'unknown',
      reason: `custom endpoint ${context.endpoint.baseUrl}: DeepSeek's prices apply only on its official API`,
    };
  }
  if (!context.offering) {
    return { kind: 'unknown', reason: "not in DeepSeek's catalog: no sourced price for this model id" };
  }
  return context.offering.meter;
}

/**
 * Parse a `GET /user/balance` body into an account-credits reading. Amounts stay decimal strings, exactly as
 * reported. Throws `ListingParseError` (code `INVALID_LISTING`, with the path) for a body that does not fit.
 */
export function parseDeepseekBalance(body: unknown, fetchedAt: string = new Date().toISOString()): MeterReading {
  const parsed = checkDeepseekBalanceBody(body, PROVIDER_ID);
  return {
    kind: 'account-credits',
    available: parsed.is_available,
    balances: parsed.balance_infos.map((info) => ({
      currency: info.currency,
      total: info.total_balance,
      ...(info.granted_balance !== undefined ? { granted: info.granted_balance } : {}),
      ...(info.topped_up_balance !== undefined ? { toppedUp: info.topped_up_balance } : {}),
    })),
    fetchedAt,
  };
}

async function readDeepseekBalance(context: LiveContext): Promise<MeterReading> {
  // /user/balance sits at the API root, outside /v1 and /anthropic.
  const response = await requestOk(context, { path: BALANCE_PATH, from: 'origin', method: 'GET' });
  return parseDeepseekBalance(response.json);
}

/** DeepSeek's usage meter: token pricing per route, plus a live read of the account balance. */
export const deepseekUsageMeter: UsageMeterPart = {
  describe: describeDeepseekMeter,
  read: readDeepseekBalance,
};
