import { localDaysBetween, localTimeOf, startOfLocalDay } from '@glucodiary/clinical';
import { REPORT_PERIOD_DEFAULT_DAYS, REPORT_PERIOD_MAX_DAYS, type ReportPeriodQuery } from '@glucodiary/contracts';
import { FieldValidationError } from '../../core/errors';

export interface ReportPeriod {
  from: Date;
  to: Date;
  /** Calendar days the period touches in the user's time zone. */
  days: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The period a report covers. By default the last 14 calendar days in the user's time zone,
 * today included: from local midnight 13 days ago until now.
 */
export function resolvePeriod(
  query: ReportPeriodQuery,
  timeZone: string,
  { maxDays = REPORT_PERIOD_MAX_DAYS, tooLong = `a report covers at most ${maxDays} days`, now = new Date() }: { maxDays?: number; tooLong?: string; now?: Date } = {},
): ReportPeriod {
  const to = query.to ? new Date(query.to) : now;
  const from =
    query.from !== undefined
      ? new Date(query.from)
      : startOfLocalDay(
          localDaysBetween(new Date(to.getTime() - (REPORT_PERIOD_DEFAULT_DAYS - 1) * DAY_MS), to, timeZone)[0] ??
            localTimeOf(to, timeZone).date,
          timeZone,
        );
  if (from > to) throw new FieldValidationError([{ field: 'from', message: 'must not be after `to`' }]);
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new FieldValidationError([{ field: 'from', message: tooLong }]);
  }
  return { from, to, days: localDaysBetween(from, to, timeZone).length };
}
