import { countedReadings, type MomentOfReading } from './counted-readings';
import { localTimeOf } from './local-time';
import { percentile } from './percentile';

export interface PatternPoint {
  /** Hour of the local day this point describes, 0–23 (its centre is hh:30). */
  hour: number;
  /** Readings that contributed (those within the smoothing window). */
  count: number;
  p5: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p95: number | null;
}

/** Fewer readings than this in a window and its percentiles say nothing: they are left empty. */
export const MINIMUM_READINGS_PER_WINDOW = 5;
/**
 * Finger-stick readings are sparse, so each hour's percentiles use the readings within one hour
 * either side (a 3-hour window wrapping around midnight), the smoothing the AGP applies to CGM data.
 */
export const SMOOTHING_HOURS_EACH_SIDE = 1;

export interface DailyPattern {
  /** Readings the pattern draws on, each moment once (see `countedReadings`). */
  count: number;
  points: PatternPoint[];
}

/** The Ambulatory Glucose Profile's daily pattern: percentiles by local time of day, in mg/dL. */
export function dailyPattern(readings: readonly (MomentOfReading & { valueMgdl: number })[], timeZone: string): DailyPattern {
  const { counted } = countedReadings(readings);
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const reading of counted) {
    const hour = Math.floor(localTimeOf(reading.takenAt, timeZone).minuteOfDay / 60);
    byHour[hour]?.push(reading.valueMgdl);
  }
  return { count: counted.length, points: byHour.map((_, hour) => patternPoint(byHour, hour)) };
}

function patternPoint(byHour: readonly number[][], hour: number): PatternPoint {
  const window: number[] = [];
  for (let offset = -SMOOTHING_HOURS_EACH_SIDE; offset <= SMOOTHING_HOURS_EACH_SIDE; offset++) {
    // One by one: spreading an hour of a year's CGM data into push() would overflow the stack.
    for (const value of byHour[(hour + offset + 24) % 24] ?? []) window.push(value);
  }
  window.sort((a, b) => a - b);
  if (window.length < MINIMUM_READINGS_PER_WINDOW) {
    return { hour, count: window.length, p5: null, p25: null, median: null, p75: null, p95: null };
  }
  return {
    hour,
    count: window.length,
    p5: percentile(window, 5),
    p25: percentile(window, 25),
    median: percentile(window, 50),
    p75: percentile(window, 75),
    p95: percentile(window, 95),
  };
}
