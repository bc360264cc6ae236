import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { localDaysBetween, localTimeOf, startOfLocalDay, zonedIsoString } from './local-time';

/** The local date and time of day as Intl shows them for one instant: no offsets, no cache. */
function referenceLocalTime(instant: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const part = (type: string) => format.formatToParts(instant).find((candidate) => candidate.type === type)!.value;
  return { date: `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`, minuteOfDay: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Half- and quarter-hour offsets, 30-minute DST (Lord Howe), 2-hour DST (Troll), both hemispheres, old offsets with seconds (some just west of Greenwich). */
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/St_Johns', 'America/Sao_Paulo', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Pacific/Chatham', 'Pacific/Apia', 'Antarctica/Troll', 'Africa/Casablanca',
  'Africa/Monrovia', 'Europe/Dublin'];

describe('local time of a reading', () => {
  it('keeps 07:10 at 07:10 across the spring daylight-saving change in Berlin', () => {
    expect(localTimeOf(new Date('2026-03-28T06:10:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-28', minuteOfDay: 430 });
    expect(localTimeOf(new Date('2026-03-30T05:10:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-30', minuteOfDay: 430 });
  });

  it('puts a late-evening UTC reading on the next day east of Greenwich and the same day west', () => {
    const instant = new Date('2026-06-01T23:30:00Z');
    expect(localTimeOf(instant, 'Asia/Tokyo').date).toBe('2026-06-02');
    expect(localTimeOf(instant, 'America/New_York').date).toBe('2026-06-01');
  });

  it('finds the instant a local day starts, with and without summer time', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('lists the calendar days of a period in the user time zone', () => {
    expect(localDaysBetween(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z'), 'Europe/Berlin')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
    expect(localDaysBetween(new Date('2026-01-01T00:30:00Z'), new Date('2026-01-01T01:00:00Z'), 'America/Los_Angeles')).toEqual([
      '2025-12-31',
    ]);
  });

  it('agrees with Intl for any instant in any zone, around offset changes too', () => {
    const instant = fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        expect(localTimeOf(at, zone)).toEqual(referenceLocalTime(at, zone));
      }),
      { numRuns: 3000 },
    );
    // Every minute around changes of 2026 by 60, 30 (at half past a UTC hour) and 120 minutes.
    const changes: Array<[string, string]> = [
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Antarctica/Troll', '2026-03-29T01:00:00Z'],
    ];
    for (const [zone, change] of changes) {
      for (let minute = -90; minute <= 90; minute++) {
        const at = new Date(Date.parse(change) + minute * 60_000 + 17_000);
        expect(localTimeOf(at, zone)).toEqual(referenceLocalTime(at, zone));
      }
    }
  });

  it('keeps the sign of an offset just west of Greenwich (Monrovia was 44:30 minutes behind until 1972)', () => {
    expect(localTimeOf(new Date('1960-06-01T12:00:00Z'), 'Africa/Monrovia')).toEqual({ date: '1960-06-01', minuteOfDay: 11 * 60 + 15 });
    expect(localTimeOf(new Date('1960-06-01T00:30:00Z'), 'Africa/Monrovia')).toEqual({ date: '1960-05-31', minuteOfDay: 23 * 60 + 45 });
  });

  it('agrees with date-fns since 1973 (where its offsets are right), a second reference besides Intl', () => {
    const modern = fc.date({ min: new Date('1973-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(modern, fc.constantFrom(...ZONES), (at, zone) => {
        const local = new TZDate(at.getTime(), zone);
        expect(localTimeOf(at, zone)).toEqual({ date: format(local, 'yyyy-MM-dd'), minuteOfDay: local.getHours() * 60 + local.getMinutes() });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the years 0 to 99 as they are (Intl calls year 0 "1 BC"; Date.UTC would make 99 into 1999)', () => {
    expect(localTimeOf(new Date('0000-06-01T12:00:00Z'), 'UTC')).toEqual({ date: '0000-06-01', minuteOfDay: 720 });
    expect(localTimeOf(new Date('0099-12-31T23:30:00Z'), 'UTC')).toEqual({ date: '0099-12-31', minuteOfDay: 23 * 60 + 30 });
    expect(zonedIsoString(new Date('0099-12-31T23:30:00Z'), 'UTC')).toBe('0099-12-31T23:30:00Z');
  });

  it('writes an instant with its local time and offset, exact to the millisecond', () => {
    expect(zonedIsoString(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(zonedIsoString(new Date('2026-01-15T12:00:00.250Z'), 'America/St_Johns')).toBe('2026-01-15T08:30:00.250-03:30');
    expect(zonedIsoString(new Date('2026-01-15T12:00:00Z'), 'UTC')).toBe('2026-01-15T12:00:00Z');
    // Berlin's local mean time was 53:28 minutes ahead: not writable as an ISO offset, so UTC.
    expect(zonedIsoString(new Date('1880-01-01T12:00:00Z'), 'Europe/Berlin')).toBe('1880-01-01T12:00:00Z');
    // Where offsets are whole minutes, as date-fns writes it, and always the same instant.
    const modern = fc.date({ min: new Date('1973-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(modern, fc.constantFrom(...ZONES), (at, zone) => {
        const written = zonedIsoString(at, zone);
        const pattern = at.getUTCMilliseconds() === 0 ? "yyyy-MM-dd'T'HH:mm:ssXXX" : "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
        expect(written).toBe(format(new TZDate(at.getTime(), zone), pattern));
        expect(Date.parse(written)).toBe(at.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a time zone it does not know', () => {
    expect(() => localTimeOf(new Date('2026-06-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
