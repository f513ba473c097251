import type { TimeWindow } from '../schema/usage-meter.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const SHORT_WEEKDAYS: Readonly<Record<string, (typeof WEEKDAYS)[number]>> = {
  Sun: 'sun',
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** @internal A time zone that Intl does not know; the caller turns it into an unknown price. */
export class UnknownTimeZone {
  constructor(readonly timeZone: string) {}
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new UnknownTimeZone(timeZone);
    }
    formatters.set(timeZone, found);
  }
  return found;
}

// The last answer per time zone, by UTC minute: the wall clock cannot change within one (every offset in use since
// 1972 is whole minutes), and a host pricing many requests a minute asks Intl once per zone and minute instead of per request.
const lastWallClock = new Map<string, { readonly utcMinute: number; readonly day: number; readonly minute: number }>();

/** @internal The wall-clock weekday and minute of the day of an instant in an IANA time zone. */
export function wallClock(at: Date, timeZone: string): { readonly day: number; readonly minute: number } {
  const utcMinute = Math.floor(at.getTime() / 60_000);
  const cached = lastWallClock.get(timeZone);
  if (cached?.utcMinute === utcMinute) return cached;
  const parts = formatter(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = SHORT_WEEKDAYS[part('weekday')];
  const day = weekday === undefined ? -1 : WEEKDAYS.indexOf(weekday);
  const clock = { utcMinute, day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
  lastWallClock.set(timeZone, clock);
  return clock;
}

function minuteOf(clock: string): number {
  const [hours, minutes] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/**
 * @internal True when `at` falls in the window, read on the wall clock of the window's own time zone (so daylight
 * saving shifts the UTC instants, never the local hours). `start` is inclusive, `end` exclusive. A window whose `end`
 * is not after its `start` runs past midnight into the next day (`22:00`–`02:00`); `start` equal to `end` is a full
 * day from `start`. `days` are the days the window starts on.
 */
export function inTimeWindow(window: TimeWindow, at: Date): boolean {
  const { day, minute } = wallClock(at, window.timezone);
  if (day < 0) return false;
  const start = minuteOf(window.start);
  const end = minuteOf(window.end);
  const days = new Set<string>(window.days);
  const today = WEEKDAYS[day] as string;
  if (start < end) return days.has(today) && minute >= start && minute < end;
  const yesterday = WEEKDAYS[(day + 6) % 7] as string;
  return (days.has(today) && minute >= start) || (days.has(yesterday) && minute < end);
}
