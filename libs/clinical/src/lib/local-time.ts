import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** Where an instant falls on the user's own calendar and clock, daylight-saving changes included. */
export interface LocalTime {
  /** YYYY-MM-DD in the user's time zone. */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const local = new TZDate(instant.getTime(), timeZone);
  return { date: format(local, 'yyyy-MM-dd'), minuteOfDay: local.getHours() * 60 + local.getMinutes() };
}

/** The instant at which a local calendar day begins in a time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

/** The calendar day `days` days after `date` (YYYY-MM-DD); negative `days` go back. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Calendar days (YYYY-MM-DD) from `from` to `to` inclusive, in the user's time zone. */
export function localDaysBetween(from: Date, to: Date, timeZone: string): string[] {
  const last = localTimeOf(to, timeZone).date;
  const days: string[] = [];
  let day = localTimeOf(from, timeZone).date;
  // Bounded: a period longer than ten years is refused upstream; this guards the loop regardless.
  while (day <= last && days.length < 3700) {
    days.push(day);
    day = addDays(day, 1);
  }
  return days;
}
