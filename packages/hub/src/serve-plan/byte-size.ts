import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

const GIB = 1024 ** 3;

// Decimal units are powers of 1000 (SI), the `i` units powers of 1024 (IEC). A bare K/M/G/T letter is read as binary,
// as Docker's `--memory 8g` and `nvidia-smi`'s MiB figures do.
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * Parses a memory size such as `80GiB`, `24GB`, `81920MiB`, `48g` or `1073741824` (bytes) into whole bytes.
 * @throws {ServePlanError} `SERVE_PLAN_INVALID_BYTE_SIZE` for an empty, negative, zero, non-numeric or oversized value or an unknown unit.
 * @example parseByteSize('80GiB') // 85899345920
 */
export function parseByteSize(text: string, option = 'size'): number {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const match = SIZE_PATTERN.exec(trimmed);
  const fail = (why: string): never => {
    throw new ServePlanError(
      SERVE_PLAN_ERROR_CODES.invalidByteSize,
      option,
      `[serve-plan] ${option} ${JSON.stringify(typeof text === 'string' ? text.slice(0, 40) : text)} ${why}: write a positive size such as 80GiB, 24GB or 81920MiB.`,
    );
  };
  if (match === null) return fail('is not a size');
  const [, amountText = '', unitText = ''] = match;
  const multiplier = UNITS[unitText.toLowerCase() === '' ? 'b' : unitText.toLowerCase()];
  if (multiplier === undefined)
    return fail(`has an unknown unit "${unitText}" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)`);
  const bytes = Math.floor(Number(amountText) * multiplier);
  if (!Number.isFinite(bytes) || bytes <= 0) return fail('is not above zero');
  if (!Number.isSafeInteger(bytes)) return fail('is too large');
  return bytes;
}

/** Formats bytes as GiB with two decimals (`16.00 GiB`), the unit GPU memory is sold and reported in. */
export function formatByteSize(bytes: number): string {
  return `${(bytes / GIB).toFixed(2)} GiB`;
}
