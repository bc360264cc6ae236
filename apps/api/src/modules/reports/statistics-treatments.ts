import { treatmentStatistics, type TreatmentForStatistics, type TreatmentStatistics } from '@glucodiary/clinical';
import type { InsulinAndCarbs, InsulinKind, InsulinPurpose, LabHba1c, Statistics, TreatmentType } from '@glucodiary/contracts';
import type { PrismaClient, Treatment } from '@glucodiary/db';
import type { ReportPeriod } from './report-period';

/** Rows per query: a pump's imported history can log a dose every few minutes, and a report may cover two years. */
export const STATISTICS_TREATMENT_PAGE_ROWS = 2000;

const COLUMNS = { id: true, takenAt: true, type: true, units: true, insulinKind: true, purpose: true, grams: true, value: true, unit: true } as const;
type TreatmentRow = Pick<Treatment, keyof typeof COLUMNS>;

/** Doses step by 0.05 units: hundredths keep a sum exact, without the float noise. */
const hundredths = (value: number) => Math.round(value * 100) / 100;
const orNull = (round: (value: number) => number) => (value: number | null) => (value === null ? null : round(value));
const oneDecimal = orNull((value) => Math.round(value * 10) / 10);
const daySum = orNull(hundredths);

/** The statistics' insulin, carbohydrates and lab HbA1c of a period, by local day in the user's time zone. */
export async function statisticsTreatments(
  db: PrismaClient,
  userId: string,
  period: ReportPeriod,
  timeZone: string,
  pageRows = STATISTICS_TREATMENT_PAGE_ROWS,
): Promise<Pick<Statistics, 'treatments' | 'hba1c'>> {
  const forStatistics: TreatmentForStatistics[] = [];
  for await (const page of treatmentPages(db, userId, period, pageRows)) {
    for (const row of page) {
      forStatistics.push({
        takenAt: row.takenAt,
        type: row.type as TreatmentType,
        units: row.units,
        insulinKind: row.insulinKind as InsulinKind | null,
        purpose: row.purpose as InsulinPurpose | null,
        grams: row.grams,
      });
    }
  }
  return { treatments: rounded(treatmentStatistics(forStatistics, timeZone, period)), hba1c: await labHba1c(db, userId, period) };
}

function rounded(stats: TreatmentStatistics): InsulinAndCarbs {
  return {
    daysWithInsulin: stats.daysWithInsulin,
    daysWithCarbs: stats.daysWithCarbs,
    daysWithMealInsulinAndCarbs: stats.daysWithMealInsulinAndCarbs,
    totalDailyInsulin: oneDecimal(stats.totalDailyInsulin),
    rapidPerDay: oneDecimal(stats.rapidPerDay),
    longPerDay: oneDecimal(stats.longPerDay),
    basalPercent: oneDecimal(stats.basalPercent),
    carbsPerDay: oneDecimal(stats.carbsPerDay),
    gramsPerUnit: oneDecimal(stats.gramsPerUnit),
    totals: {
      rapidUnits: hundredths(stats.totals.rapidUnits),
      longUnits: hundredths(stats.totals.longUnits),
      totalUnits: hundredths(stats.totals.totalUnits),
      carbsGrams: hundredths(stats.totals.carbsGrams),
    },
    days: stats.days.map((day) => ({
      date: day.date,
      rapidUnits: daySum(day.rapidUnits),
      longUnits: daySum(day.longUnits),
      totalUnits: daySum(day.totalUnits),
      carbsGrams: daySum(day.carbsGrams),
      partial: day.partial,
    })),
    withheld: stats.withheld,
  };
}

/** An HbA1c reflects about three months: one measured up to 90 days before the period's end still speaks for it. */
export const HBA1C_LOOKBACK_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Lab HbA1c values of the period and of the 90 days before its end, newest first. */
async function labHba1c(db: PrismaClient, userId: string, { from, to }: ReportPeriod): Promise<LabHba1c[]> {
  const since = new Date(Math.min(from.getTime(), to.getTime() - HBA1C_LOOKBACK_DAYS * DAY_MS));
  const rows = await db.treatment.findMany({
    where: { userId, type: 'hba1c', takenAt: { gte: since, lte: to } },
    orderBy: [{ takenAt: 'desc' }, { id: 'desc' }],
    take: 50,
    select: { value: true, unit: true, takenAt: true },
  });
  // The API's rules require a value and a unit of % or mmol/mol; a row without them has nothing to show.
  return rows.flatMap((row) => (row.value !== null && (row.unit === '%' || row.unit === 'mmol/mol') ? [{ value: row.value, unit: row.unit, takenAt: row.takenAt.toISOString() }] : []));
}

/**
 * The user's insulin and carbs of the period, oldest first, one page per query (keyset on
 * takenAt and id, as readings are walked), so a long period never holds more than a page of rows.
 */
async function* treatmentPages(db: PrismaClient, userId: string, { from, to }: ReportPeriod, pageRows: number): AsyncGenerator<TreatmentRow[]> {
  let after: TreatmentRow | undefined;
  for (;;) {
    const page = await db.treatment.findMany({
      where: {
        userId,
        type: { in: ['insulin', 'carbs'] },
        takenAt: { gte: after?.takenAt ?? from, lte: to },
        ...(after && { NOT: { takenAt: after.takenAt, id: { lte: after.id } } }),
      },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
      take: pageRows,
      select: COLUMNS,
    });
    if (page.length > 0) yield page;
    if (page.length < pageRows) return;
    after = page.at(-1);
  }
}
