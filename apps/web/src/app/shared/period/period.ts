import { startOfLocalDay, localTimeOf } from '@glucodiary/clinical';

export interface Period {
  from: Date;
  to: Date;
  days: number;
}

export const PERIOD_CHOICES = [7, 14, 30, 90] as const;

/** The last `days` calendar days in the user's time zone, today included, up to now. */
export function lastDays(days: number, timeZone: string, now = new Date()): Period {
  const today = localTimeOf(now, timeZone).date;
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const firstDay = new Date(Date.UTC(year, month - 1, day - (days - 1))).toISOString().slice(0, 10);
  return { from: startOfLocalDay(firstDay, timeZone), to: now, days };
}
