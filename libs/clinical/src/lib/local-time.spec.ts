import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { localDaysBetween, localTimeOf, startOfLocalDay } from './local-time';

/** The local time as date-fns computes it for one instant, without localTimeOf's per-hour offsets. */
function referenceLocalTime(instant: Date, timeZone: string) {
  const local = new TZDate(instant.getTime(), timeZone);
  return { date: format(local, 'yyyy-MM-dd'), minuteOfDay: local.getHours() * 60 + local.getMinutes() };
}

/** Half- and quarter-hour offsets, 30-minute DST (Lord Howe), 2-hour DST (Troll), both hemispheres, old offsets with seconds. */
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/St_Johns', 'America/Sao_Paulo', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Pacific/Chatham', 'Pacific/Apia', 'Antarctica/Troll', 'Africa/Casablanca'];

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

  it('agrees with date-fns for any instant in any zone, around offset changes too', () => {
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

  it('refuses a time zone it does not know', () => {
    expect(() => localTimeOf(new Date('2026-06-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
