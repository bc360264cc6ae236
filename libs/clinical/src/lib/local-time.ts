import { TZDate, tzOffset } from '@date-fns/tz';

/** Where an instant falls on the user's own calendar and clock, daylight-saving changes included. */
export interface LocalTime {
  /** YYYY-MM-DD in the user's time zone. */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const ms = instant.getTime();
  // The wall clock as a UTC date, shifted as TZDate does it (historical offsets have seconds).
  const wall = new Date(ms + offsetSecondsAt(ms, timeZone) * 1000);
  const date = `${String(wall.getUTCFullYear()).padStart(4, '0')}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())}`;
  return { date, minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}

const HOUR_MS = 60 * 60 * 1000;
const CACHED_HOURS_PER_ZONE = 100_000;
/** Per time zone, per UTC hour: the zone's offset in seconds, or null when it changes within that hour. */
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's UTC offset in seconds at an instant. Asking Intl costs microseconds and a year of
 * CGM data has 100,000 readings, so offsets are kept per hour: one that is the same at both
 * ends of the hour holds for all of it (no zone changes its offset twice within an hour).
 */
function offsetSecondsAt(ms: number, timeZone: string): number {
  let zone = hourOffsets.get(timeZone);
  if (!zone) hourOffsets.set(timeZone, (zone = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    if (zone.size >= CACHED_HOURS_PER_ZONE) zone.clear();
    const atStart = zoneOffsetSeconds(timeZone, hour * HOUR_MS);
    offset = atStart === zoneOffsetSeconds(timeZone, (hour + 1) * HOUR_MS - 1) ? atStart : null;
    zone.set(hour, offset);
  }
  return offset ?? zoneOffsetSeconds(timeZone, ms);
}

function zoneOffsetSeconds(timeZone: string, ms: number): number {
  const minutes = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return Math.round(minutes * 60);
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

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
