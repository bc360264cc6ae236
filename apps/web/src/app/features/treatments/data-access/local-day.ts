import { addDays, localTimeOf, startOfLocalDay } from '@glucodiary/clinical';

/** A calendar day as the Day page's address carries it: YYYY-MM-DD, in the user's time zone. */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function todayIn(timeZone: string, now = new Date()): string {
  return localTimeOf(now, timeZone).date;
}

/** Whether `text` names a real calendar day ("2026-02-30" does not). */
export function isLocalDate(text: string | null | undefined): text is string {
  return !!text && LOCAL_DATE.test(text) && addDays(text, 0) === text;
}

/**
 * The first and last instant of a local day. A day is not always 24 hours (23 or 25 when the
 * clocks change), so the end is the next day's start, less the millisecond the API's inclusive
 * `to` would otherwise share with it.
 */
export function dayBounds(day: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(day, timeZone), to: new Date(startOfLocalDay(addDays(day, 1), timeZone).getTime() - 1) };
}

/** Whether an instant falls on the local day. */
export function isOnDay(instant: string, day: string, timeZone: string): boolean {
  return localTimeOf(new Date(instant), timeZone).date === day;
}
