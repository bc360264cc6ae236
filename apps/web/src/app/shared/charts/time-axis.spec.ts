import { formatInZone } from '../../core/time/zoned-time';
import { dateTickStep, localHourTicks, localMidnightTicks } from './time-axis';

const DAY = 86_400_000;
const berlin = (instants: number[], pattern = 'yyyy-MM-dd HH:mm') => instants.map((instant) => formatInZone(new Date(instant), 'Europe/Berlin', pattern));

describe('time axis', () => {
  it('steps dates by days, two days or whole weeks, so a period shows at most eight', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect([7, 14, 30, 90, 365, 731].map((days) => dateTickStep(start, start + days * DAY))).toEqual([1, 2, 7, 14, 56, 182]);
  });

  it('starts the ticks at the first local midnight inside the period and keeps them on midnight after the clocks go back', () => {
    // 10:00 on 20 October in Berlin to a week later; summer time ends on 25 October.
    const ticks = localMidnightTicks(Date.parse('2026-10-20T08:00:00Z'), Date.parse('2026-10-27T08:00:00Z'), 'Europe/Berlin');
    expect(berlin(ticks)).toEqual(['2026-10-21 00:00', '2026-10-22 00:00', '2026-10-23 00:00', '2026-10-24 00:00', '2026-10-25 00:00', '2026-10-26 00:00', '2026-10-27 00:00']);
    // The day the clocks go back lasts 25 hours: the ticks follow the calendar, not 24-hour steps.
    expect(ticks[5]! - ticks[4]!).toBe(25 * 3_600_000);
  });

  it('puts hour ticks on the local clock on the 25-hour day', () => {
    const start = Date.parse('2026-10-24T22:00:00Z'); // midnight in Berlin, summer time
    const end = Date.parse('2026-10-25T22:59:59.999Z'); // the last moment of that local day
    expect(berlin(localHourTicks(start, end, 'Europe/Berlin', 3), 'HH:mm')).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
  });
});
