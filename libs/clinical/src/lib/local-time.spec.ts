import { localDaysBetween, localTimeOf, startOfLocalDay } from './local-time';

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
});
