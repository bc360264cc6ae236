import type { MealContext, ReadingKind } from '@glucodiary/contracts';
import { countedReadings, type MomentOfReading } from './counted-readings';
import { bandOf, GLUCOSE_BANDS, type GlucoseBand, type TargetRangeMgdl } from './glucose-bands';
import { mean, sampleStandardDeviation } from './percentile';
import { sensorActivePercent } from './sensor-active-time';

export type ReadingContext = MealContext;

export interface ReadingForStatistics extends MomentOfReading {
  valueMgdl: number;
  context: ReadingContext;
  kind: ReadingKind;
}

export interface StatisticsPeriod {
  from: Date;
  to: Date;
  /** Calendar days the period touches in the user's time zone. */
  days: number;
}

/** Below these counts a figure says more about chance than about the person: it is withheld. */
export const MINIMUM_READINGS = {
  average: 1,
  variability: 3,
  timeInRange: 5,
  /** GMI estimates a lab HbA1c; it is designed for 14 days of data, so ask for about 2 a day. */
  gmi: 28,
  mealAverage: 2,
} as const;

export interface FigureWithheld {
  figure: string;
  reason: string;
}

/** All glucose figures in mg/dL; the caller converts to the user's unit. */
export interface GlucoseStatistics {
  /** Readings used, each moment once (see `countedReadings`). */
  count: number;
  readingsUsed: Record<ReadingKind, number>;
  /** Sensor scans left out because the sensor's periodic history already covers their moment. */
  scansNotCounted: number;
  /** The consensus's "% of time CGM is active"; null without sensor history. */
  sensorActivePercent: number | null;
  days: number;
  readingsPerDay: number;
  meanMgdl: number | null;
  standardDeviationMgdl: number | null;
  /** Coefficient of variation, %. */
  coefficientOfVariation: number | null;
  gmiPercent: number | null;
  gmiMmolPerMol: number | null;
  lowestMgdl: number | null;
  highestMgdl: number | null;
  /** Share of readings in each band, % (sums to 100 up to rounding). */
  timeInRange: Record<GlucoseBand, number> | null;
  /** Fasting and before-meal readings. */
  beforeMealMeanMgdl: number | null;
  afterMealMeanMgdl: number | null;
  withheld: FigureWithheld[];
}

/** GMI (Bergenstal et al., Diabetes Care 2018): % = 3.31 + 0.02392 × mean mg/dL; mmol/mol from the IFCC master equation. */
export function glucoseManagementIndicator(meanMgdl: number): { percent: number; mmolPerMol: number } {
  const percent = 3.31 + 0.02392 * meanMgdl;
  return { percent, mmolPerMol: (percent - 2.15) * 10.929 };
}

/**
 * The figures of a period's readings, each moment counted once (a scan beside the sensor's history
 * is left out). `now` ends the sensor's active time of a period that has not ended yet.
 */
export function glucoseStatistics(
  allReadings: readonly ReadingForStatistics[],
  target: TargetRangeMgdl,
  { from, to, days }: StatisticsPeriod,
  now = new Date(),
): GlucoseStatistics {
  const { counted: readings, scansNotCounted } = countedReadings(allReadings);
  const values = readings.map((reading) => reading.valueMgdl);
  const count = values.length;
  const withheld: FigureWithheld[] = [];
  const enough = (figure: string, needed: number, have = count): boolean => {
    if (have >= needed) return true;
    withheld.push({ figure, reason: `needs at least ${needed} ${needed === 1 ? 'reading' : 'readings'}, has ${have}` });
    return false;
  };

  const average = enough('mean', MINIMUM_READINGS.average) ? mean(values) : null;
  const spread = enough('variability', MINIMUM_READINGS.variability) ? sampleStandardDeviation(values) : null;
  const gmi = enough('gmi', MINIMUM_READINGS.gmi) && average !== null ? glucoseManagementIndicator(average) : null;
  const before = readings.filter((r) => r.context === 'fasting' || r.context === 'before_meal').map((r) => r.valueMgdl);
  const after = readings.filter((r) => r.context === 'after_meal').map((r) => r.valueMgdl);
  const sensor = readings.reduce((sum, reading) => sum + (reading.kind === 'sensor' ? 1 : 0), 0);

  return {
    count,
    readingsUsed: { sensor, fingerstick: count - sensor },
    scansNotCounted,
    sensorActivePercent: sensorActivePercent(allReadings, from, to < now ? to : now),
    days,
    readingsPerDay: days > 0 ? count / days : 0,
    meanMgdl: average,
    standardDeviationMgdl: spread,
    coefficientOfVariation: spread !== null && average ? (spread / average) * 100 : null,
    gmiPercent: gmi?.percent ?? null,
    gmiMmolPerMol: gmi?.mmolPerMol ?? null,
    lowestMgdl: count > 0 ? values.reduce((low, value) => Math.min(low, value)) : null,
    highestMgdl: count > 0 ? values.reduce((high, value) => Math.max(high, value)) : null,
    timeInRange: enough('timeInRange', MINIMUM_READINGS.timeInRange) ? bandShares(values, target) : null,
    beforeMealMeanMgdl: enough('beforeMealMean', MINIMUM_READINGS.mealAverage, before.length) ? mean(before) : null,
    afterMealMeanMgdl: enough('afterMealMean', MINIMUM_READINGS.mealAverage, after.length) ? mean(after) : null,
    withheld,
  };
}

function bandShares(values: readonly number[], target: TargetRangeMgdl): Record<GlucoseBand, number> {
  const counts = Object.fromEntries(GLUCOSE_BANDS.map((band) => [band, 0])) as Record<GlucoseBand, number>;
  for (const value of values) counts[bandOf(value, target)] += 1;
  return Object.fromEntries(GLUCOSE_BANDS.map((band) => [band, (counts[band] / values.length) * 100])) as Record<
    GlucoseBand,
    number
  >;
}
