import { lastDays } from './period';

describe('lastDays', () => {
  it('starts at local midnight of the first day and ends now', () => {
    const now = new Date('2026-07-10T15:00:00Z');
    const period = lastDays(14, 'Europe/Berlin', now);
    expect(period.from.toISOString()).toBe('2026-06-26T22:00:00.000Z');
    expect(period.to).toBe(now);
  });

  it('counts today as one of the days', () => {
    const now = new Date('2026-01-01T08:00:00Z');
    expect(lastDays(1, 'UTC', now).from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
