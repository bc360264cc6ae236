import { TZDate } from '@date-fns/tz';

/** Where an instant falls on the user's own calendar and clock, daylight-saving changes included. */
export interface LocalTime {
  /** YYYY-MM-DD in the user's time zone. */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const ms = instant.getTime();
  // The wall clock as a UTC date: the instant shifted by the zone's offset (old offsets have seconds).
  const wall = new Date(ms + offsetSecondsAt(ms, timeZone) * 1000);
  const date = `${String(wall.getUTCFullYear()).padStart(4, '0')}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())}`;
  return { date, minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}

/**
 * The instant as ISO 8601 with the zone's offset ("2026-03-29T03:30:00+02:00"; milliseconds
 * only when it has some): the local time a person recognises, and still the exact instant.
 * UTC is "Z"; so are offsets with seconds (local mean time before ~1900), which ISO cannot
 * write, and years outside 0000–9999.
 */
export function zonedIsoString(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const offset = offsetSecondsAt(ms, timeZone);
  const wallClock = new Date(ms + offset * 1000);
  const year = wallClock.getUTCFullYear();
  if (offset === 0 || offset % 60 !== 0 || year < 0 || year > 9999) return instant.toISOString().replace(/\.000Z$/, 'Z');
  const fraction = instant.getUTCMilliseconds() === 0 ? '' : instant.toISOString().slice(19, 23);
  const wall = wallClock.toISOString().slice(0, 19);
  const minutes = Math.abs(offset / 60);
  return `${wall}${fraction}${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
}

const HOUR_MS = 60 * 60 * 1000;
/** About 8 MB: two years of hours in each of several zones. */
const CACHED_HOURS_MAX = 100_000;
/** Per time zone, per UTC hour: the zone's offset in seconds, or null when it changes within that hour. */
const hourOffsets = new Map<string, Map<number, number | null>>();
let cachedHours = 0;

/**
 * The zone's UTC offset in seconds at an instant. Asking Intl costs microseconds and a year of
 * CGM data has 100,000 readings, so offsets are kept per hour: one that is the same at both
 * ends of the hour holds for all of it (no zone changes its offset twice within an hour).
 */
function offsetSecondsAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hourOffsets.get(timeZone)?.get(hour);
  if (offset === undefined) {
    const atStart = zoneOffsetSeconds(timeZone, hour * HOUR_MS); // throws for an unknown zone, before anything is cached
    offset = atStart === zoneOffsetSeconds(timeZone, (hour + 1) * HOUR_MS - 1) ? atStart : null;
    if (cachedHours >= CACHED_HOURS_MAX) {
      hourOffsets.clear();
      cachedHours = 0;
    }
    let zone = hourOffsets.get(timeZone);
    if (!zone) hourOffsets.set(timeZone, (zone = new Map()));
    zone.set(hour, offset);
    cachedHours++;
  }
  return offset ?? zoneOffsetSeconds(timeZone, ms);
}

/** One formatter per zone; the constructor throws a RangeError for a zone the runtime does not know. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset in whole seconds at an instant, from the wall clock Intl shows there. */
function zoneOffsetSeconds(timeZone: string, ms: number): number {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, clock);
  }
  const parts: Record<string, string> = {};
  for (const part of clock.formatToParts(ms)) parts[part.type] = part.value;
  const yearOfEra = Number(parts['year']);
  const year = parts['era'] === 'BC' ? 1 - yearOfEra : yearOfEra; // 1 BC is year 0
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day'])); // setUTCFullYear: years 0–99 stay themselves
  wall.setUTCHours(Number(parts['hour']) % 24, Number(parts['minute']), Number(parts['second']));
  return Math.round((wall.getTime() - Math.floor(ms / 1000) * 1000) / 1000);
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
