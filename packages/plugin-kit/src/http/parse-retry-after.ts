/** The longest wait {@link parseRetryAfter} returns: 1 hour. Longer requests are capped to this. */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1000;

// RFC 9110 section 10.2.3: delay-seconds (1*DIGIT) or an HTTP-date. IMF-fixdate is what senders must use; RFC 850 and
// asctime dates are obsolete but recipients must accept them. All three start with a day name.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/**
 * Parse a `Retry-After` header into milliseconds from `now`: delay-seconds (a non-negative integer) or an HTTP-date
 * (a past date gives 0). Waits longer than {@link RETRY_AFTER_MAX_MS} are capped to it. Negative, fractional,
 * empty or garbage values give `undefined`. Never throws.
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined | null,
  now: number = Date.now(),
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '' || text.length > 64) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  if (!Number.isFinite(date) || !Number.isFinite(now)) return undefined;
  return Math.min(Math.max(date - now, 0), RETRY_AFTER_MAX_MS);
}
