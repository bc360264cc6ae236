import type { LogbookTreatment } from '@glucodiary/clinical';
import type { InsulinKind } from '@glucodiary/contracts';
import type { PrismaClient } from '@glucodiary/db';
import type { ReportPeriod } from './report-period';

/**
 * A user's insulin doses and carbs of a logbook's period, as the logbook sums them. Read in one
 * query: a logbook covers at most 92 days, and a day holds a few dozen of them, not a CGM's 288.
 */
export async function logbookTreatments(db: PrismaClient, userId: string, { from, to }: ReportPeriod): Promise<LogbookTreatment[]> {
  const rows = await db.treatment.findMany({
    where: { userId, type: { in: ['insulin', 'carbs'] }, takenAt: { gte: from, lte: to } },
    select: { type: true, takenAt: true, units: true, insulinKind: true, grams: true },
  });
  // The API's rules require each type's amount; a row without it would have nothing to add.
  return rows.flatMap(({ type, takenAt, units, insulinKind, grams }): LogbookTreatment[] => {
    if (type === 'insulin' && units !== null && insulinKind !== null) {
      return [{ type: 'insulin', takenAt, units, insulinKind: insulinKind as InsulinKind }];
    }
    if (type === 'carbs' && grams !== null) return [{ type: 'carbs', takenAt, grams }];
    return [];
  });
}
