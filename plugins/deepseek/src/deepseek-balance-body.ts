import { ListingParseError } from '@codewhale/plugin-kit';

/** One `balance_infos[]` entry as the parser keeps it. Amounts stay decimal strings, exactly as reported. */
export interface DeepseekBalanceInfo {
  readonly currency: string;
  readonly total_balance: string;
  readonly granted_balance?: string;
  readonly topped_up_balance?: string;
}

/** GET /user/balance (https://api-docs.deepseek.com/api/get-user-balance), checked. */
export interface DeepseekBalanceBody {
  readonly is_available: boolean;
  readonly balance_infos: readonly DeepseekBalanceInfo[];
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
/** One entry per currency; anything longer is not a balance body. */
const MAX_ENTRIES = 64;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isDecimal = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 64 && DECIMAL.test(value);

/**
 * Check a `/user/balance` body: `{ is_available, balance_infos: [{ currency, total_balance, granted_balance?,
 * topped_up_balance? }] }`. Unknown fields are ignored; an optional amount of the wrong type is dropped, not fatal.
 * Throws {@link ListingParseError} naming the first problem's path. Never echoes a value.
 */
export function checkDeepseekBalanceBody(body: unknown, providerId: string): DeepseekBalanceBody {
  const fail = (path: string, problem: string): never => {
    throw new ListingParseError(providerId, path, problem);
  };
  if (!isObject(body)) return fail('', 'expected an object');
  if (typeof body.is_available !== 'boolean') fail('is_available', 'expected true or false');
  const infos = body.balance_infos;
  if (!Array.isArray(infos)) return fail('balance_infos', 'expected a list');
  if (infos.length > MAX_ENTRIES) fail('balance_infos', `expected at most ${MAX_ENTRIES} entries`);
  const balances = infos.map((info: unknown, index): DeepseekBalanceInfo => {
    const at = `balance_infos[${index}]`;
    if (!isObject(info)) return fail(at, 'expected an object');
    if (typeof info.currency !== 'string' || !CURRENCY.test(info.currency))
      fail(`${at}.currency`, 'expected an ISO 4217 code such as CNY or USD');
    if (!isDecimal(info.total_balance)) fail(`${at}.total_balance`, 'expected a decimal string such as "110.00"');
    return {
      currency: info.currency as string,
      total_balance: info.total_balance as string,
      ...(isDecimal(info.granted_balance) ? { granted_balance: info.granted_balance } : {}),
      ...(isDecimal(info.topped_up_balance) ? { topped_up_balance: info.topped_up_balance } : {}),
    };
  });
  return { is_available: body.is_available as boolean, balance_infos: balances };
}
