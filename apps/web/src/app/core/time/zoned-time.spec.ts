import { formatInZone, fromZonedInputValue, toZonedInputValue } from './zoned-time';

describe('zoned time', () => {
  it('shows an instant in the profile time zone, not the browser one', () => {
    expect(formatInZone('2026-07-01T05:30:00Z', 'Europe/Berlin', 'yyyy-MM-dd HH:mm')).toBe('2026-07-01 07:30');
    expect(formatInZone('2026-07-01T05:30:00Z', 'America/New_York', 'yyyy-MM-dd HH:mm')).toBe('2026-07-01 01:30');
  });

  it('round-trips a datetime-local value through the time zone, across daylight saving', () => {
    for (const instant of ['2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-10-25T12:00:00.000Z']) {
      const value = toZonedInputValue(new Date(instant), 'Europe/Berlin');
      expect(fromZonedInputValue(value, 'Europe/Berlin').toISOString()).toBe(instant);
    }
    expect(toZonedInputValue(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });
});
