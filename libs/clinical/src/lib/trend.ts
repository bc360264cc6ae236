import type { ReadingKind } from '@glucodiary/contracts';
import { percentile } from './percentile';

/** A point of the trend: one reading, or the readings of one stretch of time. */
export interface TrendPoint {
  /** The reading's instant, or the middle of the stretch (epoch milliseconds). */
  at: number;
  /** The reading, or the median of the stretch, in mg/dL. */
  medianMgdl: number;
  lowestMgdl: number;
  highestMgdl: number;
  count: number;
  /** The reading's kind (a sensor's line or a finger-stick's point); null for a stretch, which may hold both. */
  kind: ReadingKind | null;
}

export interface TrendSeries {
  /** Null: every reading is a point. Otherwise each point sums up this many minutes. */
  bucketMinutes: number | null;
  points: TrendPoint[];
}

/** Up to this many readings, a chart shows each of them. */
export const TREND_READINGS_SHOWN_MAX = 2000;
/** Longer series are summed up in at most this many stretches. */
export const TREND_BUCKETS_MAX = 1000;
/** Stretch lengths a reader can name: from five minutes (a CGM's interval) to a day (enough for two years). */
const BUCKET_MINUTES = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

/**
 * Readings over a period for a chart. Up to TREND_READINGS_SHOWN_MAX readings each one is a
 * point; beyond (months of CGM data) the period is cut into equal stretches counted from
 * `from`, and each stretch with readings becomes its median with the lowest and highest around
 * it, so the whole period shows and a browser draws at most TREND_BUCKETS_MAX points.
 */
export function trendSeries(readings: readonly { takenAt: Date; valueMgdl: number; kind: ReadingKind }[], from: Date, to: Date): TrendSeries {
  const sorted = [...readings].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  if (sorted.length <= TREND_READINGS_SHOWN_MAX) {
    return {
      bucketMinutes: null,
      points: sorted.map(({ takenAt, valueMgdl, kind }) => ({
        at: takenAt.getTime(),
        medianMgdl: valueMgdl,
        lowestMgdl: valueMgdl,
        highestMgdl: valueMgdl,
        count: 1,
        kind,
      })),
    };
  }
  const spanMinutes = (to.getTime() - from.getTime()) / 60_000;
  // Fewer than TREND_BUCKETS_MAX stretches, so with a reading at exactly `to` there are at most that many.
  const bucketMinutes = BUCKET_MINUTES.find((minutes) => spanMinutes / minutes < TREND_BUCKETS_MAX) ?? BUCKET_MINUTES.at(-1)!;
  const bucketMs = bucketMinutes * 60_000;
  const bucketOf = (reading: { takenAt: Date }) => Math.floor((reading.takenAt.getTime() - from.getTime()) / bucketMs);
  const points: TrendPoint[] = [];
  let start = 0;
  while (start < sorted.length) {
    const bucket = bucketOf(sorted[start]!);
    let end = start;
    while (end < sorted.length && bucketOf(sorted[end]!) === bucket) end++;
    const values = sorted.slice(start, end).map((reading) => reading.valueMgdl).sort((a, b) => a - b);
    // The middle of the part of the stretch inside the period: the last one may be cut short by `to`.
    const stretchStart = from.getTime() + bucket * bucketMs;
    const stretchEnd = Math.min(stretchStart + bucketMs, Math.max(to.getTime(), stretchStart));
    points.push({
      at: (stretchStart + stretchEnd) / 2,
      medianMgdl: percentile(values, 50),
      lowestMgdl: values[0]!,
      highestMgdl: values.at(-1)!,
      count: values.length,
      kind: null,
    });
    start = end;
  }
  return { bucketMinutes, points };
}
