import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';

/** At most this many date ticks: seven to eight labels fit a desktop chart; chart.js thins them evenly on a phone. */
const DATE_TICKS_MAX = 8;
/** Steps a reader can follow: days, two days, weeks, then multiples of weeks, so every tick falls on the same weekday. */
const LONGEST_DAY_STEP = 364;
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91, 182, LONGEST_DAY_STEP];
const DAY_MS = 86_400_000;

/** The calendar-day step between date ticks for a period: the smallest that keeps the ticks within DATE_TICKS_MAX. */
export function dateTickStep(from: number, to: number): number {
  const days = (to - from) / DAY_MS;
  return DAY_STEPS.find((step) => days / step <= DATE_TICKS_MAX) ?? LONGEST_DAY_STEP;
}

/**
 * Ticks at local midnights in the time zone, every `dateTickStep` calendar days from the first
 * midnight at or after `from`. Counted in calendar days (not 24-hour steps from the epoch), so
 * they stay on midnight across a DST change, where a day lasts 23 or 25 hours.
 */
export function localMidnightTicks(from: number, to: number, timeZone: string): number[] {
  const step = dateTickStep(from, to);
  let midnight = startOfDay(new TZDate(from, timeZone));
  if (midnight.getTime() < from) midnight = addDays(midnight, 1);
  const ticks: number[] = [];
  for (; midnight.getTime() <= to; midnight = addDays(midnight, step)) ticks.push(midnight.getTime());
  return ticks;
}

/** Ticks every `hours` local hours from local midnight; on a DST day the local clock, not elapsed time, sets them. */
export function localHourTicks(dayStart: number, dayEnd: number, timeZone: string, hours: number): number[] {
  const midnight = startOfDay(new TZDate(dayStart, timeZone));
  const ticks: number[] = [];
  for (let hour = 0; hour < 24; hour += hours) {
    // Built from the wall clock: adding elapsed hours would slip an hour after a DST change.
    const tick = new TZDate(midnight.getFullYear(), midnight.getMonth(), midnight.getDate(), hour, 0, timeZone).getTime();
    if (tick >= dayStart && tick <= dayEnd && !ticks.includes(tick)) ticks.push(tick);
  }
  return ticks;
}

/** "21 Nov" / "Nov 21" / "21. Nov.": a tick's date in the app's locale, on the calendar of the time zone. */
export function dateTickLabel(locale: string, timeZone: string): (instant: number) => string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  return (instant) => format.format(instant);
}

/** A moment as a tooltip names it, in the app's locale and the time zone: "21 Nov, 08:15". */
export function dateTimeLabel(locale: string, timeZone: string): (instant: number) => string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (instant) => format.format(instant);
}
