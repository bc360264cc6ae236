import { dailyPattern, glucoseStatistics, logbook, trendSeries, type GlucoseBand, type LogbookFigure } from '@glucodiary/clinical';
import {
  LOGBOOK_PERIOD_MAX_DAYS,
  fromMgdl,
  roundMgdl,
  type DailyPatternReport,
  type GlucoseUnit,
  type LogbookReport,
  type ReportPeriodQuery,
  type Statistics,
  type TrendReport,
} from '@glucodiary/contracts';
import type { PrismaClient, User } from '@glucodiary/db';
import { NotFoundError } from '../../core/errors';
import { readingPages, type PagedReading } from '../readings/reading-pages';
import { toReading } from '../readings/readings.service';
import { logbookTreatments } from './logbook-treatments';
import { resolvePeriod, type ReportPeriod } from './report-period';
import { statisticsTreatments } from './statistics-treatments';

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** What a clinician asks about, computed on the server from the readings of a period. */
export class ReportsService {
  constructor(private readonly db: PrismaClient) {}

  async statistics(userId: string, query: ReportPeriodQuery): Promise<Statistics> {
    const { user, period, unit, header } = await this.context(userId, query);
    let latest: PagedReading | undefined; // the walk goes oldest first: the last row seen
    const readings = await this.collect(userId, period, (row) => {
      latest = row;
      return { valueMgdl: row.valueMgdl, context: row.mealContext, takenAt: row.takenAt, kind: row.kind, source: row.source };
    });
    const stats = glucoseStatistics(readings, { lowMgdl: user.targetLowMgdl, highMgdl: user.targetHighMgdl }, period);
    const treatmentFigures = await statisticsTreatments(this.db, userId, period, user.timeZone);
    const inUnit = (mgdl: number | null) => (mgdl === null ? null : fromMgdl(mgdl, unit));
    // The walk reads what statistics need; the latest reading's app and trend arrow are read apart.
    const latestUpload = latest && (await this.db.reading.findUnique({ where: { id: latest.id }, select: { deviceName: true, direction: true } }));
    return {
      ...header,
      count: stats.count,
      readingsUsed: stats.readingsUsed,
      scansNotCounted: stats.scansNotCounted,
      sensorActivePercent: stats.sensorActivePercent === null ? null : oneDecimal(stats.sensorActivePercent),
      days: stats.days,
      readingsPerDay: oneDecimal(stats.readingsPerDay),
      mean: inUnit(stats.meanMgdl),
      standardDeviation: inUnit(stats.standardDeviationMgdl),
      coefficientOfVariation: stats.coefficientOfVariation === null ? null : oneDecimal(stats.coefficientOfVariation),
      gmiPercent: stats.gmiPercent === null ? null : oneDecimal(stats.gmiPercent),
      gmiMmolPerMol: stats.gmiMmolPerMol === null ? null : Math.round(stats.gmiMmolPerMol),
      lowest: inUnit(stats.lowestMgdl),
      highest: inUnit(stats.highestMgdl),
      timeInRange:
        stats.timeInRange &&
        (Object.fromEntries(Object.entries(stats.timeInRange).map(([band, share]) => [band, oneDecimal(share)])) as Record<
          GlucoseBand,
          number
        >),
      beforeMealMean: inUnit(stats.beforeMealMeanMgdl),
      afterMealMean: inUnit(stats.afterMealMeanMgdl),
      latest: latest ? toReading({ ...latest, ...latestUpload }, unit) : null,
      withheld: stats.withheld,
      ...treatmentFigures,
    };
  }

  async dailyPattern(userId: string, query: ReportPeriodQuery): Promise<DailyPatternReport> {
    const { user, period, unit, header } = await this.context(userId, query);
    const readings = await this.collect(userId, period, (row) => ({ ...timedValue(row), source: row.source }));
    const pattern = dailyPattern(readings, user.timeZone);
    const inUnit = (mgdl: number | null) => (mgdl === null ? null : fromMgdl(mgdl, unit));
    return {
      ...header,
      count: pattern.count,
      points: pattern.points.map((point) => ({
        hour: point.hour,
        count: point.count,
        p5: inUnit(point.p5),
        p25: inUnit(point.p25),
        median: inUnit(point.median),
        p75: inUnit(point.p75),
        p95: inUnit(point.p95),
      })),
    };
  }

  async trend(userId: string, query: ReportPeriodQuery): Promise<TrendReport> {
    const { period, unit, header } = await this.context(userId, query);
    const readings = await this.collect(userId, period, (row) => ({ ...timedValue(row), kind: row.kind }));
    const { bucketMinutes, points } = trendSeries(readings, period.from, period.to);
    return {
      ...header,
      count: readings.length,
      bucketMinutes,
      points: points.map((point) => ({
        at: new Date(point.at).toISOString(),
        value: fromMgdl(point.medianMgdl, unit),
        lowest: fromMgdl(point.lowestMgdl, unit),
        highest: fromMgdl(point.highestMgdl, unit),
        count: point.count,
        kind: point.kind,
      })),
    };
  }

  async logbook(userId: string, query: ReportPeriodQuery): Promise<LogbookReport> {
    const { user, period, unit, header } = await this.context(userId, query, {
      maxDays: LOGBOOK_PERIOD_MAX_DAYS,
      tooLong: `a logbook covers at most ${LOGBOOK_PERIOD_MAX_DAYS} days; export the readings for a longer period`,
    });
    const readings = await this.collect(userId, period, (row) => ({ ...row, context: row.mealContext }));
    const days = logbook(readings, user.timeZone, await logbookTreatments(this.db, userId, period));
    const inUnit = ({ valueMgdl, beyondRange }: LogbookFigure) => ({ value: fromMgdl(valueMgdl, unit), valueMgdl: roundMgdl(valueMgdl), beyondRange });
    return {
      ...header,
      days: days.map((day) => ({
        date: day.date,
        entries: day.entries.map((entry) => ({ slot: entry.slot, timing: entry.timing, reading: toReading(entry.reading, unit) })),
        sensorSummaries: day.sensorSummaries.map((summary) => ({
          slot: summary.slot,
          count: summary.count,
          median: inUnit(summary.median),
          lowest: inUnit(summary.lowest),
          highest: inUnit(summary.highest),
        })),
        treatments: day.treatments,
      })),
    };
  }

  private async context(userId: string, query: ReportPeriodQuery, limit?: { maxDays: number; tooLong: string }) {
    const user = await this.db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError('This account no longer exists.');
    const period = resolvePeriod(query, user.timeZone, limit);
    const unit = user.preferredUnit as GlucoseUnit;
    return { user, period, unit, header: reportHeader(user, period, unit) };
  }

  /**
   * What a report needs of each reading in the period, read a page at a time: two years of CGM
   * data are 210,000 rows, which held at once as database rows took hundreds of megabytes.
   */
  private async collect<T>(userId: string, period: ReportPeriod, pick: (row: PagedReading) => T): Promise<T[]> {
    const picked: T[] = [];
    for await (const page of readingPages(this.db, { userId, from: period.from, to: period.to })) {
      for (const row of page) picked.push(pick(row));
    }
    return picked;
  }
}

const timedValue = (row: PagedReading) => ({ takenAt: row.takenAt, valueMgdl: row.valueMgdl });

function reportHeader(user: User, period: ReportPeriod, unit: GlucoseUnit) {
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    timeZone: user.timeZone,
    unit,
    targetRange: { low: fromMgdl(user.targetLowMgdl, unit), high: fromMgdl(user.targetHighMgdl, unit) },
  };
}
