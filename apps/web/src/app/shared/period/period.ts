import { addDays, startOfLocalDay, localTimeOf } from '@glucodiary/clinical';

export interface Period {
  from: Date;
  to: Date;
  days: number;
}

export const PERIOD_CHOICES = [7, 14, 30, 90] as const;

/** The last `days` calendar days in the user's time zone, today included, up to now. */
export function lastDays(days: number, timeZone: string, now = new Date()): Period {
  const today = localTimeOf(now, timeZone).date;
  const firstDay = addDays(today, -(days - 1));
  return { from: startOfLocalDay(firstDay, timeZone), to: now, days };
}
